import { Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { contract } from '../../../shared/contract';
import { checkPassword } from '../../../shared/domain/password';
import { api } from '../api';
import { CenteredPage } from '../ui/CenteredPage';
import { FormAlert } from '../ui/FormAlert';
import { schemaErrors, useForm } from '../ui/form';
import { PasswordRules } from '../ui/PasswordRules';

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
  const form = useForm({ recoveryKey: '', username: '', newPassword: '', confirm: '' });
  const { values: v, text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { recoveryKey: v.recoveryKey, username: v.username, newPassword: v.newPassword };
    const errors = schemaErrors(contract['auth.recover'].input, input);
    const problem = checkPassword(v.newPassword, [v.username, departmentName]);
    if (problem && !errors.newPassword) errors.newPassword = problem.message;
    if (v.confirm !== v.newPassword && !errors.newPassword) errors.confirm = 'The two passwords do not match.';
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    const out = await form.run(() => api.auth.recover(input));
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
          <PasswordInput label="New password" autoComplete="new-password" {...text('newPassword')} />
          <PasswordInput label="Confirm new password" autoComplete="new-password" {...text('confirm')} />
          <FormAlert message={form.formError} title="Password not changed" />
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
