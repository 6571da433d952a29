import { ActionIcon, Button, Checkbox, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect } from 'react';
import { contract } from '../../../shared/contract';
import type { TtaQuestion } from '../../../shared/contract/tta';
import { ANSWER_TYPES, TTA_LIMITS } from '../../../shared/domain/tta';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';

interface Row {
  id?: string;
  text: string;
  answerType: string;
  active: boolean;
  answeredQuarters: number;
}

const TYPE_OPTIONS = ANSWER_TYPES.map((t) => ({ value: t.code, label: t.label }));

const rowsOf = (questions: TtaQuestion[]): Row[] =>
  questions.map((q) => ({
    id: q.id,
    text: q.text,
    answerType: q.answerType,
    active: q.active,
    answeredQuarters: q.answeredQuarters,
  }));

/**
 * The list of questions: reword, reorder, add, retire (no longer asked; earlier answers kept) or delete a
 * question that was never answered. A question with answers keeps its answer type.
 */
export function TtaQuestionsDialog({
  opened,
  questions,
  onClose,
  onSaved,
}: {
  opened: boolean;
  questions: TtaQuestion[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const form = useForm({
    initial: rowsOf(questions),
    schema: contract['tta.saveQuestions'].input,
    toInput: (rows: Row[]) => ({
      questions: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        text: r.text,
        answerType: r.answerType as never,
        active: r.active,
      })),
    }),
  });
  const { reset } = form;
  useEffect(() => {
    if (opened) reset(rowsOf(questions));
  }, [opened, questions, reset]);
  const rows = form.values;
  const update = (i: number, patch: Partial<Row>) =>
    form.setValues((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) =>
    form.setValues((old) => {
      const next = [...old];
      const [row] = next.splice(i, 1);
      next.splice(i + by, 0, row!);
      return next;
    });

  async function save() {
    const out = await form.submit((input) => api.tta.saveQuestions(input));
    if (!out) return;
    notifications.show({
      color: 'green',
      title: 'Questions saved',
      message: `${out.questions.filter((q) => q.active).length} asked each quarter.`,
    });
    onSaved();
  }

  return (
    <AppModal opened={opened} onClose={onClose} title="Edit the TTA questions" size="xl">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Text size="sm">
            Answers keep the wording they were given under. A question with answers cannot be deleted or change its answer type:
            untick “Asked” to retire it.
          </Text>
          <ErrorSummary form={form} />
          {rows.map((r, i) => (
            <Group key={r.id ?? `new-${i}`} align="flex-start" wrap="nowrap" gap="xs" data-testid="tta-question-row">
              <TextInput
                label={`Question ${i + 1}`}
                required
                style={{ flex: 1 }}
                maxLength={TTA_LIMITS.question}
                value={r.text}
                onChange={(e) => update(i, { text: e.currentTarget.value })}
                error={form.error(`questions.${i}.text`)}
                data-autofocus={i === rows.length - 1 && !r.id ? true : undefined}
              />
              <Select
                label="Answer"
                w={130}
                data={TYPE_OPTIONS}
                allowDeselect={false}
                value={r.answerType}
                onChange={(t) => update(i, { answerType: t ?? 'number' })}
                disabled={r.answeredQuarters > 0}
                description={r.answeredQuarters > 0 ? 'Has answers' : undefined}
                error={form.error(`questions.${i}.answerType`)}
              />
              <Checkbox
                label="Asked"
                mt={32}
                checked={r.active}
                onChange={(e) => update(i, { active: e.currentTarget.checked })}
                aria-label={`Asked each quarter: question ${i + 1}`}
              />
              <Group gap={2} mt={28} wrap="nowrap">
                <Tooltip label="Move up">
                  <ActionIcon
                    variant="subtle"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={`Move question ${i + 1} up`}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Move down">
                  <ActionIcon
                    variant="subtle"
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={`Move question ${i + 1} down`}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={r.answeredQuarters > 0 ? 'Has answers: retire it instead' : 'Delete'}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    disabled={r.answeredQuarters > 0}
                    onClick={() => form.setValues((old) => old.filter((_, j) => j !== i))}
                    aria-label={`Delete question ${i + 1}`}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          ))}
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            style={{ alignSelf: 'flex-start' }}
            disabled={rows.length >= TTA_LIMITS.questions}
            onClick={() =>
              form.setValues((old) => [...old, { text: '', answerType: 'number', active: true, answeredQuarters: 0 }])
            }
          >
            Add a question
          </Button>
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              Save questions
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
