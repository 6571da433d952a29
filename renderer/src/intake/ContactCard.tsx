import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconClipboardCheck, IconNotes } from '@tabler/icons-react';
import type { Contact } from '../../../shared/contract/intake';
import { SCREENERS } from '../../../shared/domain/screeners';
import { href } from '../app/router';
import { label } from '../people/labels';
import { formatDateTime, formatShortDateTime } from '../ui/format';

/**
 * Flags any role may see: overdose, naloxone, force, injury, charges, and which screenings were done.
 * A screening's result is clinical: it is shown only in the clinical panel, to those who hold the clinical key.
 */
export function ContactFlags({ contact }: { contact: Contact }) {
  const flags: { text: string; color: string; screen?: boolean }[] = [];
  if (contact.overdose) flags.push({ text: 'Overdose', color: 'red' });
  if (contact.naloxoneDoses) flags.push({ text: `Naloxone ×${contact.naloxoneDoses}`, color: 'red' });
  if (contact.useOfForce) flags.push({ text: 'Use of force', color: 'orange' });
  if (contact.injury) flags.push({ text: 'Injury', color: 'orange' });
  if (contact.chargeCategory)
    flags.push({
      text: `${contact.chargesHeldInAbeyance ? 'Held' : 'Deflected'}: ${label.charge(contact.chargeCategory)}`,
      color: 'grape',
    });
  for (const s of contact.screenings)
    flags.push({ text: `${SCREENERS[s.instrument].label} screening done`, color: 'gray', screen: true });
  if (!flags.length) return null;
  return (
    <Group gap={6}>
      {flags.map((f) => (
        <Badge
          key={f.text}
          color={f.color}
          variant="light"
          leftSection={f.screen ? <IconClipboardCheck size={12} aria-hidden /> : undefined}
        >
          {f.text}
        </Badge>
      ))}
    </Group>
  );
}

/** A contact in a list: when, who, pathway, disposition, needs, flags and the start of the narrative. */
export function ContactCard({ contact, showPerson = false }: { contact: Contact; showPerson?: boolean }) {
  const who = contact.personName ?? 'an unidentified person';
  // The link opens the contact, so it names the contact (when and which pathway), not the person.
  const contactText = `${showPerson ? formatShortDateTime(contact.occurredAt) : formatDateTime(contact.occurredAt)} · ${label.pathway(contact.pathway)}`;
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="contact-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            {showPerson ? (
              <Text size="sm" fw={600} lineClamp={1}>
                {contact.personName ?? `Unidentified: ${contact.anonymousDescription}`}
              </Text>
            ) : null}
            <Anchor
              href={href(`/contacts/${contact.id}`)}
              fw={600}
              aria-label={showPerson ? `${contactText}: contact with ${who}` : undefined}
            >
              {contactText}
            </Anchor>
            <Text size="sm">{label.disposition(contact.disposition)}</Text>
          </Stack>
          {contact.hasClinicalNote ? (
            <Badge
              variant="outline"
              color="gray"
              leftSection={<IconNotes size={12} aria-hidden />}
              style={{ flexShrink: 0, overflow: 'visible' }}
            >
              Clinical note
            </Badge>
          ) : null}
        </Group>
        {contact.needs.length ? (
          <Group gap={4}>
            {contact.needs.map((n) => (
              <Badge key={n} variant="light" color="blue" size="sm">
                {label.need(n)}
              </Badge>
            ))}
          </Group>
        ) : null}
        <ContactFlags contact={contact} />
        {contact.narrative ? (
          <Text size="sm" lineClamp={2}>
            {contact.narrative}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {contact.officers.map((o) => o.displayName).join(', ')}
          {contact.coResponder ? ` with ${contact.coResponder.displayName}` : ''}
          {contact.location ? ` · ${contact.location}` : ''}
          {contact.cadNumber ? ` · CAD ${contact.cadNumber}` : ''}
        </Text>
      </Stack>
    </Card>
  );
}
