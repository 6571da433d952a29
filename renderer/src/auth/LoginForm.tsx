import { Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { authContract } from '../../../shared/contract/auth';
import type { ApiError } from '../../../shared/contract/procedure';
import { LOCKOUT_MINUTES } from '../../../shared/domain/session';
import { api } from '../api';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatTime } from '../ui/format';
import { PasswordField } from '../ui/PasswordField';

export type LoginResult = OutputOf<'auth.login'>;

/** The words for a refused login; the lockout's end is written in the window's own time format. */
function refusal(error: ApiError): ApiError {
  if (error.code === 'locked_out' && error.retryAt) {
    return {
      ...error,
      message: `Too many failed attempts. This account is locked for ${LOCKOUT_MINUTES} minutes, until ${formatTime(error.retryAt)}. An administrator can unlock it sooner.`,
    };
  }
  return error;
}

/** Username and password; used by the login screen and the lock screen ("Unlock", "Could not unlock"). */
export function LoginForm({
  initialUsername = '',
  submitLabel,
  failureTitle = 'Could not log in',
  onSuccess,
  onAttempt,
  autoFocusPassword = false,
}: {
  initialUsername?: string;
  submitLabel: string;
  failureTitle?: string;
  onSuccess: (result: LoginResult) => void;
  /** Called when the user submits, e.g. to take away a notice from before ("You have logged out."). */
  onAttempt?: () => void;
  autoFocusPassword?: boolean;
}) {
  const form = useForm({ initial: { username: initialUsername, password: '' }, schema: authContract['auth.login'].input });
  const [code, setCode] = useState<ApiError['code'] | null>(null);
  const [failures, setFailures] = useState(0);
  const passwordRef = useRef<HTMLInputElement>(null);

  // After a refused password the user types it again: the cursor waits in the emptied field.
  useEffect(() => {
    if (failures) passwordRef.current?.focus();
  }, [failures]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    onAttempt?.();
    setCode(null);
    const result = await form.submit(async (input) => {
      const r = await api.auth.login(input);
      if (r.ok) return r;
      setCode(r.error.code);
      form.set('password', '');
      setFailures((n) => n + 1);
      return { ok: false as const, error: refusal(r.error) };
    });
    if (result) {
      form.reset({ username: form.values.username, password: '' });
      onSuccess(result);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <TextInput
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          size="md"
          autoFocus={!autoFocusPassword}
          {...form.text('username')}
        />
        <PasswordField
          ref={passwordRef}
          label="Password"
          autoComplete="current-password"
          size="md"
          autoFocus={autoFocusPassword}
          {...form.text('password')}
        />
        <FormErrors form={form} title={code === 'locked_out' ? 'Account locked' : failureTitle} />
        <Button type="submit" size="md" loading={form.busy} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
