import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { authContract } from '../../../shared/contract/auth';
import { api } from '../api';
import { CenteredPage } from '../ui/CenteredPage';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { newPasswordProblems } from '../ui/password';
import { PasswordRules } from '../ui/PasswordRules';
import { PasswordField } from '../ui/PasswordField';

/** An administrator who forgot their password sets a new one with the recovery key from setup. */
export function RecoverScreen({
  departmentName,
  onBack,
  onDone,
}: {
  departmentName: string;
  onBack: () => void;
  onDone: () => void;
}) {
  const form = useForm({
    initial: { recoveryKey: '', username: '', newPassword: '', confirm: '' },
    schema: authContract['auth.recover'].input,
    toInput: (v) => ({ recoveryKey: v.recoveryKey, username: v.username, newPassword: v.newPassword }),
    rules: (v) => newPasswordProblems(v.newPassword, v.confirm, [v.username, departmentName], 'newPassword'),
  });
  const { text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.auth.recover(input));
    if (out) onDone();
  }

  return (
    <CenteredPage title="Recover an administrator account" eyebrow={departmentName} width={620}>
      <Text>
        Enter the recovery key that was shown when Deflect was set up, the administrator’s username, and a new password. Other
        staff: ask an administrator to reset your password instead.
      </Text>
      <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label="Recovery key"
            description="Eight groups of four characters; dashes optional"
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            autoFocus
            {...text('recoveryKey')}
          />
          <TextInput label="Administrator username" autoComplete="username" {...text('username')} />
          <PasswordRules subject="The new password" />
          <PasswordField label="New password" autoComplete="new-password" {...text('newPassword')} />
          <PasswordField label="Confirm new password" autoComplete="new-password" {...text('confirm')} />
          <FormErrors form={form} title="Password not changed" />
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={18} aria-hidden />} onClick={onBack}>
              Back to log in
            </Button>
            <Button type="submit" loading={form.busy}>
              Set new password
            </Button>
          </Group>
        </Stack>
      </form>
    </CenteredPage>
  );
}
