import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconUserPlus, IconUserQuestion } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { PersonMatch } from '../../../shared/contract/people';
import { INTAKE_LIMITS } from '../../../shared/domain/intake';
import { api } from '../api';
import { href } from '../app/router';
import { EMPTY_PERSON_FORM, PersonFieldsForm, type PersonFormValues, toPersonFields } from '../people/PersonFieldsForm';
import { MatchSummary, PersonSearch } from '../people/PersonSearch';
import { errorAt, type FieldErrors } from '../ui/form';

export type SubjectState =
  | { kind: 'search'; query: string; dateOfBirth: string }
  | { kind: 'existing'; match: PersonMatch }
  | { kind: 'new'; person: PersonFormValues; allowDuplicate: boolean }
  | { kind: 'anonymous'; description: string };

export const EMPTY_SUBJECT: SubjectState = { kind: 'search', query: '', dateOfBirth: '' };

/** "Ravito Quendell" → first Ravito, last Quendell; one word is taken as the first name. */
function splitName(query: string): Pick<PersonFormValues, 'firstName' | 'lastName'> {
  const parts = query.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1]! };
}

/** People already on record who look like the one being created; refreshed as the details change. */
function DuplicateWarning({
  person,
  onUse,
  allowDuplicate,
  onAllow,
}: {
  person: PersonFormValues;
  onUse: (m: PersonMatch) => void;
  allowDuplicate: boolean;
  onAllow: (v: boolean) => void;
}) {
  const [debounced] = useDebouncedValue(person, 300);
  const [candidates, setCandidates] = useState<PersonMatch[]>([]);
  useEffect(() => {
    let cancelled = false;
    const fields = toPersonFields(debounced);
    if (!fields.firstName && !fields.lastName && !fields.aliases?.length) {
      setCandidates([]);
      return;
    }
    void api.people.findDuplicates({ person: fields }).then((r) => {
      if (!cancelled) setCandidates(r.ok ? r.value.candidates : []);
    });
    return () => {
      cancelled = true;
    };
  }, [debounced]);
  if (!candidates.length) return null;
  return (
    <Grid.Col span={12}>
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="This may be someone already on record"
        role="alert"
        data-testid="duplicate-warning"
      >
        <Stack gap="sm">
          {candidates.map((m) => (
            <Group key={m.id} justify="space-between" wrap="nowrap">
              <MatchSummary match={m} />
              <Button size="compact-sm" variant="light" onClick={() => onUse(m)}>
                Use {m.displayName}
              </Button>
            </Group>
          ))}
          <Checkbox
            label="I checked: this is a different person"
            checked={allowDuplicate}
            onChange={(e) => onAllow(e.currentTarget.checked)}
          />
        </Stack>
      </Alert>
    </Grid.Col>
  );
}

/** Step one of an intake: find the person, create them, or describe someone who gives no name. */
export function SubjectSection({
  value,
  onChange,
  errors,
}: {
  value: SubjectState;
  onChange: (v: SubjectState) => void;
  errors: FieldErrors;
}) {
  const restart = (
    <Button variant="subtle" size="compact-sm" onClick={() => onChange(EMPTY_SUBJECT)}>
      Choose someone else
    </Button>
  );
  switch (value.kind) {
    case 'search':
      return (
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <PersonSearch
              label="Who was the contact with?"
              description="Name, alias or street name. Misspellings are fine. Arrow keys and Enter to choose."
              autoFocus
              query={value.query}
              onQueryChange={(query) => onChange({ ...value, query })}
              dateOfBirth={value.dateOfBirth || undefined}
              error={errors.subject}
              extra={(query) => [
                {
                  value: '__new',
                  label: (
                    <Group gap="xs">
                      <IconUserPlus size={18} aria-hidden />
                      <span>{query ? `Create a new person: “${query}”` : 'Create a new person'}</span>
                    </Group>
                  ),
                },
                {
                  value: '__anonymous',
                  label: (
                    <Group gap="xs">
                      <IconUserQuestion size={18} aria-hidden />
                      <span>
                        {query ? `Unidentified person described as “${query}”` : 'Unidentified person (description only)'}
                      </span>
                    </Group>
                  ),
                },
              ]}
              onPick={(choice) => {
                if (choice.kind === 'person') onChange({ kind: 'existing', match: choice.match });
                else if (choice.value === '__new')
                  onChange({
                    kind: 'new',
                    allowDuplicate: false,
                    person: { ...EMPTY_PERSON_FORM, ...splitName(value.query), dateOfBirth: value.dateOfBirth },
                  });
                // What was typed is often already a description ("man in red jacket"): it is carried over.
                else onChange({ kind: 'anonymous', description: value.query.trim() });
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              type="date"
              label="Date of birth, if known"
              value={value.dateOfBirth}
              onChange={(e) => onChange({ ...value, dateOfBirth: e.currentTarget.value })}
            />
          </Grid.Col>
        </Grid>
      );
    case 'existing':
      return (
        <Card withBorder padding="md" data-testid="chosen-person">
          <Group justify="space-between" wrap="nowrap">
            <MatchSummary match={value.match} />
            <Group gap="xs" wrap="nowrap">
              <Anchor href={href(`/people/${value.match.id}`)} size="sm" target="_self">
                Open record
              </Anchor>
              {restart}
            </Group>
          </Group>
          {errorAt(errors, 'subject.personId') ? (
            <Text c="red.9" size="sm" data-error-anchor data-error-label="Person">
              {errorAt(errors, 'subject.personId')}
            </Text>
          ) : null}
        </Card>
      );
    case 'new':
      return (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>New person</Text>
            {restart}
          </Group>
          <PersonFieldsForm
            values={value.person}
            onChange={(person) => onChange({ ...value, person })}
            errors={errors}
            prefix="subject.person"
            autoFocus
            afterBirth={
              <DuplicateWarning
                person={value.person}
                allowDuplicate={value.allowDuplicate}
                onAllow={(allowDuplicate) => onChange({ ...value, allowDuplicate })}
                onUse={(match) => onChange({ kind: 'existing', match })}
              />
            }
          />
        </Stack>
      );
    case 'anonymous':
      return (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>Unidentified person</Text>
            {restart}
          </Group>
          <TextInput
            label="Description"
            description="What would let a colleague recognise them: approximate age, clothing, where they stay. The contact can be linked to a person later."
            autoFocus
            required
            maxLength={INTAKE_LIMITS.description}
            value={value.description}
            onChange={(e) => onChange({ ...value, description: e.currentTarget.value })}
            error={errorAt(errors, 'subject.description')}
          />
        </Stack>
      );
  }
}
