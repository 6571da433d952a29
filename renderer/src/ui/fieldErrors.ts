/**
 * The pure half of the form mechanism (see form.ts): error maps keyed by input path, read from the
 * contract's schemas and the backend's refusals. No DOM, no React: the backend's tests use it too.
 */
import type { z } from 'zod';
import type { ApiError } from '../../../shared/contract/procedure';

/** Messages keyed by the input path the backend and the contract name, e.g. `admin.password`. */
export type FieldErrors = Record<string, string>;

/** Every problem the contract's own schema finds: the first message per input path. */
export function schemaErrors(schema: z.ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= issue.message;
  }
  return out;
}

/** The error for `path`, or else the first one reported inside it (`needs` shows `needs.2`). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(prefix)) return message;
  return undefined;
}

/** Every field problem of an API refusal: its `fields`, or the one `field`. */
export function apiFieldErrors(error: ApiError): FieldErrors {
  if (error.fields && Object.keys(error.fields).length) return { ...error.fields };
  return error.field ? { [error.field]: error.message } : {};
}

type ZodDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** The contract's maximum length for the text at `path` of `schema`, so inputs refuse longer text as it is typed. */
export function maxLengthAt(schema: z.ZodType, path: string): number | undefined {
  let node: z.ZodType | undefined = schema;
  const parts = path ? path.split('.') : [];
  for (;;) {
    if (!node) return undefined;
    const def = defOf(node);
    if (def.innerType) node = def.innerType;
    else if (def.type === 'pipe') node = def.in;
    else if (def.type === 'object' && parts.length) node = def.shape?.[parts.shift()!];
    else if (def.type === 'array' && parts.length) {
      parts.shift();
      node = def.element;
    } else if (def.type === 'string' && !parts.length) {
      return def.checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
    } else return undefined;
  }
}

/**
 * A refusal of a call made for part of a form (a new organisation, one of several screenings), with the
 * fields it names moved to where the form shows them: `from` (a path prefix, or "" for all) becomes `to`.
 */
export function moveFields(error: ApiError, from: string, to: string): ApiError {
  const move = (path: string) =>
    !from ? `${to}.${path}` : path === from ? to : path.startsWith(`${from}.`) ? `${to}${path.slice(from.length)}` : path;
  const fields = Object.fromEntries(Object.entries(apiFieldErrors(error)).map(([k, m]) => [move(k), m]));
  return {
    ...error,
    ...(error.field ? { field: move(error.field) } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
  };
}
