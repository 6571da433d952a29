import { Button, Group, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { Followup } from '../../../shared/contract/followups';
import type { Person, PersonMatch } from '../../../shared/contract/people';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api';
import { birthText } from './labels';
import { AppModal } from '../ui/AppModal';
import { dueDateProblem } from '../../../shared/domain/followups';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { inputDate } from '../ui/format';
import { fromPerson, PersonFieldsForm, personFormProblems, toPersonFields } from './PersonFieldsForm';
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
  const form = useForm({
    initial: fromPerson(person),
    schema: contract['people.update'].input,
    toInput: (v) => ({ id: person.id, version: person.version, changes: toPersonFields(v) }),
    rules: (v) => personFormProblems(v, 'changes'),
  });
  const { reset } = form;
  useEffect(() => {
    if (opened) reset(fromPerson(person));
  }, [opened, person, reset]);
  async function save() {
    const out = await form.submit((input) => api.people.update(input));
    if (out) onSaved(out.person);
  }
  return (
    <AppModal opened={opened} onClose={onClose} title={`Edit ${person.displayName}`} size="xl">
      <form
        ref={form.formRef}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack>
          <ErrorSummary form={form} />
          <PersonFieldsForm values={form.values} onChange={form.setValues} errors={form.errors} prefix="changes" autoFocus />
          <Text size="sm" c="dimmed">
            Every change is kept in the record’s history with your name and the time.
          </Text>
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
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
  const empty = { other: null as PersonMatch | null, keep: 'this' as 'this' | 'other', reason: '' };
  const form = useForm({
    initial: empty,
    schema: contract['people.merge'].input,
    toInput: (v) => ({
      survivorId: v.keep === 'this' || !v.other ? person.id : v.other.id,
      mergedId: v.keep === 'this' ? (v.other?.id ?? '') : person.id,
      reason: v.reason,
    }),
    rules: (v): FieldErrors => (v.other ? {} : { mergedId: 'Find and choose the other record of this person.' }),
  });
  const { values: v, set, reset } = form;
  useEffect(() => {
    if (opened) reset(empty);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh dialog each time it opens
  }, [opened, reset]);
  async function merge() {
    const out = await form.submit((input) => api.people.merge(input));
    if (out) onMerged(out.person.id);
  }
  const thisLine = `${person.displayName}${birthText(person) ? ` · ${birthText(person)}` : ''}`;
  return (
    <AppModal opened={opened} onClose={onClose} title="Merge duplicate records" size="lg">
      <form
        ref={form.formRef}
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">
            Merging moves every contact and follow-up of one record onto the other, fills the kept record’s empty details, and
            keeps the other name as an alias. The merge is recorded on the timeline and in the audit log.
          </Text>
          {v.other ? (
            <Radio.Group label="Which record is kept?" value={v.keep} onChange={(k) => set('keep', k as 'this' | 'other')}>
              <Stack gap="xs" mt="xs">
                <Radio value="this" label={`Keep this record: ${thisLine}`} />
                <Radio
                  value="other"
                  label={<MatchSummary match={v.other} />}
                  aria-label={`Keep the other record: ${v.other.displayName}`}
                />
              </Stack>
            </Radio.Group>
          ) : (
            <PersonSearch
              label="Find the other record"
              autoFocus
              excludeId={person.id}
              error={form.error('mergedId') ?? form.error('survivorId')}
              onPick={(c) => c.kind === 'person' && set('other', c.match)}
            />
          )}
          <TextInput label="Why are these the same person?" required {...form.text('reason')} />
          <FormErrors form={form} title="Not merged" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={form.busy}>
              Merge records
            </Button>
          </Group>
        </Stack>
      </form>
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
  const fresh = () => ({ dueDate: inputDate(2), assigneeId: defaultAssignee, note: '' });
  const form = useForm({
    initial: fresh(),
    schema: contract['followups.create'].input,
    toInput: (v) => ({ personId, followup: v }),
    rules: (v): FieldErrors => {
      const due = v.dueDate ? dueDateProblem(v.dueDate, inputDate()) : null;
      return due ? { 'followup.dueDate': due } : {};
    },
  });
  const { reset } = form;
  const [staff, setStaff] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!opened) return;
    reset(fresh());
    void api.intake
      .staff({})
      .then(
        (r) => r.ok && setStaff(r.value.staff.map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role]})` }))),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a fresh form each time the dialog opens
  }, [opened, reset]);
  async function save() {
    const out = await form.submit((input) => api.followups.create(input));
    if (out) onSaved(out.followup);
  }
  return (
    <AppModal opened={opened} onClose={onClose} title="Add a follow-up" size="md">
      <form
        ref={form.formRef}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack>
          <TextInput type="date" label="Due date" required data-autofocus {...form.text('dueDate', 'followup.dueDate')} />
          <Select label="Assigned to" required searchable data={staff} {...form.select('assigneeId', 'followup.assigneeId')} />
          <Textarea label="What to do" autosize minRows={2} {...form.text('note', 'followup.note')} />
          <FormErrors form={form} title="Follow-up not added" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              Add follow-up
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
