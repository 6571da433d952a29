import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { api } from '../api';
import { href } from '../app/router';
import { formatDate } from '../ui/format';
import { useQuery } from '../ui/useQuery';
import { categoriesText, ConsentStatusBadge } from './labels';
import { ReferralCard } from './ReferralCard';

/** Home: referrals without a status change for the follow-up period, and consents that end within 14 days. */
export function ReferralsHome() {
  const fetchHome = useCallback(() => api.referrals.home({}), []);
  const { data } = useQuery(fetchHome);
  if (!data || (!data.needsFollowUp.length && !data.expiringConsents.length)) return null;
  return (
    <SimpleGrid cols={{ base: 1, lg: data.expiringConsents.length && data.needsFollowUp.length ? 2 : 1 }} spacing="md">
      {data.needsFollowUp.length ? (
        <section aria-labelledby="home-referrals">
          <Title order={2} size="h3" id="home-referrals" mb="xs">
            Referrals needing follow-up ({data.needsFollowUpTotal})
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            No status change for {data.followUpDays} days or more: call the provider or the person, then record what happened.
          </Text>
          <Stack gap="xs">
            {data.needsFollowUp.slice(0, 8).map((r) => (
              <ReferralCard key={r.id} referral={r} showPerson />
            ))}
          </Stack>
        </section>
      ) : null}
      {data.expiringConsents.length ? (
        <section aria-labelledby="home-consents">
          <Title order={2} size="h3" id="home-consents" mb="xs">
            Consents expiring soon
          </Title>
          <Stack gap="xs">
            {data.expiringConsents.map((c) => (
              <Card key={c.id} withBorder padding="sm" radius="sm">
                <Group gap="xs">
                  <Anchor href={href(`/people/${c.personId}`)} fw={700}>
                    {c.personName}
                  </Anchor>
                  <ConsentStatusBadge status={c.status} expiringSoon={c.expiringSoon} />
                </Group>
                <Text size="sm">
                  {c.recipient.name}: {categoriesText(c.categories)} · expires {formatDate(c.expiresOn)}
                </Text>
              </Card>
            ))}
          </Stack>
        </section>
      ) : null}
    </SimpleGrid>
  );
}
