import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconClock } from '@tabler/icons-react';
import type { Milestone } from '../../../shared/contract/milestones';
import { formatDate, formatEventTime } from '../ui/format';
import { dueText, STATUS_COLORS, statusLabel, TEXT_COLORS } from './labels';

/** The status, and a red "Overdue by …" or orange "Due in …" flag for open milestones. */
export function StatusBadges({ m }: { m: Milestone }) {
  const flag = dueText(m);
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={STATUS_COLORS[m.status] ?? 'gray'} variant={m.status === 'done' ? 'filled' : 'light'}>
        {statusLabel(m.status)}
      </Badge>
      {flag ? (
        <Group gap={4} wrap="nowrap" c={m.overdue ? TEXT_COLORS.late : TEXT_COLORS.soon}>
          {m.overdue ? <IconAlertTriangle size={16} aria-hidden /> : <IconClock size={16} aria-hidden />}
          <Text span size="sm" fw={700} data-flag={m.overdue ? 'overdue' : 'due-soon'} style={{ whiteSpace: 'nowrap' }}>
            {flag}
          </Text>
        </Group>
      ) : null}
    </Group>
  );
}

/** The lines under a milestone's title: event time, partners, completion and evidence. */
export function MilestoneFacts({ m }: { m: Milestone }) {
  return (
    <>
      {m.eventDate && m.eventTime ? (
        <Group gap={4} wrap="nowrap">
          <IconCalendarEvent size={14} aria-hidden />
          <Text size="sm">Event: {formatEventTime(m.eventDate, m.eventTime, m.eventTimeZone)}</Text>
        </Group>
      ) : null}
      {m.organizations.length ? (
        <Text size="sm" c="dimmed">
          With {m.organizations.map((o) => o.name).join(', ')}
        </Text>
      ) : null}
      {m.status === 'done' && m.completedOn ? (
        <Text size="sm" c="dimmed">
          Completed {formatDate(m.completedOn)}
          {m.evidence ? ` · Evidence: ${m.evidence}` : ''}
        </Text>
      ) : null}
    </>
  );
}
