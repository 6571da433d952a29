import {
  Button,
  Group,
  Loader,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { contract, type OutputOf } from '../../../shared/contract';
import type { Milestone, MilestoneHistoryEntry } from '../../../shared/contract/milestones';
import { type MilestoneCategory, milestoneProblems, type MilestoneStatus } from '../../../shared/domain/milestones';
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { formatDateTime, inputDate, inputDateOf, zoneName } from '../ui/format';
import { CATEGORY_OPTIONS, HISTORY_FIELDS, historyValue, STATUS_OPTIONS } from './labels';

type Options = OutputOf<'milestones.options'>;

interface Values {
  title: string;
  description: string;
  category: string;
  ownerKind: 'staff' | 'partner';
  ownerUserId: string;
  ownerName: string;
  dueDate: string;
  eventDate: string;
  eventTime: string;
  status: string;
  completedOn: string;
  evidence: string;
  organizationIds: string[];
}

function valuesOf(m: Milestone | null, me: string, status?: string): Values {
  if (!m) {
    return {
      title: '',
      description: '',
      category: '',
      ownerKind: 'staff',
      ownerUserId: me,
      ownerName: '',
      dueDate: '',
      eventDate: '',
      eventTime: '',
      status: 'planned',
      completedOn: '',
      evidence: '',
      organizationIds: [],
    };
  }
  const done = (status ?? m.status) === 'done';
  return {
    title: m.title,
    description: m.description,
    category: m.category,
    ownerKind: m.owner.userId ? 'staff' : 'partner',
    ownerUserId: m.owner.userId ?? '',
    ownerName: m.owner.userId ? '' : m.owner.name,
    dueDate: m.dueDate,
    eventDate: m.eventDate ?? '',
    eventTime: m.eventTime ?? '',
    status: status ?? m.status,
    completedOn: m.completedOn ?? (done ? inputDate() : ''),
    evidence: m.evidence,
    organizationIds: m.organizations.map((o) => o.id),
  };
}

function toFields(v: Values) {
  const done = v.status === 'done';
  return {
    title: v.title,
    description: v.description,
    category: v.category as MilestoneCategory,
    ownerUserId: v.ownerKind === 'staff' ? v.ownerUserId || null : null,
    ownerName: v.ownerKind === 'partner' ? v.ownerName : '',
    dueDate: v.dueDate,
    eventDate: v.eventDate || null,
    eventTime: v.eventTime || null,
    status: v.status as MilestoneStatus,
    completedOn: done ? v.completedOn || null : null,
    evidence: v.evidence,
    organizationIds: v.organizationIds,
  };
}

function History({ entries }: { entries: MilestoneHistoryEntry[] | null }) {
  if (!entries) return <Loader size="sm" aria-label="Loading the change history" />;
  return (
    <Table striped aria-label="Change history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Who</Table.Th>
          <Table.Th scope="col">What</Table.Th>
          <Table.Th scope="col">From</Table.Th>
          <Table.Th scope="col">To</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e, i) => (
          <Table.Tr key={`${e.at}-${e.field}-${i}`}>
            <Table.Td>{formatDateTime(e.at)}</Table.Td>
            <Table.Td>{e.by?.displayName ?? '—'}</Table.Td>
            <Table.Td>{HISTORY_FIELDS[e.field] ?? e.field}</Table.Td>
            <Table.Td>{e.field === 'created' ? '' : historyValue(e.field, e.oldValue)}</Table.Td>
            <Table.Td>{historyValue(e.field, e.newValue)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Add or edit a programme milestone (coordinators and administrators). `startStatus` opens an existing
 * milestone with its status already changed, e.g. "Mark done" (completion date today, evidence to fill in).
 */
export function MilestoneDialog({
  opened,
  milestone,
  startStatus,
  me,
  onClose,
  onSaved,
}: {
  opened: boolean;
  milestone: Milestone | null;
  startStatus?: string;
  me: string;
  onClose: () => void;
  onSaved: (m: Milestone) => void;
}) {
  const form = useForm({
    initial: valuesOf(milestone, me, startStatus),
    schema: milestone ? contract['milestones.update'].input : contract['milestones.create'].input,
    toInput: (v: Values): { id?: string; version?: number; milestone: ReturnType<typeof toFields> } =>
      milestone ? { id: milestone.id, version: milestone.version, milestone: toFields(v) } : { milestone: toFields(v) },
    rules: (v: Values): FieldErrors => {
      const out: FieldErrors = {};
      const f = toFields(v);
      const createdOn = milestone ? inputDateOf(milestone.createdAt) : inputDate();
      for (const [k, m] of Object.entries(milestoneProblems(f, inputDate(), createdOn))) out[`milestone.${k}`] = m;
      if (!v.dueDate) out['milestone.dueDate'] = 'Due date: enter the day it is due.';
      if (v.ownerKind === 'staff' && !v.ownerUserId) out['milestone.ownerUserId'] = 'Owner: choose a staff member.';
      if (v.ownerKind === 'partner' && !v.ownerName.trim()) out['milestone.ownerName'] = 'Owner: name the partner who owns it.';
      return out;
    },
  });
  const { values: v, set, reset } = form;
  const [options, setOptions] = useState<Options | null>(null);
  const [history, setHistory] = useState<MilestoneHistoryEntry[] | null>(null);

  useEffect(() => {
    if (!opened) return;
    reset(valuesOf(milestone, me, startStatus));
    setHistory(null);
    void api.milestones.options({}).then((r) => r.ok && setOptions(r.value));
    if (milestone) void api.milestones.get({ id: milestone.id }).then((r) => setHistory(r.ok ? r.value.history : []));
  }, [opened, milestone, me, startStatus, reset]);

  async function save() {
    const out = await form.submit((input) =>
      input.id !== undefined && input.version !== undefined
        ? api.milestones.update({ id: input.id, version: input.version, milestone: input.milestone })
        : api.milestones.create({ milestone: input.milestone }),
    );
    if (!out) return;
    notifications.show({
      color: 'green',
      title: milestone ? 'Milestone saved' : 'Milestone added',
      message: out.milestone.title,
    });
    onSaved(out.milestone);
  }

  const staff = (options?.staff ?? []).map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role as Role]})` }));
  if (milestone?.owner.userId && !staff.some((s) => s.value === milestone.owner.userId)) {
    staff.push({ value: milestone.owner.userId, label: `${milestone.owner.name} (account deactivated)` });
  }
  const orgs = (options?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
  for (const o of milestone?.organizations ?? []) {
    if (!orgs.some((x) => x.value === o.id)) orgs.push({ value: o.id, label: `${o.name} (no longer in the directory)` });
  }
  const zone = options?.timeZone ?? 'America/Chicago';

  const details = (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        <ErrorSummary form={form} />
        <TextInput label="Title" required data-autofocus {...form.text('title', 'milestone.title')} />
        <SimpleGrid cols={2}>
          <Select
            label="Category"
            required
            data={CATEGORY_OPTIONS}
            allowDeselect={false}
            {...form.select('category', 'milestone.category')}
          />
          <Select
            label="Status"
            required
            data={STATUS_OPTIONS}
            allowDeselect={false}
            value={v.status}
            error={form.error('milestone.status')}
            onChange={(s) => {
              const status = s ?? 'planned';
              form.setValues((old) => ({
                ...old,
                status,
                completedOn: status === 'done' && !old.completedOn ? inputDate() : old.completedOn,
              }));
            }}
          />
        </SimpleGrid>
        <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.text('description', 'milestone.description')} />
        <Stack gap={6}>
          <Text size="sm" fw={500} id="owner-label">
            Owner <span aria-hidden>*</span>
          </Text>
          <SegmentedControl
            aria-labelledby="owner-label"
            data={[
              { value: 'staff', label: 'Staff member' },
              { value: 'partner', label: 'Partner' },
            ]}
            value={v.ownerKind}
            onChange={(k) => set('ownerKind', k as Values['ownerKind'])}
            style={{ alignSelf: 'flex-start' }}
          />
          {v.ownerKind === 'staff' ? (
            <Select
              label="Staff member who owns it"
              required
              searchable
              data={staff}
              {...form.select('ownerUserId', 'milestone.ownerUserId')}
            />
          ) : (
            <TextInput
              label="Partner who owns it"
              description="An organisation or person outside the unit, e.g. the TTA provider."
              required
              {...form.text('ownerName', 'milestone.ownerName')}
            />
          )}
        </Stack>
        <SimpleGrid cols={3}>
          <TextInput type="date" label="Due date" required {...form.text('dueDate', 'milestone.dueDate')} />
          <TextInput
            type="date"
            label="Event date"
            description="Optional: a meeting, training or briefing."
            {...form.text('eventDate', 'milestone.eventDate')}
          />
          <TextInput
            type="time"
            label="Event time"
            description={zoneName(v.eventDate || inputDate(), v.eventTime, zone)}
            required={!!v.eventDate}
            {...form.text('eventTime', 'milestone.eventTime')}
          />
        </SimpleGrid>
        {v.status === 'done' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput type="date" label="Completion date" required {...form.text('completedOn', 'milestone.completedOn')} />
            <Textarea
              label="Evidence"
              description="What shows it is done: a signed MOU, sign-in sheet, minutes, where it is filed."
              autosize
              minRows={2}
              style={{ gridColumn: 'span 2' }}
              {...form.text('evidence', 'milestone.evidence')}
            />
          </SimpleGrid>
        ) : null}
        <MultiSelect
          label="Partner organisations"
          description="From the provider directory, e.g. the MOU partner."
          data={orgs}
          value={v.organizationIds}
          onChange={(ids) => set('organizationIds', ids)}
          searchable
          clearable
          limit={50}
          nothingFoundMessage="No organisation of that name in the directory"
          error={form.error('milestone.organizationIds')}
        />
        <Text size="sm" c="dimmed">
          Every change is kept in the milestone’s history with your name and the time.
        </Text>
        <FormErrors form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.busy}>
            {milestone ? 'Save changes' : 'Add milestone'}
          </Button>
        </Group>
      </Stack>
    </form>
  );

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={milestone ? `Edit “${milestone.title}”` : 'New programme milestone'}
      size="xl"
    >
      {milestone ? (
        <Tabs defaultValue="details" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="details">Details</Tabs.Tab>
            <Tabs.Tab value="history">Change history</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">{details}</Tabs.Panel>
          <Tabs.Panel value="history">
            <History entries={history} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        details
      )}
    </AppModal>
  );
}
