import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type RefObject, useLayoutEffect, useState } from 'react';
import { type FieldErrors, focusProblem, problemFieldLabels } from './form';

/** What these components read of a `useForm` form. */
interface FormState {
  errors: FieldErrors;
  formError: string | null;
  unplaced: string[];
  formRef: RefObject<HTMLFormElement | null>;
}

function count(n: number): string {
  return n === 1 ? 'One problem is' : `${n} problems are`;
}

/**
 * Beside the form's buttons: "Not saved" with what went wrong. A problem that belongs to no field (or to
 * none on screen) is written out and read at once; field problems are counted, as they are marked above.
 */
export function FormErrors({ form, title = 'Not saved' }: { form: FormState; title?: string }) {
  const fieldCount = Object.keys(form.errors).length;
  const messages = [form.formError, ...form.unplaced].filter((m): m is string => !!m);
  if (messages.length) {
    return (
      <Alert
        color="red"
        variant="light"
        title={title}
        icon={<IconAlertTriangle aria-hidden />}
        role="alert"
        data-form-alert
        tabIndex={-1}
      >
        {messages.length === 1 ? (
          messages[0]
        ) : (
          <List size="sm" spacing={2}>
            {messages.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  if (!fieldCount) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle aria-hidden />} data-testid="form-errors">
      {count(fieldCount)} marked above; fix {fieldCount === 1 ? 'it' : 'them'} and try again.
    </Alert>
  );
}

/** "Password: Use at least 12 characters." — unless the message already starts with the field's name. */
export function namedProblem(label: string | undefined, message: string): string {
  if (!label || message.toLowerCase().startsWith(label.toLowerCase())) return message;
  return /[?:]$/.test(label) ? `${label} ${message}` : `${label}: ${message}`;
}

/**
 * At the top of a long form: every problem in one list, each naming its field and linking to it. Read out
 * when it appears; the first field itself has the focus.
 */
export function ErrorSummary({ form, title }: { form: FormState; title?: string }) {
  const messages = [...new Set(Object.values(form.errors))];
  // The field names are read from the fields on screen (their labels), after they rendered their errors.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const { errors, formRef } = form;
  useLayoutEffect(() => {
    const found = problemFieldLabels(formRef.current);
    setLabels((shown) => (JSON.stringify(shown) === JSON.stringify(found) ? shown : found));
  }, [errors, formRef]);
  if (!messages.length) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      title={title ?? (messages.length === 1 ? 'Not saved: one problem to fix' : `Not saved: ${messages.length} problems to fix`)}
      data-testid="error-summary"
    >
      <List size="sm" spacing={2}>
        {messages.map((m) => (
          <List.Item key={m}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              c="red.9"
              ta="left"
              onClick={() => focusProblem(form.formRef.current, m)}
            >
              <Text span inherit>
                {namedProblem(labels[m], m)}
              </Text>
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
