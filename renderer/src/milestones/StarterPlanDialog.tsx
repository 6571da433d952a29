import { Badge, Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect } from 'react';
import { contract } from '../../../shared/contract';
import { PLAN_EARLIEST, starterPlanFor } from '../../../shared/domain/milestones';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { type FieldErrors, useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDate, inputDate } from '../ui/format';
import { categoryLabel } from './labels';

/**
 * Start the plan from the usual launch milestones: a start date, a preview of every milestone with its due
 * date, and what is already in the plan (starting again adds only what is missing).
 */
export function StarterPlanDialog({
  opened,
  existingKeys,
  onClose,
  onStarted,
}: {
  opened: boolean;
  existingKeys: readonly string[];
  onClose: () => void;
  onStarted: () => void;
}) {
  const form = useForm({
    initial: { startDate: inputDate() },
    schema: contract['milestones.startPlan'].input,
    rules: (v): FieldErrors =>
      v.startDate && v.startDate < PLAN_EARLIEST
        ? { startDate: 'Start date: enter a date in 2000 or later; check the year.' }
        : {},
  });
  const { reset } = form;
  useEffect(() => {
    if (opened) reset({ startDate: inputDate() });
  }, [opened, reset]);

  const there = new Set(existingKeys);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(form.values.startDate);
  const items = valid ? starterPlanFor(form.values.startDate) : [];
  const missing = items.filter((i) => !there.has(i.key)).length;
  const allThere = there.size > 0 && items.length > 0 && missing === 0;

  async function start() {
    const out = await form.submit((input) => api.milestones.startPlan(input));
    if (!out) return;
    notifications.show({
      color: 'green',
      title: out.added ? 'Starter plan added' : 'Nothing added',
      message: out.added
        ? `${out.added} milestone${out.added === 1 ? '' : 's'} added${out.alreadyThere ? `; ${out.alreadyThere} were already in the plan` : ''}. Adjust them as you go.`
        : 'Every milestone of the starter plan is already in the plan.',
    });
    onStarted();
  }

  return (
    <AppModal opened={opened} onClose={onClose} title="Start from the starter plan" size="xl">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void start();
        }}
      >
        <Stack>
          <Text size="sm">
            The usual launch milestones of a deflection programme, agreed with the technical-assistance provider. Their due dates
            count from the start date; you own them and can change any of them afterwards.
          </Text>
          <TextInput
            type="date"
            label="Start date"
            description="Usually the day the grant or the TTA engagement begins."
            required
            data-autofocus
            style={{ maxWidth: 260 }}
            {...form.text('startDate')}
          />
          {items.length ? (
            <Table striped aria-label="Starter plan milestones">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Milestone</Table.Th>
                  <Table.Th scope="col">Category</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>In the plan</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.key}>
                    <Table.Td>{i.title}</Table.Td>
                    <Table.Td>{categoryLabel(i.category)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(i.dueDate)}</Table.Td>
                    <Table.Td>
                      {there.has(i.key) ? (
                        <Badge color="gray" variant="light">
                          Already in the plan
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          {allThere ? (
            <Text size="sm" fw={600} role="status">
              Every milestone of the starter plan is already in the plan: starting it again adds nothing.
            </Text>
          ) : null}
          <FormErrors form={form} title="Plan not started" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {allThere ? 'Close' : 'Cancel'}
            </Button>
            <Button type="submit" loading={form.busy} disabled={allThere}>
              {missing && missing < items.length
                ? `Add the ${missing} missing milestones`
                : `Add ${items.length || 10} milestones`}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
