import { z } from 'zod';
import { US_STATES } from '../domain/usStates';
import { codes, type VocabItem } from '../domain/vocab';
import { line } from './procedure';

/** Field helpers shared by the intake, people and follow-up contracts. */

/** A calendar date, YYYY-MM-DD (a real date: no 31 April). */
export function isoDate(label: string) {
  return z.iso.date({ error: `${label}: enter a real date as YYYY-MM-DD.` });
}

/** A moment with its UTC offset, as the window's clock saw it (e.g. 2026-11-27T22:15:00-06:00). */
export function isoDateTime(label: string) {
  return z.iso.datetime({ offset: true, error: `${label}: enter a date and time.` });
}

/** Multi-line free text: bounded, line breaks and tabs allowed, other control characters not. */
export function text(max: number, label: string) {
  return z
    .string()
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters.`)
    .refine(
      (v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(v),
      `${label} contains characters that cannot be stored.`,
    )
    .transform((v) => v.replace(/\r\n?/g, '\n').trim());
}

/** One code of a vocabulary, with a plain message when the code is not in it. */
export function vocab<const V extends readonly [VocabItem, ...VocabItem[]]>(list: V, label: string) {
  return z.enum(codes(list), { error: `${label}: choose one of the listed options.` });
}

/** Several codes of a vocabulary, each at most once. */
export function vocabSet<const V extends readonly [VocabItem, ...VocabItem[]]>(list: V, label: string) {
  return z
    .array(vocab(list, label))
    .max(list.length, `${label}: too many choices.`)
    .refine((v) => new Set(v).size === v.length, `${label}: each option may be chosen only once.`);
}

/** A staff member as shown beside a record. */
export const staffRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type StaffRef = z.infer<typeof staffRefSchema>;

/** Digits with spaces and + ( ) - . and "x" for an extension: at least 7 digits, or a 3-digit service line (211, 911, 988). */
export function looksLikePhone(v: string): boolean {
  if (!/^[0-9+()\-. x]*$/.test(v)) return false;
  const digits = v.replace(/\D/g, '');
  return digits.length >= 7 || /^(?:[2-9]11|988)$/.test(digits);
}

/** A telephone number as staff write it (see `looksLikePhone`); empty when not known. */
export function phoneNumber(max: number, label = 'Phone') {
  return line(max, label).refine(
    (v) => v === '' || looksLikePhone(v),
    `${label}: enter a number such as (312) 555-0100, or leave it empty.`,
  );
}

/** A US state or territory as its two-letter USPS code (chosen from a list); empty when not given. */
export const usStateCode = z
  .union([z.literal(''), z.enum(codes(US_STATES))], { error: 'State: choose a state from the list.' })
  .default('');
