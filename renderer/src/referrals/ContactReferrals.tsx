import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useCallback } from 'react';
import { api } from '../api';
import { navigate } from '../app/router';
import { useQuery } from '../ui/useQuery';
import { ReferralCard } from './ReferralCard';

/** On a contact: the referrals made from it, and "Make a referral". */
export function ContactReferrals({ contactId, identified }: { contactId: string; identified: boolean }) {
  const fetchList = useCallback(() => api.referrals.list({ contactId }), [contactId]);
  const { data } = useQuery(fetchList);
  return (
    <section aria-labelledby="contact-referrals">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="contact-referrals">
          Referrals
        </Title>
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => navigate(`/referrals/new/contact/${contactId}`)}>
          Make a referral
        </Button>
      </Group>
      {!identified ? (
        <Text size="sm" c="dimmed">
          Link the contact to a person to make a referral.
        </Text>
      ) : data?.referrals.length ? (
        <Stack gap="xs">
          {data.referrals.map((r) => (
            <ReferralCard key={r.id} referral={r} />
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No referral from this contact yet.
        </Text>
      )}
    </section>
  );
}
