import type { VocabItem } from './vocab';

/**
 * TTA performance metrics: each quarter the coordinator answers the technical-assistance provider's
 * questions (numbers, yes / no, short text). The questions are the unit's to edit; answers are kept per
 * quarter with the wording they answered, and go out with the TTA data package.
 */

export const ANSWER_TYPES = [
  { code: 'number', label: 'Number' },
  { code: 'yes_no', label: 'Yes / no' },
  { code: 'text', label: 'Text' },
] as const satisfies readonly VocabItem[];
export type AnswerType = (typeof ANSWER_TYPES)[number]['code'];

export const TTA_LIMITS = { question: 300, text: 2000, questions: 60, maxNumber: 1_000_000_000 } as const;

/** A calendar quarter as stored and exported: "2026-Q4". */
export const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter a day (YYYY-MM-DD) falls in. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** First and last day of a quarter. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** The quarter `n` quarters after (negative: before) `quarter`. */
export function shiftQuarter(quarter: string, n: number): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** "Oct – Dec 2026 (Q4)". */
export function quarterLabel(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) return quarter;
  const names = ['Jan – Mar', 'Apr – Jun', 'Jul – Sep', 'Oct – Dec'];
  return `${names[Number(m[2]) - 1]} ${m[1]} (Q${m[2]})`;
}

/** A stored answer: a number, yes / no, or text. */
export type AnswerValue = number | boolean | string;

/**
 * Why `value` does not answer `question`, naming the question ("Number of officers trained…: the number
 * cannot be negative."), or null. `null` (no answer) is always allowed.
 */
export function answerProblemFor(question: { text: string; answerType: string }, value: AnswerValue | null): string | null {
  const problem = answerProblem(question.answerType, value);
  if (!problem) return null;
  const name = question.text.length > 60 ? `${question.text.slice(0, 57).trimEnd()}…` : question.text;
  return `${name.replace(/[?.]$/, '')}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;
}

/** Why `value` does not answer a question of this type, or null. `null` (no answer) is always allowed. */
export function answerProblem(type: string, value: AnswerValue | null): string | null {
  if (value === null) return null;
  if (type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'Answer with a number.';
    if (value < 0) return 'The number cannot be negative.';
    if (value > TTA_LIMITS.maxNumber) return 'The number is too large; check it.';
    if (Math.round(value * 100) !== value * 100) return 'Use at most two decimal places.';
    return null;
  }
  if (type === 'yes_no') return typeof value === 'boolean' ? null : 'Answer yes or no.';
  if (typeof value !== 'string') return 'Answer in words.';
  if (value.length > TTA_LIMITS.text) return `The answer must be at most 2,000 characters.`;
  return null;
}
