import { z } from 'zod';
import { codes, type VocabItem } from '../domain/vocab';

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
