import { Alert, Button, Group, Loader, Menu, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconCircleCheck, IconKey, IconLock, IconUserOff, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { UserSummary } from '../../../shared/contract/users';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { api, isSessionProblem } from '../api';
import { useSession } from '../app/session';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatShortDateTime, formatTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { RotateKeysDialog } from '../keys/RotateKeysDialog';
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'deactivate' | 'rotate'; user: UserSummary } | null;

function byName(a: UserSummary, b: UserSummary): number {
  return a.displayName.localeCompare(b.displayName, undefined, { numeric: true, sensitivity: 'base' });
}

function StatusCell({ user, onUnlock }: { user: UserSummary; onUnlock: () => void }) {
  const [Icon, color, label] = !user.active
    ? [IconUserOff, 'var(--mantine-color-gray-7)', 'Deactivated']
    : user.lockedUntil
      ? [IconLock, 'var(--mantine-color-red-9)', `Locked until ${formatTime(user.lockedUntil)}`]
      : [IconCircleCheck, 'var(--mantine-color-teal-9)', 'Active'];
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Icon size={18} color={color} aria-hidden />
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {label}
        </Text>
        {user.active && user.lockedUntil ? (
          <Button size="compact-sm" variant="default" aria-label={`Unlock ${user.username}`} onClick={onUnlock}>
            Unlock
          </Button>
        ) : null}
      </Group>
      {user.active && user.mustChangePassword ? (
        <Text size="xs" c="dimmed">
          Temporary password
        </Text>
      ) : null}
      {user.active && user.clinicalAccess === 'needs_reset' ? (
        <Text size="xs" c="red.9">
          No clinical key yet: reset the password to give it
        </Text>
      ) : null}
      {user.active && user.clinicalAccess === 'pending' ? (
        <Text size="xs" c="dimmed">
          Clinical key granted: taken up at next login
        </Text>
      ) : null}
    </Stack>
  );
}

function UserActions({
  user,
  self,
  onEdit,
  onReset,
  onDeactivate,
}: {
  user: UserSummary;
  self: boolean;
  onEdit: () => void;
  onReset: () => void;
  onDeactivate: () => void;
}) {
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="compact-sm" variant="default" aria-label={`Edit ${user.username}`} onClick={onEdit}>
        Edit
      </Button>
      {!user.active ? (
        <Button size="compact-sm" variant="default" aria-label={`Reactivate ${user.username}`} onClick={onReset}>
          Reactivate
        </Button>
      ) : self ? null : (
        <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
          <Menu.Target>
            <Button
              size="compact-sm"
              variant="default"
              rightSection={<IconChevronDown size={14} aria-hidden />}
              aria-label={`More actions for ${user.username}`}
            >
              More
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={onReset}>
              Reset password
            </Menu.Item>
            <Menu.Item leftSection={<IconUserOff size={16} aria-hidden />} c="red.9" onClick={onDeactivate}>
              Deactivate
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

export function UsersScreen() {
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const fetchUsers = useCallback(async () => {
    const r = await api.users.list({});
    return r.ok ? { ok: true as const, value: [...r.value.users].sort(byName) } : r;
  }, []);
  const { data: users, error: loadError, reload: load } = useQuery(fetchUsers);

  function done(title: string, message: string) {
    setDialog(null);
    notifications.show({ color: 'green', title, message });
    void load();
  }

  function afterSave(user: UserSummary) {
    if (user.id === session.user.id) {
      session.setUser({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
      });
    }
    done('Changes saved', `${user.displayName} (${user.username}), ${ROLE_LABELS[user.role]}.`);
  }

  async function unlock(user: UserSummary) {
    const r = await api.users.unlock({ id: user.id });
    if (r.ok) done('Account unlocked', `${user.username} can log in again.`);
    else if (!isSessionProblem(r.error.code))
      notifications.show({ color: 'red', title: 'Not unlocked', message: r.error.message });
  }

  return (
    <Stack>
      <PageHeader
        title="Users"
        description="Every member of staff has their own account. Deactivated accounts can no longer log in."
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
            Create user
          </Button>
        }
      />
      {loadError ? (
        <Alert color="red" title="Could not load the users" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text>{loadError}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void load()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {!users && !loadError ? <Loader aria-label="Loading users" /> : null}
      {users ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label="Staff accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">User</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Last login</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {u.displayName}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      <Text span ff="monospace" size="sm">
                        {u.username}
                      </Text>
                      {u.id === session.user.id ? ' (you)' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                  <Table.Td>
                    <StatusCell user={u} onUnlock={() => void unlock(u)} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(u.lastLoginAt, 'Never')}</Table.Td>
                  <Table.Td>
                    <UserActions
                      user={u}
                      self={u.id === session.user.id}
                      onEdit={() => setDialog({ kind: 'edit', user: u })}
                      onReset={() => setDialog({ kind: 'reset', user: u })}
                      onDeactivate={() => setDialog({ kind: 'deactivate', user: u })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      {dialog?.kind === 'create' ? (
        <CreateUserDialog
          departmentName={session.departmentName}
          onClose={() => setDialog(null)}
          onCreated={(u) => done('User created', `${u.username} must choose their own password when they first log in.`)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? <EditUserDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={afterSave} /> : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={dialog.user}
          departmentName={session.departmentName}
          onClose={() => setDialog(null)}
          onDone={(u) =>
            done(
              dialog.user.active ? 'Password reset' : 'Account reactivated',
              `${u.username} must choose a new password at their next login.`,
            )
          }
        />
      ) : null}
      {dialog?.kind === 'deactivate' ? (
        <ConfirmDialog
          opened
          title={`Deactivate ${dialog.user.username}?`}
          message={`${dialog.user.displayName} will no longer be able to log in. Their records stay. You can reactivate the account later by setting a temporary password.`}
          confirmLabel="Deactivate"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => api.users.deactivate({ id: dialog.user.id })}
          onDone={() => {
            // Offer a key rotation: what the person may have copied (a backup, the recovery key) stays locked.
            notifications.show({
              color: 'green',
              title: 'Account deactivated',
              message: `${dialog.user.username} can no longer log in.`,
            });
            setDialog({ kind: 'rotate', user: dialog.user });
            void load();
          }}
        />
      ) : null}
      {dialog?.kind === 'rotate' ? (
        <RotateKeysDialog
          departmentName={session.departmentName}
          reason={`${dialog.user.displayName} can no longer log in. If they could have copied the data folder, a backup, the recovery key or the database key, rotate the keys now: what they took then opens nothing new.`}
          onClose={() => setDialog(null)}
          onRotated={() => void load()}
        />
      ) : null}
    </Stack>
  );
}
