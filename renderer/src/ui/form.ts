import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiError, Result } from '../../../shared/contract/procedure';
import { isSessionProblem } from '../api';

/** Messages keyed by the input path the backend names, e.g. `admin.password` or `department.postalCode`. */
export type FieldErrors = Record<string, string>;

/** Every problem the contract's own schema finds, first message per field (the backend reports only the first). */
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

/**
 * Form state with the errors the backend and the contract report: field messages beside
 * their field, anything else above the buttons. After a failed submit the first invalid
 * input takes the focus, so a keyboard user lands where the fix is needed.
 */
export function useForm<V extends Record<string, string | boolean>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrorsState] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusTick === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [focusTick]);

  const setErrors = useCallback((next: FieldErrors) => {
    setErrorsState(next);
    if (Object.keys(next).length) setFocusTick((t) => t + 1);
  }, []);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  }, []);

  /** Props for a text input bound to `key`, showing the error reported for `path` (defaults to the key). */
  const text = (key: keyof V & string, path: string = key) => ({
    value: String(values[key]),
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
      if (errors[path]) setErrorsState(({ [path]: _removed, ...rest }) => rest);
    },
    error: errors[path],
  });

  const reset = useCallback((next: V) => {
    setValues(next);
    setErrorsState({});
    setFormError(null);
  }, []);

  /** Shows an API error where it belongs; session problems are left to the app (lock/login screen). */
  const showError = useCallback(
    (error: ApiError) => {
      if (isSessionProblem(error.code)) return;
      if (error.field) setErrors({ [error.field]: error.message });
      else setFormError(error.message);
    },
    [setErrors],
  );

  /** Runs a call with the busy flag set; returns the value, or null after showing the error. */
  const run = useCallback(
    async <T>(fn: () => Promise<Result<T>>): Promise<T | null> => {
      setBusy(true);
      setFormError(null);
      try {
        const result = await fn();
        if (result.ok) {
          setErrorsState({});
          return result.value;
        }
        showError(result.error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [showError],
  );

  return { values, set, text, errors, setErrors, formError, setFormError, busy, run, reset, formRef };
}
