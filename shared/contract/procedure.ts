import { z } from 'zod';
import type { Role } from '../domain/roles';

/** Who may call a procedure: anyone (before login), any unlocked session, or listed roles. */
export type Access = 'public' | 'session' | readonly Role[];

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Mutations run in one transaction with their audit entry; queries are read-only. */
  readonly kind: 'query' | 'mutation';
  /** Queries that disclose something sensitive are audited too. */
  readonly auditRead?: boolean;
  /** Polled by the window (progress): does not count as the user being active for the idle lock. */
  readonly passive?: boolean;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O> {
  return def;
}

export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'locked',
  'forbidden',
  'not_found',
  'conflict',
  'bad_credentials',
  'locked_out',
  'setup_required',
  'already_setup',
  'password_change_required',
  /** The consent gate refused a disclosure; the message says what is missing (an administrator may override). */
  'consent_required',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A refused call. `fields` names every problem found in the input at once (input path such as
 * `contact.pathway` → message), so a form can mark them all; `field` and `message` repeat the first
 * of them for callers that show one line (the CLI). `retryAt` (ISO) says when a time-limited refusal
 * ends (an account lockout), for the window to write in its own time format.
 */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  retryAt: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const empty = z.strictObject({});
export const ok = z.object({});

/** Ids are random UUIDs. */
export const id = z.uuid();
/** Short single-line text: trimmed, bounded, no control characters. */
export function line(max: number, label = 'This field') {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((v) => !/[\u0000-\u001f\u007f]/u.test(v), `${label} must be a single line of text.`);
}
export function requiredLine(max: number, label = 'This field') {
  return line(max, label).pipe(z.string().min(1, `${label} is required.`));
}
