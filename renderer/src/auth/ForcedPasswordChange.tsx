import { Button, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { SessionUser } from '../../../shared/contract/users';
import { CenteredPage } from '../ui/CenteredPage';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After an administrator set a temporary password: nothing else opens until the user picks their own. */
export function ForcedPasswordChange({
  user,
  departmentName,
  onChanged,
  onLogout,
}: {
  user: SessionUser;
  departmentName: string;
  onChanged: (user: SessionUser) => void;
  onLogout: () => void;
}) {
  return (
    <CenteredPage title="Choose your own password" eyebrow={departmentName} width={620}>
      <Text>
        Welcome, {user.displayName}. You logged in with a temporary password from an administrator. Choose a password only you
        know before you continue.
      </Text>
      <ChangePasswordForm
        username={user.username}
        departmentName={departmentName}
        currentLabel="Temporary password"
        submitLabel="Set password and continue"
        onChanged={onChanged}
        maw="100%"
        secondaryAction={
          <Button variant="default" leftSection={<IconLogout size={18} aria-hidden />} onClick={onLogout}>
            Log out instead
          </Button>
        }
      />
    </CenteredPage>
  );
}
