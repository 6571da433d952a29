import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, MultiSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { contract, type OutputOf } from '../../../shared/contract';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { canEditDirectory } from './parts';

type Term = OutputOf<'providers.terms'>['terms'][number];
const OPTIONS = SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }));

function TermRow({ term, editor, onSaved }: { term: Term; editor: boolean; onSaved: () => void }) {
  const form = useForm({
    initial: { serviceTypes: term.reviewed ? term.serviceTypes : term.suggested },
    schema: contract['providers.mapTerm'].input,
    toInput: (v) => ({ termId: term.id, serviceTypes: v.serviceTypes }),
  });
  const types = form.values.serviceTypes;
  const changed = !term.reviewed || types.join() !== term.serviceTypes.join();

  async function save() {
    const saved = await form.submit((input) => api.providers.mapTerm(input));
    if (!saved) return;
    notifications.show({
      color: 'green',
      title: 'Mapping saved',
      message: types.length
        ? `“${term.name}” now counts as ${types.map((t) => SERVICE_TYPE_LABELS[t]).join(', ')}.`
        : `“${term.name}” is not a service type.`,
    });
    onSaved();
  }

  return (
    <Table.Tr data-testid="term-row">
      <Table.Td>
        <Text fw={600} size="sm">
          {term.name}
        </Text>
        <Text size="xs" c="dimmed">
          {[term.code, term.taxonomy].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td>{term.services}</Table.Td>
      <Table.Td>
        {term.reviewed ? (
          term.serviceTypes.length ? (
            'Mapped'
          ) : (
            'Not a service type'
          )
        ) : (
          <Badge color="orange" variant="light" styles={{ label: { textTransform: 'none' } }}>
            Unmapped
          </Badge>
        )}
      </Table.Td>
      <Table.Td miw={320}>
        {editor ? (
          <form
            ref={form.formRef}
            id={`term-${term.id}`}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <MultiSelect
              aria-label={`Service types for ${term.name}`}
              data={OPTIONS}
              value={types}
              onChange={(v) => form.set('serviceTypes', v as ServiceType[])}
              placeholder={types.length ? undefined : 'Not a service type'}
              searchable
              error={form.error('serviceTypes')}
              description={
                !term.reviewed && term.suggested.length ? 'Suggested from the wording: check before saving.' : undefined
              }
            />
            <FormErrors form={form} title="Mapping not saved" />
          </form>
        ) : (
          <Text size="sm">{term.serviceTypes.map((t) => SERVICE_TYPE_LABELS[t]).join(', ') || '—'}</Text>
        )}
      </Table.Td>
      {editor ? (
        <Table.Td>
          <Button
            type="submit"
            form={`term-${term.id}`}
            size="compact-sm"
            variant={changed ? 'filled' : 'default'}
            disabled={!changed}
            loading={form.busy}
            aria-label={`Save mapping for ${term.name}`}
          >
            Save
          </Button>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

/** Imported taxonomy terms (211/AIRS, Open Eligibility, a county list…) and the service types they stand for. */
export function TermsScreen() {
  const { user } = useSession();
  const editor = canEditDirectory(user.role);
  const [unmappedOnly, setUnmappedOnly] = useState(true);
  const query = useQuery(useCallback(() => api.providers.terms(unmappedOnly ? { unmappedOnly: true } : {}), [unmappedOnly]));
  const terms: Term[] | null = query.data?.terms ?? null;
  const error = query.error;
  const load = query.reload;

  return (
    <Stack>
      <Anchor href={href('/providers')} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Provider directory
        </Group>
      </Anchor>
      <PageHeader
        title="Taxonomy terms"
        description="Imported packages classify services with their own terms. Map each term to the service types Deflect uses, so that searching by need finds those services."
      />
      <Checkbox
        label="Show unmapped terms only"
        checked={unmappedOnly}
        onChange={(e) => setUnmappedOnly(e.currentTarget.checked)}
      />
      {error ? (
        <Alert color="red" title="Could not load the terms" role="alert">
          {error}
        </Alert>
      ) : null}
      {!terms && !error ? <Loader aria-label="Loading terms" /> : null}
      {terms ? (
        terms.length === 0 ? (
          <Text role="status">{unmappedOnly ? 'Every imported term is mapped.' : 'No imported taxonomy terms yet.'}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" striped aria-label="Taxonomy terms">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Term</Table.Th>
                  <Table.Th scope="col">Services</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Service types</Table.Th>
                  {editor ? <Table.Th scope="col">Save</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {terms.map((t) => (
                  <TermRow
                    key={`${t.id}-${t.reviewed}-${t.serviceTypes.join()}`}
                    term={t}
                    editor={editor}
                    onSaved={() => void load()}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : null}
    </Stack>
  );
}
