import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { CenteredPage } from '../ui/CenteredPage';
import { SystemBanner } from '../ui/SystemBanner';
import { LoginForm, type LoginResult } from './LoginForm';

export function LoginScreen({
  departmentName,
  banner,
  notice,
  onLoggedIn,
  onRecover,
  onRestore,
  demo,
}: {
  departmentName: string;
  banner: string;
  notice: string | null;
  onLoggedIn: (result: LoginResult) => void;
  onRecover: () => void;
  /** Restore from a backup (a damaged or lost store). */
  onRestore: () => void;
  /** The demo accounts, when the demo store is open. */
  demo?: ReactNode;
}) {
  // A notice from before ("You have logged out.") gives way once the user tries to log in.
  const [showNotice, setShowNotice] = useState(true);
  return (
    <CenteredPage title="Log in to Deflect" eyebrow={departmentName} width={620}>
      {demo}
      <SystemBanner text={banner} />
      {notice && showNotice ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {notice}
        </Alert>
      ) : null}
      <LoginForm submitLabel="Log in" onSuccess={onLoggedIn} onAttempt={() => setShowNotice(false)} />
      <Stack gap={4}>
        <Text size="sm">Forgot your password? Ask an administrator to reset it.</Text>
        <Text size="sm">
          Administrator locked out?{' '}
          <Anchor component="button" type="button" size="sm" onClick={onRecover}>
            Use the recovery key
          </Anchor>
        </Text>
        <Text size="sm">
          Store damaged or lost?{' '}
          <Anchor component="button" type="button" size="sm" onClick={onRestore}>
            Restore from a backup
          </Anchor>
        </Text>
      </Stack>
    </CenteredPage>
  );
}
