import { Alert, Badge, Button, Card, Group, Loader, NumberInput, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit } from '@tabler/icons-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { TtaQuarter } from '../../../shared/contract/tta';
import { answerProblemFor, type AnswerValue, quarterLabel, shiftQuarter } from '../../../shared/domain/tta';
import { api } from '../api';
import { href } from '../app/router';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { TtaQuestionsDialog } from './TtaQuestionsDialog';

/** What an answer input holds: '' for no answer. */
type Held = string | number | boolean;

function heldOf(q: TtaQuarter): Held[] {
  return q.items.map((i) => (i.answer ? i.answer.value : ''));
}

function valueOf(type: string, held: Held): AnswerValue | null {
  if (held === '') return null;
  if (type === 'text' && typeof held === 'string') return held.trim() === '' ? null : held;
  return held;
}

function QuarterForm({ data, onSaved }: { data: TtaQuarter; onSaved: (q: TtaQuarter) => void }) {
  const toInput = (held: Held[]) => ({
    quarter: data.quarter,
    answers: data.items.map((item, i) => ({
      questionId: item.question.id,
      value: valueOf(item.question.answerType, held[i] ?? ''),
    })),
  });
  const form = useForm({
    initial: heldOf(data),
    schema: contract['tta.saveAnswers'].input,
    toInput,
    rules: (_held, input): FieldErrors => {
      const out: FieldErrors = {};
      input.answers.forEach((a, i) => {
        const problem = answerProblemFor(data.items[i]!.question, a.value);
        if (problem) out[`answers.${i}.value`] = problem;
      });
      return out;
    },
  });
  const { reset } = form;
  useEffect(() => reset(heldOf(data)), [data, reset]);
  const setAt = (i: number, value: Held) => form.setValues((old) => old.map((h, j) => (j === i ? value : h)));

  async function save() {
    const out = await form.submit((input) => api.tta.saveAnswers(input));
    if (!out) return;
    notifications.show({ color: 'green', title: 'Answers saved', message: quarterLabel(out.quarter) });
    onSaved(out);
  }

  return (
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
        {data.items.map((item, i) => {
          const q = item.question;
          const label = `${i + 1}. ${q.text}`;
          const error = form.error(`answers.${i}.value`);
          const held = form.values[i] ?? '';
          const a = item.answer;
          return (
            <Card key={q.id} withBorder padding="md" data-testid="tta-question">
              <Stack gap={6}>
                {q.answerType === 'number' ? (
                  <NumberInput
                    label={label}
                    value={typeof held === 'number' || typeof held === 'string' ? held : ''}
                    onChange={(v) => setAt(i, typeof v === 'number' ? v : v.trim() === '' ? '' : v)}
                    decimalScale={2}
                    thousandSeparator=","
                    error={error}
                    styles={{ wrapper: { maxWidth: 240 } }}
                  />
                ) : q.answerType === 'yes_no' ? (
                  <Radio.Group
                    label={label}
                    value={held === true ? 'yes' : held === false ? 'no' : ''}
                    onChange={(v) => setAt(i, v === 'yes')}
                    error={error}
                  >
                    <Group mt={6}>
                      <Radio value="yes" label="Yes" />
                      <Radio value="no" label="No" />
                      {held !== '' ? (
                        <Button variant="subtle" size="compact-sm" onClick={() => setAt(i, '')}>
                          Clear the answer
                        </Button>
                      ) : null}
                    </Group>
                  </Radio.Group>
                ) : (
                  <Textarea
                    label={label}
                    autosize
                    minRows={2}
                    maxLength={2000}
                    value={typeof held === 'string' ? held : String(held)}
                    onChange={(e) => setAt(i, e.currentTarget.value)}
                    error={error}
                  />
                )}
                <Group gap="xs">
                  {!q.active ? (
                    <Badge color="gray" variant="light">
                      Retired question
                    </Badge>
                  ) : null}
                  {a ? (
                    <Text size="xs" c="dimmed">
                      Answered by {a.answeredBy?.displayName ?? 'a former staff member'}, {formatDateTime(a.answeredAt)}
                      {a.questionText !== q.text ? ` · asked then as “${a.questionText}”` : ''}
                    </Text>
                  ) : (
                    <Text size="xs" c="dimmed">
                      Not answered yet.
                    </Text>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
        <FormErrors form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset(heldOf(data))} disabled={form.busy}>
            Undo changes
          </Button>
          <Button type="submit" loading={form.busy}>
            Save answers
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** TTA performance metrics: the questions of the technical-assistance provider, answered quarter by quarter. */
export function TtaScreen() {
  const [quarter, setQuarter] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const fetchQuarter = useCallback(() => api.tta.quarter(quarter ? { quarter } : {}), [quarter]);
  const { data, error, reload, setData } = useQuery(fetchQuarter);

  const choices = new Map<string, number>();
  if (data) {
    for (let n = 0; n < 8; n++) choices.set(shiftQuarter(data.current, -n), 0);
    for (const q of data.quarters) choices.set(q.quarter, q.answers);
  }
  const options = [...choices]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([q, n]) => ({ value: q, label: `${quarterLabel(q)}${n ? ` · ${n} answered` : ''}` }));

  return (
    <Stack>
      <PageHeader
        title="TTA performance metrics"
        description="The technical-assistance provider’s questions, answered once a quarter. The answers go out with the TTA data package."
        actions={
          <>
            <Button
              component="a"
              href={href('/programme')}
              variant="subtle"
              leftSection={<IconArrowLeft size={18} aria-hidden />}
            >
              Programme plan
            </Button>
            <Button
              variant="default"
              leftSection={<IconEdit size={18} aria-hidden />}
              onClick={() => setEditing(true)}
              disabled={!data}
            >
              Edit questions
            </Button>
          </>
        }
      />
      {error ? (
        <Alert color="red" title="Could not load the questions" role="alert">
          {error}
        </Alert>
      ) : null}
      {!data ? (
        error ? null : (
          <Loader aria-label="Loading the questions" />
        )
      ) : (
        <>
          <Select
            label="Quarter"
            data={options}
            value={data.quarter}
            onChange={(q) => q && setQuarter(q)}
            allowDeselect={false}
            maw={360}
            description={data.quarter === data.current ? 'The current quarter.' : undefined}
          />
          {data.items.length ? (
            <QuarterForm data={data} onSaved={(q) => setData(q)} />
          ) : (
            <Text c="dimmed">No questions are asked. Add some with “Edit questions”.</Text>
          )}
        </>
      )}
      {data ? (
        <TtaQuestionsDialog
          opened={editing}
          questions={data.questions}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void reload();
          }}
        />
      ) : null}
    </Stack>
  );
}
