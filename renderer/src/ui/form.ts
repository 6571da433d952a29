/**
 * Forms: the one way every form and dialog validates, shows and focuses its errors.
 *
 *   const form = useForm({
 *     initial: { name: '', dueDate: '' },          // what the inputs hold (any shape)
 *     schema: contract['things.create'].input,     // the contract checks the whole input at once…
 *     toInput: (v) => ({ name: v.name, dueDate: v.dueDate }),
 *     rules: (v, input) => thingProblems(input),   // …plus shared rules beyond the schema (optional)
 *   });
 *   async function save() {
 *     const out = await form.submit((input) => api.things.create(input));   // null when refused
 *     if (out) onSaved(out);
 *   }
 *   <form ref={form.formRef} onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
 *     <ErrorSummary form={form} />                              // long forms: every problem, at the top
 *     <TextInput label="Name" {...form.text('name')} />         // value, onChange, error, maxLength (from the schema)
 *     <TextInput type="date" error={form.error('dueDate')} …/>  // any other input: its error by input path
 *     <FormErrors form={form} />                                 // by the buttons: "Not saved…", general errors
 *     <Button type="submit" loading={form.busy}>Save</Button>
 *   </form>
 *
 * - On submit every problem the schema and the rules find is marked at once, beside its field; nothing is
 *   sent until there is none. The backend's refusal is shown the same way: all of its `fields`.
 * - After a refused submit the first invalid field in page order is scrolled into view and focused (inside
 *   dialogs too; a searchable list that focus opens is closed again, so it hides no problem below it).
 *   A message no field shows (e.g. `version`) appears in `FormErrors`, so none is ever hidden.
 * - Errors are keyed by input path (`contact.pathway`, `phones.0.number`); `error('contact.needs')` also
 *   shows an error of `contact.needs.2`. A field that shows its error without a Mantine input puts
 *   `data-error-anchor` on the element holding the message, so it can be found and focused too.
 * - Once marked, a problem the user fixes disappears as they type (the schema and rules run again);
 *   new problems are only added on the next submit. A successful submit clears every error of the form.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ApiError, Result } from '../../../shared/contract/procedure';
import { apiFieldErrors, errorAt, type FieldErrors, schemaErrors, maxLengthAt } from './fieldErrors';
import { isSessionProblem } from '../api';

export * from './fieldErrors';

const ERROR_TEXT = '.mantine-InputWrapper-error, .mantine-Checkbox-error, [data-error-anchor]';
const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), button:not([disabled]), [tabindex]';

/** Where the keyboard goes for the first marked problem: the invalid input, or the input beside a message. */
function focusTargetOf(el: HTMLElement): HTMLElement {
  if (el.matches('[aria-invalid="true"]')) return el;
  const field = el.hasAttribute('data-error-anchor')
    ? el
    : (el.closest<HTMLElement>('.mantine-Checkbox-root') ?? el.parentElement);
  const input = field?.querySelector<HTMLElement>(FOCUSABLE);
  if (input) return input;
  el.tabIndex = -1;
  return el;
}

/**
 * A searchable list (Select, person search) opens when its input gets the focus. Opened by the focus a
 * refused save moves there, it would lie over the problems marked below it; so it is closed again, as
 * Escape closes it (the list marks its input `data-mantine-stop-propagation` while open, so a dialog
 * around it stays open). Typing or the arrow keys open it as usual.
 */
function closeListOpenedByFocus(target: HTMLElement, framesLeft = 4): void {
  if (target.getAttribute('aria-haspopup') !== 'listbox' || framesLeft <= 0) return;
  requestAnimationFrame(() => {
    if (target.ownerDocument.activeElement !== target) return;
    if (target.getAttribute('data-mantine-stop-propagation') !== 'true') {
      closeListOpenedByFocus(target, framesLeft - 1);
      return;
    }
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
  });
}

