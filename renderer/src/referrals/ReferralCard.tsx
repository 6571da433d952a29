import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { Referral } from '../../../shared/contract/referrals';
import { href } from '../app/router';
import { formatDate, formatShortDateTime } from '../ui/format';
import { methodLabel, needsText, ReferralStatusBadge } from './labels';

/** A referral in a list: provider, status, needs; a link to its page. */
export function ReferralCard({ referral: r, showPerson }: { referral: Referral; showPerson?: boolean }) {
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="referral-item">
      <Stack gap={2}>
        <Group gap="xs">
          <Anchor href={href(`/referrals/${r.id}`)} fw={700}>
            {showPerson ? `${r.personName}: ` : ''}
            {r.service.name}
          </Anchor>
          <ReferralStatusBadge status={r.status} closureReason={r.closureReason} />
          {r.needsFollowUp ? (
            <Badge color="orange" variant="light">
              No change for {r.daysSinceChange} days
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">
          {r.service.organizationName} · {needsText(r.needs)}
        </Text>
        <Text size="xs" c="dimmed">
          {methodLabel(r.method)} · referred {formatDate(r.referredOn)}
          {r.engagedOn ? ` · engaged ${formatDate(r.engagedOn)}` : ''} · last change {formatShortDateTime(r.statusChangedAt)}
        </Text>
      </Stack>
    </Card>
  );
}
