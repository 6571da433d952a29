import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { SessionUser } from '../../../shared/contract/users';
import { checkPassword } from '../../../shared/domain/password';
import { api } from '../api';
import { FormAlert } from '../ui/FormAlert';
import { useForm } from '../ui/form';
import { PasswordRules } from '../ui/PasswordRules';

/** Current password, new password, confirmation: for My account and the forced change after a reset. */
export function ChangePasswordForm({
  username,
  departmentName,
  currentLabel = 'Current password',
  submitLabel = 'Change password',
  onChanged,
  secondaryAction,
  maw = 520,
}: {
  username: string;
  departmentName: string;
  currentLabel?: string;
  submitLabel?: string;
  onChanged: (user: SessionUser) => void;
  /** A second button on the left of the submit button (the forced change offers "Log out"). */
  secondaryAction?: ReactNode;
  maw?: number | string;
}) {
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const { values: v, text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.currentPassword) errors.currentPassword = 'Enter your current password.';
    const problem = checkPassword(v.newPassword, [username, departmentName]);
    if (problem) errors.newPassword = problem.message;
    else if (v.newPassword === v.currentPassword) errors.newPassword = 'Choose a password different from the current one.';
    if (!errors.newPassword && v.confirm !== v.newPassword) errors.confirm = 'The two passwords do not match.';
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    const out = await form.run(() => api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }));
    if (out) {
      form.reset({ currentPassword: '', newPassword: '', confirm: '' });
      onChanged(out.user);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack maw={maw}>
        <PasswordInput label={currentLabel} autoComplete="current-password" {...text('currentPassword')} />
        <PasswordRules subject="Your new password" />
        <PasswordInput label="New password" autoComplete="new-password" {...text('newPassword')} />
        <PasswordInput label="Confirm new password" autoComplete="new-password" {...text('confirm')} />
        <FormAlert message={form.formError} title="Password not changed" />
        <Group justify={secondaryAction ? 'space-between' : 'flex-end'}>
          {secondaryAction}
          <Button type="submit" loading={form.busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
