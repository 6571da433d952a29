import { Anchor, Card, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useCallback } from 'react';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { api } from '../api';
import { href, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { label } from '../people/labels';
import { PersonSearch } from '../people/PersonSearch';
import { formatDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { ClinicalPanel } from './ClinicalPanel';
import { ContactFlags } from './ContactCard';

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {name}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </div>
  );
}

/** One contact in full. Clinical roles also see the clinical note and screening answers. */
export function ContactScreen({ params }: { params: RouteParams }) {
  const { user } = useSession();
  const fetchContact = useCallback(() => api.contacts.get({ id: params.id ?? '' }), [params.id]);
  const { data, error, reload: load, setData } = useQuery(fetchContact);
  const contact = data?.contact ?? null;

  if (error) return <Notice title="Contact not found" message={error} />;
  if (!contact) return <Loader aria-label="Loading the contact" />;
  const clinical = (CLINICAL_ROLES as readonly string[]).includes(user.role);

  async function link(personId: string) {
    const r = await api.contacts.linkPerson({ id: contact!.id, personId });
    if (r.ok) {
      notifications.show({ color: 'green', title: 'Contact linked', message: r.value.contact.personName ?? '' });
      setData(r.value);
    } else notifications.show({ color: 'red', title: 'Not linked', message: r.error.message });
  }

  return (
    <Stack>
      <PageHeader
        title={`Contact on ${formatDateTime(contact.occurredAt)}`}
        description={
          contact.personId ? (
            <Anchor href={href(`/people/${contact.personId}`)}>{contact.personName}</Anchor>
          ) : (
            `Unidentified person: ${contact.anonymousDescription}`
          )
        }
      />
      {!contact.personId ? (
        <Card withBorder padding="md">
          <PersonSearch
            label="Link this contact to a person"
            description="Once you know who it was."
            onPick={(c) => c.kind === 'person' && void link(c.match.id)}
          />
        </Card>
      ) : null}
      <Card withBorder padding="md">
        <Stack>
          <ContactFlags contact={contact} />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <Field name="Pathway">{label.pathway(contact.pathway)}</Field>
            <Field name="Referral source">{label.referralSource(contact.referralSource)}</Field>
            <Field name="Disposition">{label.disposition(contact.disposition)}</Field>
            <Field name="Needs">{contact.needs.map(label.need).join(', ')}</Field>
            <Field name="Location">{contact.location}</Field>
            <Field name="CAD / incident number">{contact.cadNumber}</Field>
            <Field name="Officers">{contact.officers.map((o) => o.displayName).join(', ')}</Field>
            <Field name="Co-responder">{contact.coResponder?.displayName ?? ''}</Field>
            <Field name="Recorded">{`${formatDateTime(contact.createdAt)}${contact.createdBy ? ` by ${contact.createdBy.displayName}` : ''}`}</Field>
          </SimpleGrid>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Narrative
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {contact.narrative || '—'}
            </Text>
          </div>
          {!clinical && contact.hasClinicalNote ? (
            <Text size="sm" c="dimmed">
              A co-responder has added a clinical note; it is visible to clinical roles only.
            </Text>
          ) : null}
        </Stack>
      </Card>
      {clinical ? <ClinicalPanel contactId={contact.id} onChanged={() => void load()} /> : null}
    </Stack>
  );
}
