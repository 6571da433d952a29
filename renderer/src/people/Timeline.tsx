import { Card, Stack, Text, Timeline as MTimeline } from '@mantine/core';
import { IconCalendarEvent, IconGitMerge, IconMessageCircle, IconStethoscope } from '@tabler/icons-react';
import type { TimelineItem } from '../../../shared/contract/timeline';
import { SCREENERS } from '../../../shared/domain/screeners';
import { ContactCard } from '../intake/ContactCard';
import { formatDateTime } from '../ui/format';
import { FollowupItem } from './FollowupItem';

const ICONS = {
  contact: IconMessageCircle,
  screening: IconStethoscope,
  followup: IconCalendarEvent,
  merge: IconGitMerge,
} as const;

function Item({ item, onChanged }: { item: TimelineItem; onChanged: () => void }) {
  switch (item.kind) {
    case 'contact':
      return <ContactCard contact={item.contact} />;
    case 'screening': {
      const def = SCREENERS[item.screening.instrument];
      return (
        <Text size="sm">
          <strong>{def.label}</strong> screening done
          {item.screening.administeredBy ? `, by ${item.screening.administeredBy.displayName}` : ''} · {formatDateTime(item.at)}
        </Text>
      );
    }
    case 'followup':
      return <FollowupItem followup={item.followup} onChanged={onChanged} />;
    case 'merge': {
      const m = item.merge;
      const moved = Object.entries(m.moved)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      return (
        <Card withBorder padding="sm" radius="sm" bg="gray.0">
          <Text size="sm">
            <strong>Merged “{m.mergedName}”</strong> into this record on {formatDateTime(m.at)}
            {m.by ? ` by ${m.by.displayName}` : ''}. Moved: {moved || 'nothing'}.
            {m.fieldsFilled.length ? ` Filled: ${m.fieldsFilled.join(', ')}.` : ''}
            {m.aliasesAdded.length ? ` Aliases added: ${m.aliasesAdded.join(', ')}.` : ''} Reason: {m.reason}
          </Text>
        </Card>
      );
    }
  }
}

/** Contacts, screenings, follow-ups and merges, newest first. */
export function PersonTimeline({ items, onChanged }: { items: TimelineItem[]; onChanged: () => void }) {
  if (!items.length) return <Text c="dimmed">Nothing recorded yet.</Text>;
  return (
    <MTimeline bulletSize={28} lineWidth={2} aria-label="Timeline">
      {items.map((item) => {
        const Icon = ICONS[item.kind];
        const key =
          item.kind === 'contact'
            ? item.contact.id
            : item.kind === 'screening'
              ? item.screening.id
              : item.kind === 'followup'
                ? item.followup.id
                : item.merge.id;
        return (
          <MTimeline.Item key={`${item.kind}-${key}`} bullet={<Icon size={16} aria-hidden />}>
            <Stack gap={4}>
              <Item item={item} onChanged={onChanged} />
            </Stack>
          </MTimeline.Item>
        );
      })}
    </MTimeline>
  );
}