function focusAndShow(target: HTMLElement): void {
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  closeListOpenedByFocus(target);
}

/** Scrolls the first marked problem of `root` (in page order) into view and focuses it; false if there is none. */
export function focusFirstProblem(root: HTMLElement | null): boolean {
  const first = root?.querySelector<HTMLElement>(`[aria-invalid="true"]:not(:disabled), ${ERROR_TEXT}, [data-form-alert]`);
  if (!first) return false;
  focusAndShow(focusTargetOf(first));
  return true;
}

/** The visible label text of a label element, without Mantine's required-field asterisk. */
function labelText(label: Element | null | undefined): string | null {
  if (!label) return null;
  const copy = label.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"], .mantine-InputWrapper-required')) hidden.remove();
  const text = copy.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** The name of the field an error message belongs to: its input's label, a `data-error-label`, or its group's legend. */
function fieldLabelOf(el: HTMLElement): string | null {
  const named = el.closest<HTMLElement>('[data-error-label]')?.getAttribute('data-error-label');
  if (named) return named;
  const wrapper = el.closest('.mantine-InputWrapper-root, .mantine-Checkbox-root, .mantine-Radio-root');
  const label = labelText(wrapper?.querySelector('.mantine-InputWrapper-label, .mantine-Checkbox-label, .mantine-Radio-label'));
  if (label) return label;
  const input = el.matches('input, textarea, select') ? el : wrapper?.querySelector<HTMLElement>('input, textarea, select');
  const aria = input?.getAttribute('aria-label');
  if (aria) return aria;
  return labelText(el.closest('fieldset')?.querySelector('legend'));
}

/** For the error summary: each message shown in `root`, with the name of the field that shows it. */
export function problemFieldLabels(root: HTMLElement | null): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const el of root?.querySelectorAll<HTMLElement>(ERROR_TEXT) ?? []) {
    const message = el.textContent?.trim();
    if (!message || labels[message]) continue;
    const label = fieldLabelOf(el);
    if (label) labels[message] = label;
  }
  return labels;
}

/** Focuses the field that shows `message` (for the links of the error summary). */
export function focusProblem(root: HTMLElement | null, message: string): void {
  const shown = [...(root?.querySelectorAll<HTMLElement>(ERROR_TEXT) ?? [])].find((el) => el.textContent?.trim() === message);
  if (!shown) return;
  focusAndShow(focusTargetOf(shown));
}

export interface FormOptions<V, I> {
  initial: V;
  /** The contract input the values stand for (defaults to the values themselves). */
  toInput?: (values: V) => I;
  /** The contract's input schema: checked in full before anything is sent. */
  schema?: z.ZodType;
  /** Rules beyond the schema (shared domain rules, "the two passwords differ"): path → message; they win over the schema's. */
  rules?: (values: V, input: I) => FieldErrors;
}

export type Form<V, I = V> = ReturnType<typeof useForm<V, I>>;

