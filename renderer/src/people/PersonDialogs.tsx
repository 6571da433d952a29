import { Button, Grid, Group, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Followup } from '../../../shared/contract/followups';
import type { Person, PersonMatch } from '../../../shared/contract/people';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api';
import { birthText } from './labels';
import { AppModal } from '../ui/AppModal';
import { FormAlert } from '../ui/FormAlert';
import type { FieldErrors } from '../ui/form';
import { fromPerson, PersonFieldsForm, toPersonFields } from './PersonFieldsForm';
import { MatchSummary, PersonSearch } from './PersonSearch';

export function EditPersonDialog({
  person,
  opened,
  onClose,
  onSaved,
}: {
  person: Person;
  opened: boolean;
  onClose: () => void;
  onSaved: (p: Person) => void;
}) {
  const [values, setValues] = useState(() => fromPerson(person));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setValues(fromPerson(person));
      setErrors({});
      setError(null);
    }
  }, [opened, person]);
  async function save() {
    setBusy(true);
    const r = await api.people.update({ id: person.id, version: person.version, changes: toPersonFields(values) });
    setBusy(false);
    if (r.ok) onSaved(r.value.person);
    else {
      setErrors(r.error.field ? { [r.error.field]: r.error.message } : {});
      setError(r.error.message);
    }
  }
  return (
    <AppModal opened={opened} onClose={onClose} title={`Edit ${person.displayName}`} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack>
          <PersonFieldsForm values={values} onChange={setValues} errors={errors} prefix="changes" autoFocus />
          <Text size="sm" c="dimmed">
            Every change is kept in the record’s history with your name and the time.
          </Text>
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Merge another record of the same person into this one (or this one into it). */
export function MergeDialog({
  person,
  opened,
  onClose,
  onMerged,
}: {
  person: Person;
  opened: boolean;
  onClose: () => void;
  onMerged: (survivorId: string) => void;
}) {
  const [other, setOther] = useState<PersonMatch | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setOther(null);
      setKeep('this');
      setReason('');
      setError(null);
    }
  }, [opened]);
  async function merge() {
    if (!other) return;
    const survivorId = keep === 'this' ? person.id : other.id;
    const mergedId = keep === 'this' ? other.id : person.id;
    setBusy(true);
    const r = await api.people.merge({ survivorId, mergedId, reason });
    setBusy(false);
    if (r.ok) onMerged(r.value.person.id);
    else setError(r.error.message);
  }
  const thisLine = `${person.displayName}${birthText(person) ? ` · ${birthText(person)}` : ''}`;
  return (
    <AppModal opened={opened} onClose={onClose} title="Merge duplicate records" size="lg">
      <Stack>
        <Text size="sm">
          Merging moves every contact and follow-up of one record onto the other, fills the kept record’s empty details, and keeps
          the other name as an alias. The merge is recorded on the timeline and in the audit log.
        </Text>
        {other ? (
          <Radio.Group label="Which record is kept?" value={keep} onChange={(v) => setKeep(v as 'this' | 'other')}>
            <Stack gap="xs" mt="xs">
              <Radio value="this" label={`Keep this record: ${thisLine}`} />
              <Radio
                value="other"
                label={<MatchSummary match={other} />}
                aria-label={`Keep the other record: ${other.displayName}`}
              />
            </Stack>
          </Radio.Group>
        ) : (
          <PersonSearch
            label="Find the other record"
            autoFocus
            excludeId={person.id}
            onPick={(c) => c.kind === 'person' && setOther(c.match)}
          />
        )}
        <TextInput
          label="Why are these the same person?"
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <FormAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" disabled={!other || !reason.trim()} loading={busy} onClick={() => void merge()}>
            Merge records
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

export function AddFollowupDialog({
  personId,
  opened,
  onClose,
  onSaved,
  defaultAssignee,
}: {
  personId: string;
  opened: boolean;
  onClose: () => void;
  onSaved: (f: Followup) => void;
  defaultAssignee: string;
}) {
  const [dueDate, setDueDate] = useState(dayjs().add(2, 'day').format('YYYY-MM-DD'));
  const [assigneeId, setAssigneeId] = useState(defaultAssignee);
  const [note, setNote] = useState('');
  const [staff, setStaff] = useState<{ value: string; label: string }[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setErrors({});
    void api.intake
      .staff({})
      .then(
        (r) => r.ok && setStaff(r.value.staff.map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role]})` }))),
      );
  }, [opened]);
  async function save() {
    setBusy(true);
    const r = await api.followups.create({ personId, followup: { dueDate, assigneeId, note } });
    setBusy(false);
    if (r.ok) {
      setNote('');
      onSaved(r.value.followup);
    } else setErrors({ [r.error.field ?? 'form']: r.error.message });
  }
  return (
    <AppModal opened={opened} onClose={onClose} title="Add a follow-up" size="md">
      <Grid>
        <Grid.Col span={12}>
          <TextInput
            type="date"
            label="Due date"
            required
            data-autofocus
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errors['followup.dueDate']}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Select
            label="Assigned to"
            required
            searchable
            data={staff}
            value={assigneeId}
            onChange={(v) => setAssigneeId(v ?? '')}
            error={errors['followup.assigneeId']}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea
            label="What to do"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors['followup.note']}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <FormAlert message={errors.form ?? null} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={busy} onClick={() => void save()}>
              Add follow-up
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
    </AppModal>
  );
}
