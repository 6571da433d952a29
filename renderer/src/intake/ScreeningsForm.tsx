import { Badge, Checkbox, Fieldset, Group, Radio, Stack, Text } from '@mantine/core';
import type { ScreeningInput } from '../../../shared/contract/intake';
import {
  allQuestions,
  SCREENER_CODES,
  SCREENERS,
  type ScreenerCode,
  type ScreenerDef,
  scoreScreening,
} from '../../../shared/domain/screeners';
import type { FieldErrors } from '../ui/form';

/** Per instrument: null when not being recorded, else one answer (or null) per item. */
export type ScreeningsFormValues = Record<ScreenerCode, (string | number | null)[] | null>;

export const EMPTY_SCREENINGS: ScreeningsFormValues = { cage_aid: null, phq2: null, tvit: null };

export function toScreenings(v: ScreeningsFormValues): ScreeningInput[] {
  return SCREENER_CODES.filter((code) => v[code] !== null).map(
    (code) => ({ instrument: code, answers: v[code] }) as ScreeningInput,
  );
}

function ScreenerFields({
  def,
  answers,
  onChange,
  error,
}: {
  def: ScreenerDef<string | number>;
  answers: (string | number | null)[];
  onChange: (next: (string | number | null)[]) => void;
  /** The error of the screening (`''`) or of one answer (`answers.2`). */
  error: (path: string) => string | undefined;
}) {
  const complete = answers.every((a) => a !== null);
  const result = complete ? scoreScreening(def.code, answers as (string | number)[]) : null;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        {def.preamble}
      </Text>
      {def.items.map((item, i) => (
        <Radio.Group
          key={item}
          label={`${i + 1}. ${item}`}
          error={error(`answers.${i}`)}
          value={answers[i] === null || answers[i] === undefined ? null : String(answers[i])}
          onChange={(v) => {
            const next = [...answers];
            const option = def.options.find((o) => String(o.value) === v);
            next[i] = option ? option.value : null;
            onChange(next);
          }}
        >
          <Group gap="lg" mt={4}>
            {def.options.map((o) => (
              <Radio key={String(o.value)} value={String(o.value)} label={o.label} />
            ))}
          </Group>
        </Radio.Group>
      ))}
      <Group gap="sm" aria-live="polite">
        <Text size="sm">
          {result ? `Score ${result.score} of ${def.maxScore}.` : `Answer ${allQuestions(def.items.length)} to see the score.`}{' '}
          {def.rule}
        </Text>
        {result ? (
          <Badge color={result.positive ? 'red' : 'gray'} variant="light">
            {result.positive ? 'Positive' : 'Negative'}
          </Badge>
        ) : null}
      </Group>
      {error('') ? (
        <Text c="red.9" size="sm" data-error-anchor>
          {error('')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** CAGE-AID, PHQ-2 and TVIT; each recorded only when ticked. Clinical roles only. */
export function ScreeningsForm({
  values,
  onChange,
  errors,
}: {
  values: ScreeningsFormValues;
  onChange: (v: ScreeningsFormValues) => void;
  errors: FieldErrors;
}) {
  /** An answer's own error, else the screening's (any other problem of it, or of the list). */
  const errorFor = (index: number) => (path: string) => {
    if (path) return errors[`screenings.${index}.${path}`];
    const own = Object.entries(errors).find(
      ([k]) => (k === `screenings.${index}` || k.startsWith(`screenings.${index}.`)) && !/\.answers\.\d+$/.test(k),
    )?.[1];
    return own ?? (index === 0 ? errors.screenings : undefined);
  };
  let position = 0;
  return (
    <Stack gap="md">
      {SCREENER_CODES.map((code) => {
        const def = SCREENERS[code] as ScreenerDef<string | number>;
        const answers = values[code];
        const index = answers ? position++ : -1;
        return (
          <Fieldset key={code} legend={`${def.label}: ${def.summary}`}>
            <Stack gap="sm">
              <Checkbox
                label={`Record ${def.label}`}
                checked={answers !== null}
                onChange={(e) => onChange({ ...values, [code]: e.currentTarget.checked ? def.items.map(() => null) : null })}
              />
              {answers ? (
                <ScreenerFields
                  def={def}
                  answers={answers}
                  onChange={(next) => onChange({ ...values, [code]: next })}
                  error={errorFor(index)}
                />
              ) : null}
            </Stack>
          </Fieldset>
        );
      })}
    </Stack>
  );
}
