import { Button, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect } from 'react';
import { contract } from '../../../shared/contract';
import type { ManualMilestone, ManualMilestoneInput, ParticipantSummary } from '../../../shared/contract/participants';
import {
  EXIT_REASONS,
  MANUAL_MILESTONE_KINDS,
  manualMilestoneProblems,
  RETENTION_CHECK_DAYS,
} from '../../../shared/domain/participants';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { type FieldErrors, useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDate, inputDate } from '../ui/format';
import { manualKindLabel } from './labels';

export interface RecordPreset {
  kind: ManualMilestoneInput['kind'];
  checkDays?: number;
}

interface Values {
  kind: string;
  checkDays: string;
  date: string;
  stillEngaged: '' | 'yes' | 'no';
  reason: string;
  note: string;
}

function fresh(preset: RecordPreset | null): Values {
  return {
    kind: preset?.kind ?? '',
    checkDays: preset?.checkDays ? String(preset.checkDays) : '',
    date: inputDate(),
    stillEngaged: '',
    reason: '',
    note: '',
  };
}

/** The input the values stand for; incomplete choices are left for the contract to name. */
function toMilestone(v: Values): ManualMilestoneInput {
  const base = { date: v.date, note: v.note };
  switch (v.kind) {
    case 'retention':
      return {
        kind: 'retention',
        ...base,
        checkDays: Number(v.checkDays) as 30,
        stillEngaged: (v.stillEngaged === '' ? undefined : v.stillEngaged === 'yes') as boolean,
      };
    case 'exited':
      return { kind: 'exited', ...base, reason: v.reason as never };
    default:
      return { kind: v.kind as 'housing', ...base };
  }
}

/** Record a retention check, housing, employment or exit for a person (co-responders, coordinators). */
export function RecordMilestoneDialog({
  opened,
  personId,
  summary,
  preset,
  onClose,
  onSaved,
}: {
  opened: boolean;
  personId: string;
  summary: ParticipantSummary;
  preset: RecordPreset | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const recorded = summary.manual.filter((m) => m.kind === 'retention').map((m) => m.checkDays ?? 0);
  const form = useForm({
    initial: fresh(preset),
    schema: contract['participants.record'].input,
    toInput: (v: Values) => ({ personId, milestone: toMilestone(v) }),
    rules: (v): FieldErrors => {
      if (!v.kind) return { 'milestone.kind': 'Milestone: choose what to record.' };
      const problems = manualMilestoneProblems(
        { kind: v.kind, date: v.date, checkDays: v.checkDays ? Number(v.checkDays) : null },
        { firstContactOn: summary.enrolledOn, firstEngagedOn: summary.firstEngagedOn, recordedChecks: recorded },
        inputDate(),
      );
      return Object.fromEntries(Object.entries(problems).map(([k, m]) => [`milestone.${k}`, m]));
    },
  });
  const { values: v, set, reset } = form;
  useEffect(() => {
    if (opened) reset(fresh(preset));
  }, [opened, preset, reset]);

  async function save() {
    const out = await form.submit((input) => api.participants.record(input));
    if (!out) return;
    notifications.show({ color: 'green', title: 'Milestone recorded', message: manualKindLabel(out.milestone.kind) });
    onSaved();
  }

  const checkOptions = RETENTION_CHECK_DAYS.map((d) => {
    const check = summary.checks.find((c) => c.checkDays === d);
    const when = check ? ` (due ${formatDate(check.dueOn)})` : '';
    return { value: String(d), label: `${d}-day check${when}`, disabled: recorded.includes(d) };
  });

  return (
    <AppModal opened={opened} onClose={onClose} title="Record a milestone" size="lg">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Select
            label="Milestone"
            required
            data={MANUAL_MILESTONE_KINDS.map((k) => ({ value: k.code, label: k.label }))}
            allowDeselect={false}
            data-autofocus
            {...form.select('kind', 'milestone.kind')}
          />
          {v.kind === 'retention' ? (
            <>
              <Text size="sm" c="dimmed">
                {summary.firstEngagedOn
                  ? `First treatment engagement: ${formatDate(summary.firstEngagedOn)}. Ask whether they are still engaged in treatment.`
                  : 'No treatment engagement is on record yet: the checks follow a referral marked engaged.'}
              </Text>
              <SimpleGrid cols={2}>
                <Select
                  label="Check"
                  required
                  data={checkOptions}
                  allowDeselect={false}
                  {...form.select('checkDays', 'milestone.checkDays')}
                />
                <TextInput type="date" label="Date of the check" required {...form.text('date', 'milestone.date')} />
              </SimpleGrid>
              <Radio.Group
                label="Still engaged in treatment?"
                required
                value={v.stillEngaged}
                onChange={(s) => set('stillEngaged', s as Values['stillEngaged'])}
                error={form.error('milestone.stillEngaged')}
              >
                <Group mt={6}>
                  <Radio value="yes" label="Yes" />
                  <Radio value="no" label="No" />
                </Group>
              </Radio.Group>
            </>
          ) : v.kind ? (
            <SimpleGrid cols={2}>
              <TextInput
                type="date"
                label={v.kind === 'exited' ? 'Date of leaving' : 'Date obtained'}
                required
                {...form.text('date', 'milestone.date')}
              />
              {v.kind === 'exited' ? (
                <Select
                  label="Reason for leaving"
                  required
                  data={EXIT_REASONS.map((r) => ({ value: r.code, label: r.label }))}
                  {...form.select('reason', 'milestone.reason')}
                />
              ) : null}
            </SimpleGrid>
          ) : null}
          {v.kind ? (
            <Textarea
              label="Note"
              description="Clinical: sealed, and never shown to officers."
              autosize
              minRows={2}
              {...form.text('note', 'milestone.note')}
            />
          ) : null}
          <FormErrors form={form} title="Milestone not recorded" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              Record milestone
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Takes back a milestone recorded in error, with the reason (the record is kept, no longer shown). */
export function RemoveMilestoneDialog({
  milestone,
  onClose,
  onRemoved,
}: {
  milestone: ManualMilestone | null;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const form = useForm({
    initial: { reason: '' },
    schema: contract['participants.remove'].input,
    toInput: (v) => ({ id: milestone?.id ?? '', reason: v.reason }),
  });
  const { reset } = form;
  useEffect(() => {
    if (milestone) reset({ reason: '' });
  }, [milestone, reset]);
  async function remove() {
    const out = await form.submit((input) => api.participants.remove(input));
    if (!out) return;
    notifications.show({ color: 'green', title: 'Milestone removed', message: 'The removal is kept with your name and reason.' });
    onRemoved();
  }
  return (
    <AppModal opened={milestone !== null} onClose={onClose} title="Remove a milestone recorded in error" size="md">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void remove();
        }}
      >
        <Stack>
          {milestone ? (
            <Text size="sm">
              {manualKindLabel(milestone.kind)}
              {milestone.checkDays ? ` (${milestone.checkDays} days)` : ''}, {formatDate(milestone.date)}. It stops counting and
              is no longer shown; the record stays, with who removed it, when and why.
            </Text>
          ) : null}
          <TextInput label="Why is it removed?" required data-autofocus {...form.text('reason')} />
          <FormErrors form={form} title="Not removed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={form.busy}>
              Remove milestone
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
