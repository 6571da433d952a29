import { Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import type { SessionUser } from '../../../shared/contract/users';
import { api } from '../api';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { newPasswordProblems } from '../ui/password';

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };
import { PasswordRules } from '../ui/PasswordRules';
import { PasswordField } from '../ui/PasswordField';

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
  const form = useForm({
    initial: EMPTY,
    rules: (v) => ({
      ...(v.currentPassword ? {} : { currentPassword: `Enter your ${currentLabel.toLowerCase()}.` }),
      ...newPasswordProblems(v.newPassword, v.confirm, [username, departmentName], 'newPassword'),
      ...(v.newPassword && v.newPassword === v.currentPassword
        ? { newPassword: `Choose a password different from the ${currentLabel.toLowerCase()}.` }
        : {}),
    }),
  });
  const { text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit(async (v) => {
      const r = await api.auth.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      // The backend speaks of the "current password"; the forced change calls it the temporary one.
      return !r.ok && r.error.code === 'bad_credentials'
        ? {
            ok: false as const,
            error: { ...r.error, fields: { currentPassword: `This is not your ${currentLabel.toLowerCase()}.` } },
          }
        : r;
    });
    if (out) {
      form.reset(EMPTY);
      onChanged(out.user);
    }
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack maw={maw}>
        <PasswordField label={currentLabel} autoComplete="current-password" {...text('currentPassword')} />
        <PasswordRules subject="Your new password" />
        <PasswordField label="New password" autoComplete="new-password" {...text('newPassword')} />
        <PasswordField label="Confirm new password" autoComplete="new-password" {...text('confirm')} />
        <FormErrors form={form} title="Password not changed" />
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
