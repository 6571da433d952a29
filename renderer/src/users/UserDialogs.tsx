import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { contract } from '../../../shared/contract';
import type { UserSummary } from '../../../shared/contract/users';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { newPasswordProblems } from '../ui/password';
import { PasswordRules } from '../ui/PasswordRules';
import { TemporaryPasswordInput } from './TemporaryPasswordInput';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function DialogButtons({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </Group>
  );
}

export function CreateUserDialog({
  departmentName,
  onClose,
  onCreated,
}: {
  departmentName: string;
  onClose: () => void;
  onCreated: (user: UserSummary) => void;
}) {
  const form = useForm({
    initial: { username: '', displayName: '', role: 'officer', password: '' },
    schema: contract['users.create'].input,
    toInput: (v) => ({ username: v.username, displayName: v.displayName, role: v.role as Role, password: v.password }),
    rules: (v) => newPasswordProblems(v.password, null, [v.username, departmentName], 'password'),
  });
  const { values: v, text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.users.create(input));
    if (out) onCreated(out.user);
  }

  return (
    <AppModal opened onClose={onClose} title="Create user">
      <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label="Username"
            description="Letters, digits, dot, dash or underscore; used to log in"
            autoComplete="off"
            data-autofocus
            {...text('username')}
          />
          <TextInput
            label="Display name"
            description="As colleagues will see it, e.g. “Ofc. J. Example”"
            autoComplete="off"
            {...text('displayName')}
          />
          <NativeSelect label="Role" data={ROLE_OPTIONS} {...text('role')} />
          <PasswordRules subject="The temporary password" />
          <TemporaryPasswordInput
            value={v.password}
            onChange={(value) => form.set('password', value)}
            error={form.error('password')}
          />
          <FormErrors form={form} title="User not created" />
          <DialogButtons busy={form.busy} submitLabel="Create user" onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: UserSummary;
  onClose: () => void;
  onSaved: (user: UserSummary) => void;
}) {
  const form = useForm({
    initial: { displayName: user.displayName, role: user.role as string },
    schema: contract['users.update'].input,
    toInput: (v) => ({ id: user.id, displayName: v.displayName, role: v.role as Role }),
  });
  const { text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.users.update(input));
    if (out) onSaved(out.user);
  }

  return (
    <AppModal opened onClose={onClose} title={`Edit ${user.username}`}>
      <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput label="Display name" autoComplete="off" data-autofocus {...text('displayName')} />
          <NativeSelect label="Role" data={ROLE_OPTIONS} {...text('role')} />
          <FormErrors form={form} />
          <DialogButtons busy={form.busy} submitLabel="Save changes" onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function ResetPasswordDialog({
  user,
  departmentName,
  onClose,
  onDone,
}: {
  user: UserSummary;
  departmentName: string;
  onClose: () => void;
  onDone: (user: UserSummary) => void;
}) {
  const form = useForm({
    initial: { password: '' },
    schema: contract['users.resetPassword'].input,
    toInput: (v) => ({ id: user.id, password: v.password }),
    rules: (v) => newPasswordProblems(v.password, null, [user.username, departmentName], 'password'),
  });
  const reactivating = !user.active;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.users.resetPassword(input));
    if (out) onDone(out.user);
  }

  return (
    <AppModal
      opened
      onClose={onClose}
      title={reactivating ? `Reactivate ${user.username}` : `Reset password for ${user.username}`}
    >
      <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text>
            {reactivating
              ? `${user.displayName}’s account is deactivated. Setting a temporary password reactivates it.`
              : `${user.displayName} will have to choose a new password at their next login. Their current password stops working now.`}
          </Text>
          <PasswordRules subject="The temporary password" />
          <TemporaryPasswordInput
            value={form.values.password}
            onChange={(value) => form.set('password', value)}
            error={form.error('password')}
          />
          <FormErrors form={form} />
          <DialogButtons busy={form.busy} submitLabel={reactivating ? 'Reactivate' : 'Reset password'} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}
