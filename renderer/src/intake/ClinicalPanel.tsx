import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ContactClinical } from '../../../shared/contract/intake';
import { INTAKE_LIMITS } from '../../../shared/domain/intake';
import { SCREENERS, type ScreenerDef } from '../../../shared/domain/screeners';
import { api } from '../api';
import { FormAlert } from '../ui/FormAlert';
import { formatDateTime } from '../ui/format';
import { EMPTY_SCREENINGS, ScreeningsForm, type ScreeningsFormValues, toScreenings } from './ScreeningsForm';

function answerLabel(def: ScreenerDef<string | number>, value: string | number): string {
  return def.options.find((o) => o.value === value)?.label ?? String(value);
}

/** The clinical note and screening answers of one contact. Shown only to clinical roles; the backend refuses everyone else. */
export function ClinicalPanel({ contactId, onChanged }: { contactId: string; onChanged: () => void }) {
  const [data, setData] = useState<ContactClinical | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState<ScreeningsFormValues>(EMPTY_SCREENINGS);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api.contacts.clinical({ id: contactId });
    if (r.ok) {
      setData(r.value);
      setNote(r.value.clinicalNote);
    } else setError(r.error.message);
  }, [contactId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function saveNote() {
    setBusy(true);
    const r = await api.contacts.setClinicalNote({ id: contactId, clinicalNote: note });
    setBusy(false);
    if (r.ok) {
      setData(r.value);
      setEditing(false);
      notifications.show({ color: 'green', title: 'Clinical note saved', message: 'Visible to clinical roles only.' });
      onChanged();
    } else setError(r.error.message);
  }

  async function addScreenings() {
    setBusy(true);
    for (const screening of toScreenings(adding)) {
      const r = await api.screenings.record({ contactId, screening });
      if (!r.ok) {
        setBusy(false);
        setError(r.error.message);
        return;
      }
    }
    setBusy(false);
    setAdding(EMPTY_SCREENINGS);
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
  const open: ScreeningsFormValues = { ...adding };

  return (
    <Card withBorder padding="md" bg="yellow.0" data-testid="clinical-panel">
      <Stack>
        <Group gap="xs">
          <IconLock size={18} aria-hidden />
          <Text fw={700}>Clinical (co-responders, coordinators and administrators only)</Text>
        </Group>
        {editing ? (
          <Stack gap="xs">
            <Textarea
              label="Clinical note"
              autosize
              minRows={3}
              maxLength={INTAKE_LIMITS.clinicalNote}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
              <Button loading={busy} onClick={() => void saveNote()}>
                Save note
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Clinical note
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="clinical-note">
              {data.clinicalNote || 'No clinical note.'}
            </Text>
            {data.noteUpdatedAt ? (
              <Text size="xs" c="dimmed">
                Last changed {formatDateTime(data.noteUpdatedAt)}
                {data.noteUpdatedBy ? ` by ${data.noteUpdatedBy.displayName}` : ''}
              </Text>
            ) : null}
            <Group>
              <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
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
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Add a screening
            </Text>
            <ScreeningsForm
              values={open}
              onChange={(v) =>
                setAdding({
                  cage_aid: recorded.has('cage_aid') ? null : v.cage_aid,
                  phq2: recorded.has('phq2') ? null : v.phq2,
                  tvit: recorded.has('tvit') ? null : v.tvit,
                })
              }
              errors={{}}
            />
            {toScreenings(adding).length ? (
              <Group justify="flex-end">
                <Button loading={busy} onClick={() => void addScreenings()}>
                  Save screening
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}
        <FormAlert message={error} />
      </Stack>
    </Card>
  );
}