/** Form state with every error the contract, the rules and the backend report. See the top of this file. */
export function useForm<V, I = V>(options: FormOptions<V, I>) {
  const opts = useRef(options);
  opts.current = options;
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrorsState] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  /** Paths whose errors came from the backend: they stay until the next submit. */
  const fromServer = useRef(new Set<string>());

  const clientErrors = useCallback((v: V): FieldErrors => {
    const o = opts.current;
    const input = o.toInput ? o.toInput(v) : (v as unknown as I);
    const found = o.schema ? schemaErrors(o.schema, input) : {};
    // The form's own rules speak more precisely than the generic schema message for the same field.
    return { ...found, ...o.rules?.(v, input) };
  }, []);

  // A marked problem the user has fixed goes away as they type; new ones wait for the next submit.
  useEffect(() => {
    setErrorsState((shown) => {
      const paths = Object.keys(shown).filter((p) => !fromServer.current.has(p));
      if (!paths.length) return shown;
      const now = clientErrors(values);
      let changed = false;
      const next: FieldErrors = {};
      for (const [path, message] of Object.entries(shown)) {
        const current = fromServer.current.has(path) ? message : now[path];
        if (current !== message) changed = true;
        if (current) next[path] = current;
      }
      return changed ? next : shown;
    });
  }, [values, clientErrors]);

  // After a refused submit: the first problem into view and focused; messages no field shows are listed.
  useLayoutEffect(() => {
    if (!focusTick) return;
    const root = formRef.current;
    const shown = new Set([...(root?.querySelectorAll(ERROR_TEXT) ?? [])].map((el) => el.textContent?.trim()));
    setUnplaced([...new Set(Object.values(errors))].filter((m) => !shown.has(m)));
    focusFirstProblem(root);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per refused submit, after it rendered
  }, [focusTick]);

  /** Marks these problems (replacing the previous ones) and takes the user to the first. */
  const showErrors = useCallback((fields: FieldErrors, general: string | null = null, server = false) => {
    fromServer.current = new Set(server ? Object.keys(fields) : []);
    setErrorsState(fields);
    setFormError(general);
    setUnplaced([]);
    if (Object.keys(fields).length || general) setFocusTick((t) => t + 1);
  }, []);

  const clearErrors = useCallback(() => {
    fromServer.current = new Set();
    setErrorsState({});
    setFormError(null);
    setUnplaced([]);
  }, []);

  /** Shows a backend refusal: every field it names, or the message above the buttons. Session problems are the app's. */
  const fail = useCallback(
    (error: ApiError) => {
      if (isSessionProblem(error.code)) return;
      const fields = apiFieldErrors(error);
      showErrors(fields, Object.keys(fields).length ? null : error.message, true);
    },
    [showErrors],
  );

  /** Runs a call with the busy flag; on success clears the form's errors and returns the value, else shows the refusal. */
  const run = useCallback(
    async <T>(call: () => Promise<Result<T>>): Promise<T | null> => {
      setBusy(true);
      try {
        const result = await call();
        if (result.ok) {
          clearErrors();
          return result.value;
        }
        fail(result.error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [clearErrors, fail],
  );

  /** Checks the whole input (schema and rules), marks every problem, and only when there is none sends it. */
  const submit = useCallback(
    async <T>(call: (input: I) => Promise<Result<T>>): Promise<T | null> => {
      const found = clientErrors(values);
      if (Object.keys(found).length) {
        showErrors(found);
        return null;
      }
      const o = opts.current;
      return run(() => call(o.toInput ? o.toInput(values) : (values as unknown as I)));
    },
    [clientErrors, values, showErrors, run],
  );

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  }, []);

  const reset = useCallback(
    (next: V) => {
      setValues(next);
      clearErrors();
    },
    [clearErrors],
  );

  const error = (path: string) => errorAt(errors, path);

  /** Props for a text input bound to the string value `key`, with the error and maximum length of input `path`. */
  const text = (key: keyof V & string, path: string = key) => {
    const maxLength = options.schema ? maxLengthAt(options.schema, path) : undefined;
    return {
      value: String(values[key] ?? ''),
      onChange: (e: { currentTarget: { value: string } }) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [key]: value }));
      },
      error: error(path),
      ...(maxLength ? { maxLength } : {}),
    };
  };

  /** Props for a Select bound to the string value `key` ("" for none), with the error of input `path`. */
  const select = (key: keyof V & string, path: string = key) => ({
    value: String(values[key] ?? '') || null,
    onChange: (value: string | null) => setValues((v) => ({ ...v, [key]: value ?? '' })),
    error: error(path),
  });

  return {
    values,
    setValues,
    set,
    reset,
    text,
    select,
    error,
    errors,
    formError,
    /** Messages that no field on screen shows (shown by `FormErrors`). */
    unplaced,
    busy,
    submit,
    run,
    fail,
    showErrors,
    clearErrors,
    formRef,
  };
}
