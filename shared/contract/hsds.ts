import { z } from 'zod';
import { HSDS_SPEC, HSDS_TABLES, type HsdsField, type HsdsRecord, type HsdsTable } from './hsdsSpec';

/**
 * The shapes of imported HSDS files: one zod schema per table row (the single source of truth for
 * what a valid row is), the tabular package descriptor, and the JSON documents. CSV cells arrive as
 * strings and JSON values as strings or numbers; both parse to the same stored record.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The same address rule as JSON-schema "email" (ajv-formats), so every imported row also exports valid. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const URI = /^[a-z][a-z0-9+.-]*:[\x21-\x7e]+$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
/** HH:MM or HH:MM:SS, optionally with Z or a UTC offset (HSDS opens_at / closes_at). 24:00 closes at midnight. */
export const HSDS_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?|(24):(00)(?::(00))?)(Z|[+-]\d{2}:?\d{2})?$/i;
/** iCal BYDAY entries: MO, or with an ordinal for monthly schedules (2MO, -1FR). */
export const BYDAY_ITEM = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;
const MAX_TEXT = 20_000;
const MAX_LONG_TEXT = 1_000_000;
const LONG_FIELDS = new Set(['extent', 'description']);

function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

type Cell = string | number | null;

/** Turns a CSV cell or JSON value into the stored value, or says plainly why it cannot be one. */
export function parseHsdsValue(field: HsdsField, raw: unknown): { value: Cell } | { error: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return field.required ? { error: 'is required but empty' } : { value: null };
  }
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return { error: 'must be a single value (text or number), not a list or object' };
  if (field.type === 'number') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(n)) return { error: `must be a number (got "${clip(String(raw))}")` };
    return { value: n };
  }
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { error: 'contains control characters' };
  const max = LONG_FIELDS.has(field.name) ? MAX_LONG_TEXT : MAX_TEXT;
  if (text.length > max) return { error: `is longer than ${max} characters` };
  const trimmed = text.trim();
  if (field.format === 'uuid') {
    const id = trimmed.toLowerCase();
    return UUID.test(id)
      ? { value: id }
      : { error: `must be a UUID like 3fa85f64-5717-4562-b3fc-2c963f66afa6 (got "${clip(trimmed)}")` };
  }
  if (field.enum) {
    const found = field.enum.find((e) => e.toLowerCase() === trimmed.toLowerCase());
    return found ? { value: found } : { error: `must be one of ${field.enum.join(', ')} (got "${clip(trimmed)}")` };
  }
  if (field.format === 'email')
    return EMAIL.test(trimmed) ? { value: trimmed } : { error: `must be an email address (got "${clip(trimmed)}")` };
  if (field.format === 'uri') {
    return URI.test(trimmed) && URL.canParse(trimmed)
      ? { value: trimmed }
      : { error: `must be a full web address starting with http:// or https:// (got "${clip(trimmed)}")` };
  }
  if (field.type === 'date')
    return isValidDate(trimmed) ? { value: trimmed } : { error: `must be a date written YYYY-MM-DD (got "${clip(trimmed)}")` };
  if (field.type === 'datetime') {
    return DATETIME.test(trimmed) && !Number.isNaN(Date.parse(trimmed))
      ? { value: trimmed }
      : { error: `must be a date and time like 2024-03-15T10:30:00Z (got "${clip(trimmed)}")` };
  }
  if (field.type === 'time') {
    return HSDS_TIME.test(trimmed)
      ? { value: trimmed }
      : {
          error: `must be a 24-hour time written HH:MM, optionally with a UTC offset such as 09:00-06:00 (got "${clip(trimmed)}")`,
        };
  }
  if (field.name === 'byday') {
    const items = trimmed.split(',').map((s) => s.trim().toUpperCase());
    return items.every((i) => BYDAY_ITEM.test(i))
      ? { value: items.join(',') }
      : { error: `must be days written MO,TU,WE,TH,FR,SA,SU (got "${clip(trimmed)}")` };
  }
  return { value: text };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export interface RowIssue {
  field: string;
  message: string;
}

/** Validates one row of a table: every field of the table, in order; unknown keys are not looked at. */
export function parseHsdsRow(
  table: HsdsTable,
  raw: Readonly<Record<string, unknown>>,
): { record: HsdsRecord; issues: RowIssue[] } {
  const record: HsdsRecord = {};
  const issues: RowIssue[] = [];
  for (const field of HSDS_SPEC[table].fields) {
    const r = parseHsdsValue(field, raw[field.name]);
    if ('error' in r) {
      issues.push({ field: field.name, message: `${field.name} ${r.error}` });
      record[field.name] = null;
    } else {
      record[field.name] = r.value;
    }
  }
  return { record, issues };
}

/** A zod view of the same rule, for callers that want a schema (e.g. the contract's edit procedures). */
export function hsdsRowSchema(table: HsdsTable): z.ZodType<HsdsRecord> {
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const { record, issues } = parseHsdsRow(table, raw);
    for (const i of issues) ctx.addIssue({ code: 'custom', message: i.message, path: [i.field] });
    return record;
  });
}

/** Frictionless tabular data package descriptor: only what the import reads; the rest is allowed and ignored. */
export const dataPackageSchema = z.looseObject({
  profile: z.string().optional(),
  resources: z
    .array(
      z.looseObject({
        name: z.string().min(1).max(200),
        path: z.union([z.string().min(1).max(500), z.array(z.string().min(1).max(500)).min(1).max(1)]),
        encoding: z.string().max(50).optional(),
      }),
    )
    .max(200),
});
export type DataPackage = z.infer<typeof dataPackageSchema>;

/** A JSON object standing for one HSDS record, with its nested children. */
export const hsdsJsonObjectSchema = z.record(z.string(), z.unknown());

/** HSDS JSON: one `*_full` object, a list-API page (`contents`), or a plain array of objects. */
export const hsdsJsonDocumentSchema = z.union([
  z.looseObject({ contents: z.array(hsdsJsonObjectSchema).max(100_000) }),
  z.array(hsdsJsonObjectSchema).max(100_000),
  hsdsJsonObjectSchema,
]);

export const hsdsTableSchema = z.enum(HSDS_TABLES);
