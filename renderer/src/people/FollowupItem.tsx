import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Followup } from '../../../shared/contract/followups';
import { api } from '../api';
import { href } from '../app/router';
import { daysFromToday, formatDate, formatDay, formatShortDate } from '../ui/format';

function due(f: Followup): string {
  const days = daysFromToday(f.dueDate);
  if (f.status !== 'open') return `Due ${formatDate(f.dueDate)}`;
  if (days < 0) return `Overdue by ${-days} ${days === -1 ? 'day' : 'days'} (due ${formatShortDate(f.dueDate)})`;
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  return `Due ${formatDay(f.dueDate)}`;
}

/** A follow-up with its due date (overdue ones say so) and a way to mark it done. */
export function FollowupItem({
  followup,
  showPerson,
  onChanged,
}: {
  followup: Followup;
  showPerson?: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  async function done() {
    setBusy(true);
    const r = await api.followups.close({ id: followup.id, status: 'done' });
    setBusy(false);
    if (r.ok) {
      notifications.show({ color: 'green', title: 'Follow-up done', message: followup.personName });
      onChanged();
    } else notifications.show({ color: 'red', title: 'Not saved', message: r.error.message });
  }
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="followup-item" data-overdue={followup.overdue || undefined}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            {showPerson ? (
              <Text fw={600} component="a" href={href(`/people/${followup.personId}`)} c="blue.8">
                {followup.personName}
              </Text>
            ) : null}
            <Text size="sm" fw={followup.overdue ? 700 : 400} c={followup.overdue ? 'red.9' : undefined}>
              {due(followup)}
            </Text>
            {followup.status !== 'open' ? (
              <Badge color={followup.status === 'done' ? 'green' : 'gray'} variant="light">
                {followup.status === 'done' ? 'Done' : 'Cancelled'}
              </Badge>
            ) : null}
          </Group>
          {followup.note ? <Text size="sm">{followup.note}</Text> : null}
          <Text size="xs" c="dimmed">
            Assigned to {followup.assignee.displayName}
            {followup.outcomeNote ? ` · ${followup.outcomeNote}` : ''}
          </Text>
        </Stack>
        {followup.status === 'open' ? (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconCheck size={14} aria-hidden />}
            loading={busy}
            onClick={() => void done()}
            aria-label={`Mark done: ${followup.note || followup.personName}`}
          >
            Done
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}
