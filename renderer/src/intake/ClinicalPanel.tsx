import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { type ContactClinical, screeningInputSchema } from '../../../shared/contract/intake';
import { SCREENERS, type ScreenerDef } from '../../../shared/domain/screeners';
import { api } from '../api';
import { moveFields, useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { EMPTY_SCREENINGS, ScreeningsForm, toScreenings } from './ScreeningsForm';

function answerLabel(def: ScreenerDef<string | number>, value: string | number): string {
  return def.options.find((o) => o.value === value)?.label ?? String(value);
}

const screeningsSchema = z.object({ screenings: z.array(screeningInputSchema) });

/** The clinical note and screening answers of one contact. Shown only to clinical roles; the backend refuses everyone else. */
export function ClinicalPanel({ contactId, onChanged }: { contactId: string; onChanged: () => void }) {
  const [data, setData] = useState<ContactClinical | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const note = useForm({
    initial: { clinicalNote: '' },
    schema: contract['contacts.setClinicalNote'].input,
    toInput: (v) => ({ id: contactId, clinicalNote: v.clinicalNote }),
  });
  const adding = useForm({
    initial: EMPTY_SCREENINGS,
    schema: screeningsSchema,
    toInput: (v) => ({ screenings: toScreenings(v) }),
  });

  const load = useCallback(async () => {
    const r = await api.contacts.clinical({ id: contactId });
    if (r.ok) setData(r.value);
    else setError(r.error.message);
  }, [contactId]);

  useEffect(() => {
    void load();
  }, [load]);

  function startEditing() {
    note.reset({ clinicalNote: data?.clinicalNote ?? '' });
    setEditing(true);
  }

  async function saveNote() {
    const saved = await note.submit((input) => api.contacts.setClinicalNote(input));
    if (!saved) return;
    setData(saved);
    setEditing(false);
    notifications.show({ color: 'green', title: 'Clinical note saved', message: 'Visible to clinical roles only.' });
    onChanged();
  }

  async function addScreenings() {
    const saved = await adding.submit(async ({ screenings }) => {
      for (const [i, screening] of screenings.entries()) {
        const r = await api.screenings.record({ contactId, screening });
        // The answer paths of `screening.…` are shown on the form's screening `i`.
        if (!r.ok) return { ok: false as const, error: moveFields(r.error, 'screening', `screenings.${i}`) };
      }
      return { ok: true as const, value: screenings.length };
    });
    if (saved === null) return;
    adding.reset(EMPTY_SCREENINGS);
    notifications.show({
      color: 'green',
      title: saved === 1 ? 'Screening saved' : 'Screenings saved',
      message: 'Visible to clinical roles only.',
    });
    await load();
    onChanged();
  }

  if (error && !data)
    return (
      <Alert color="red" title="Clinical details not available" role="alert">
        {error}
      </Alert>
    );
  if (!data) return <Loader aria-label="Loading clinical details" />;
  const recorded = new Set(data.screenings.map((s) => s.instrument));

  return (
    <Card withBorder padding="md" bg="yellow.0" data-testid="clinical-panel">
      <Stack>
        <Group gap="xs">
          <IconLock size={18} aria-hidden />
          <Text fw={700}>Clinical (co-responders, coordinators and administrators only)</Text>
        </Group>
        {editing ? (
          <form
            ref={note.formRef}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void saveNote();
            }}
          >
            <Stack gap="xs">
              <Textarea label="Clinical note" autosize minRows={3} maxRows={16} autoFocus {...note.text('clinicalNote')} />
              <FormErrors form={note} title="Note not saved" />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
                <Button type="submit" loading={note.busy}>
                  Save note
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Clinical note
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="clinical-note">
              {data.clinicalNote || 'No clinical note.'}
            </Text>
            {data.clinicalNote && data.noteUpdatedAt ? (
              <Text size="xs" c="dimmed">
                Last changed {formatDateTime(data.noteUpdatedAt)}
                {data.noteUpdatedBy ? ` by ${data.noteUpdatedBy.displayName}` : ''}
              </Text>
            ) : null}
            <Group>
              <Button size="compact-sm" variant="light" onClick={startEditing}>
                {data.clinicalNote ? 'Edit note' : 'Add note'}
              </Button>
            </Group>
          </Stack>
        )}
        {data.screenings.map((s) => {
          const def = SCREENERS[s.instrument] as ScreenerDef<string | number>;
          return (
            <Stack key={s.id} gap={4}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {def.label}: score {s.score} of {def.maxScore}
                </Text>
                <Badge color={s.positive ? 'red' : 'gray'} variant="light">
                  {s.positive ? 'Positive' : 'Negative'}
                </Badge>
              </Group>
              <Table withRowBorders={false} verticalSpacing={2} aria-label={`${def.label} answers`}>
                <Table.Tbody>
                  {def.items.map((item, i) => (
                    <Table.Tr key={item}>
                      <Table.Td>
                        <Text size="sm">{item}</Text>
                      </Table.Td>
                      <Table.Td w={200}>
                        <Text size="sm" fw={600}>
                          {answerLabel(def, s.answers[i]!)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        })}
        {recorded.size < 3 ? (
          <form
            ref={adding.formRef}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void addScreenings();
            }}
          >
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Add a screening
              </Text>
              <ScreeningsForm
                values={adding.values}
                onChange={(v) =>
                  adding.setValues({
                    cage_aid: recorded.has('cage_aid') ? null : v.cage_aid,
                    phq2: recorded.has('phq2') ? null : v.phq2,
                    tvit: recorded.has('tvit') ? null : v.tvit,
                  })
                }
                errors={adding.errors}
              />
              <FormErrors form={adding} title="Screening not saved" />
              {toScreenings(adding.values).length ? (
                <Group justify="flex-end">
                  <Button type="submit" loading={adding.busy}>
                    Save screening
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
