import { Alert, Group, Text, ThemeIcon } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { createPortal } from 'react-dom';
import type { SessionUser } from '../../../shared/contract/users';
import { CenteredPage } from '../ui/CenteredPage';
import { SystemBanner } from '../ui/SystemBanner';
import { LoginForm, type LoginResult } from './LoginForm';

/**
 * Covers the whole window while the session is locked. It is rendered outside the app's
 * root, which is hidden (not just covered) meanwhile, so nothing behind it can be read or focused.
 */
export function LockScreen({
  lockedUser,
  departmentName,
  banner,
  onUnlocked,
}: {
  lockedUser: SessionUser;
  departmentName: string;
  banner: string;
  onUnlocked: (result: LoginResult) => void;
}) {
  const target = document.getElementById('lock-root') ?? document.body;
  return createPortal(
    <CenteredPage title="Deflect is locked" eyebrow={departmentName} width={620}>
      <Group gap="sm" wrap="nowrap" data-testid="locked-by">
        <ThemeIcon size="xl" variant="light" aria-hidden>
          <IconLock size={24} />
        </ThemeIcon>
        <Text size="lg">
          Locked by <strong>{lockedUser.displayName}</strong> ({lockedUser.username})
        </Text>
      </Group>
      <SystemBanner text={banner} />
      <LoginForm
        initialUsername={lockedUser.username}
        submitLabel="Unlock"
        failureTitle="Could not unlock"
        onSuccess={onUnlocked}
        autoFocusPassword
      />
      <Alert color="gray" variant="light" role="note">
        Someone else? Enter your own username and password. {lockedUser.displayName} will be logged out and their unsaved work
        discarded.
      </Alert>
    </CenteredPage>,
    target,
  );
}
