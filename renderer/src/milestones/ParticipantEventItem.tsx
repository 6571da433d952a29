import { Anchor, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { ParticipantEvent } from '../../../shared/contract/participants';
import { ENGAGEMENT_WINDOW_DAYS } from '../../../shared/domain/participants';
import { formatDate } from '../ui/format';
import { exitReasonLabel } from './labels';
import { RemoveMilestoneDialog } from './ParticipantDialogs';

function headline(e: ParticipantEvent): string {
  const m = e.manual;
  switch (e.code) {
    case 'enrolled':
      return 'Enrolled: first contact that led to a referral';
    case 'first_engagement': {
      if (e.daysToEngagement === null) return 'First treatment engagement';
      const days = `${e.daysToEngagement} ${e.daysToEngagement === 1 ? 'day' : 'days'}`;
      return `First treatment engagement, ${days} after first contact (${
        e.engagedWithinWindow ? 'within' : 'not within'
      } ${ENGAGEMENT_WINDOW_DAYS} days)`;
    }
    case 'retention':
      return `${m?.checkDays}-day retention check: ${m?.stillEngaged ? 'still engaged in treatment' : 'no longer engaged'}`;
    case 'housing':
      return 'Housing obtained';
    case 'employment':
      return 'Employment obtained';
    case 'exited':
      return `Exited the programme: ${exitReasonLabel(m?.exitReason ?? null)}`;
  }
}

/** A participant milestone on the person's timeline; recorded ones say who recorded them and can be taken back. */
export function ParticipantEventItem({
  event,
  canRemove,
  onChanged,
}: {
  event: ParticipantEvent;
  canRemove: boolean;
  onChanged: () => void;
}) {
  const [removing, setRemoving] = useState(false);
  const m = event.manual;
  return (
    <>
      <Text size="sm">
        <strong>{headline(event)}</strong> · {formatDate(event.date)}
      </Text>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {m ? `Recorded by ${m.createdBy?.displayName ?? 'a former staff member'}` : 'Derived from the person’s referrals'}
        </Text>
        {m && canRemove ? (
          <Anchor component="button" type="button" size="xs" onClick={() => setRemoving(true)}>
            Remove…
          </Anchor>
        ) : null}
      </Group>
      {m?.note ? (
        <Text size="sm">{m.note}</Text>
      ) : m?.hasNote ? (
        <Text size="xs" c="dimmed">
          A clinical note is kept with it.
        </Text>
      ) : null}
      {m && canRemove ? (
        <RemoveMilestoneDialog
          milestone={removing ? m : null}
          onClose={() => setRemoving(false)}
          onRemoved={() => {
            setRemoving(false);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
