import { Anchor, Button, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useCallback } from 'react';
import { contract, type OutputOf } from '../../../shared/contract';
import type { PersonMatch } from '../../../shared/contract/people';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { api } from '../api';
import { href, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { label } from '../people/labels';
import { MatchSummary, PersonSearch } from '../people/PersonSearch';
import { type FieldErrors, useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { ContactReferrals } from '../referrals/ContactReferrals';
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

/** Links a contact recorded for an unidentified person to the person, once known: find, check, confirm. */
function LinkPersonForm({
  contactId,
  onLinked,
}: {
  contactId: string;
  onLinked: (value: OutputOf<'contacts.linkPerson'>) => void;
}) {
  const form = useForm({
    initial: { person: null as PersonMatch | null },
    schema: contract['contacts.linkPerson'].input,
    toInput: (v) => ({ id: contactId, personId: v.person?.id ?? '' }),
    rules: (v): FieldErrors => (v.person ? {} : { personId: 'Find and choose the person first.' }),
  });
  const person = form.values.person;
  async function link() {
    const out = await form.submit((input) => api.contacts.linkPerson(input));
    if (out) onLinked(out);
  }
  return (
    <Card withBorder padding="md">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void link();
        }}
      >
        <Stack gap="sm">
          {person ? (
            <Group justify="space-between" wrap="nowrap" data-testid="link-choice">
              <MatchSummary match={person} />
              <Button variant="subtle" size="compact-sm" onClick={() => form.reset({ person: null })}>
                Choose someone else
              </Button>
            </Group>
          ) : (
            <PersonSearch
              label="Link this contact to a person"
              description="Once you know who it was."
              error={form.error('personId')}
              onPick={(c) => c.kind === 'person' && form.set('person', c.match)}
            />
          )}
          {person && form.error('personId') ? (
            <Text c="red.9" size="sm" data-error-anchor>
              {form.error('personId')}
            </Text>
          ) : null}
          <FormErrors form={form} title="Not linked" />
          {person ? (
            <Group justify="flex-end">
              <Button type="submit" loading={form.busy}>
                Link to {person.displayName}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
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
        <LinkPersonForm
          contactId={contact.id}
          onLinked={(linked) => {
            notifications.show({ color: 'green', title: 'Contact linked', message: linked.contact.personName ?? '' });
            setData(linked);
          }}
        />
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
      <ContactReferrals contactId={contact.id} identified={contact.personId !== null} />
      {clinical ? <ClinicalPanel contactId={contact.id} onChanged={() => void load()} /> : null}
    </Stack>
  );
}
