import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { api } from '../api';

export type LoginResult = OutputOf<'auth.login'>;

const TITLES: Partial<Record<string, string>> = {
  bad_credentials: 'Could not log in',
  locked_out: 'Account locked',
};

/** Username and password; used by the login screen and the lock screen. */
export function LoginForm({
  initialUsername = '',
  submitLabel,
  onSuccess,
  autoFocusPassword = false,
}: {
  initialUsername?: string;
  submitLabel: string;
  onSuccess: (result: LoginResult) => void;
  autoFocusPassword?: boolean;
}) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ code: string; message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim()) {
      setError({ code: 'invalid_input', message: 'Enter your username.', field: 'username' });
      usernameRef.current?.focus();
      return;
    }
    if (!password) {
      setError({ code: 'invalid_input', message: 'Enter your password.', field: 'password' });
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.auth.login({ username, password });
    setBusy(false);
    if (result.ok) {
      setPassword('');
      onSuccess(result.value);
      return;
    }
    setError(result.error);
    setPassword('');
    passwordRef.current?.focus();
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);
  const generalError = error && !error.field ? error : null;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <TextInput
          ref={usernameRef}
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          size="md"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={fieldError('username')}
          autoFocus={!autoFocusPassword}
        />
        <PasswordInput
          ref={passwordRef}
          label="Password"
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError('password')}
          autoFocus={autoFocusPassword}
        />
        {generalError ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={TITLES[generalError.code] ?? 'Could not log in'}
            icon={<IconAlertTriangle aria-hidden />}
          >
            {generalError.message}
          </Alert>
        ) : null}
        <Button type="submit" size="md" loading={busy} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
