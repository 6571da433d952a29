import { Anchor, Card, Stack, Text, Timeline as MTimeline } from '@mantine/core';
import {
  IconCalendarEvent,
  IconFileCertificate,
  IconFileText,
  IconFlag,
  IconGitMerge,
  IconMessageCircle,
  IconSend,
  IconShare,
  IconStethoscope,
} from '@tabler/icons-react';
import type { TimelineItem } from '../../../shared/contract/timeline';
import { SCREENERS } from '../../../shared/domain/screeners';
import { ContactCard } from '../intake/ContactCard';
import { ParticipantEventItem } from '../milestones/ParticipantEventItem';
import { href } from '../app/router';
import { categoriesText, ConsentStatusBadge } from '../referrals/labels';
import { ReferralCard } from '../referrals/ReferralCard';
import { formatDate, formatDateTime } from '../ui/format';
import { FollowupItem } from './FollowupItem';

const ICONS = {
  contact: IconMessageCircle,
  screening: IconStethoscope,
  followup: IconCalendarEvent,
  merge: IconGitMerge,
  consent: IconFileCertificate,
  referral: IconSend,
  letter: IconFileText,
  disclosure: IconShare,
  milestone: IconFlag,
} as const;

function Item({ item, onChanged, clinical }: { item: TimelineItem; onChanged: () => void; clinical: boolean }) {
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
    case 'referral':
      return <ReferralCard referral={item.referral} />;
    case 'consent': {
      const c = item.consent;
      return (
        <Text size="sm">
          <strong>Consent</strong> for {c.recipient.name} ({categoriesText(c.categories)}), signed {formatDate(c.signedOn)}{' '}
          <ConsentStatusBadge status={c.status} expiringSoon={c.expiringSoon} />
        </Text>
      );
    }
    case 'letter': {
      const l = item.letter;
      return (
        <Text size="sm">
          <strong>{l.clinical && !l.readable ? 'Letter sent, clinical content' : l.title}</strong> to {l.recipientName}
          {l.createdBy ? `, by ${l.createdBy.displayName}` : ''} · {formatDateTime(l.createdAt)}
          {l.referralId ? (
            <>
              {' · '}
              <Anchor href={href(`/referrals/${l.referralId}`)} size="sm">
                open the referral
              </Anchor>
            </>
          ) : null}
        </Text>
      );
    }
    case 'disclosure': {
      const d = item.disclosure;
      return (
        <Text size="sm" c="dimmed">
          Disclosed to {d.recipientName}: {categoriesText(d.categories)} (
          {d.basis === 'consent'
            ? `consent of ${formatDate(d.consentSignedOn)}`
            : d.basis === 'override'
              ? 'override'
              : 'no consent needed'}
          ){d.by ? `, by ${d.by.displayName}` : ''} · {formatDateTime(d.at)}
        </Text>
      );
    }
    case 'milestone':
      return <ParticipantEventItem event={item.milestone} canRemove={clinical} onChanged={onChanged} />;
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

function itemKey(item: TimelineItem): string {
  switch (item.kind) {
    case 'contact':
      return item.contact.id;
    case 'screening':
      return item.screening.id;
    case 'followup':
      return item.followup.id;
    case 'merge':
      return item.merge.id;
    case 'consent':
      return item.consent.id;
    case 'referral':
      return item.referral.id;
    case 'letter':
      return item.letter.id;
    case 'disclosure':
      return item.disclosure.id;
    case 'milestone':
      return `${item.milestone.code}-${item.milestone.manual?.id ?? item.milestone.date}`;
  }
}

/**
 * Contacts, screenings, follow-ups, referrals, consents, letters, disclosures, milestones and merges, newest
 * first. `clinical`: the user may take back a milestone recorded in error.
 */
export function PersonTimeline({
  items,
  onChanged,
  clinical,
}: {
  items: TimelineItem[];
  onChanged: () => void;
  clinical: boolean;
}) {
  if (!items.length) return <Text c="dimmed">Nothing recorded yet.</Text>;
  return (
    <MTimeline bulletSize={28} lineWidth={2} aria-label="Timeline">
      {items.map((item) => {
        const Icon = ICONS[item.kind];
        const key = itemKey(item);
        return (
          <MTimeline.Item key={`${item.kind}-${key}`} bullet={<Icon size={16} aria-hidden />}>
            <Stack gap={4}>
              <Item item={item} onChanged={onChanged} clinical={clinical} />
            </Stack>
          </MTimeline.Item>
        );
      })}
    </MTimeline>
  );
}
