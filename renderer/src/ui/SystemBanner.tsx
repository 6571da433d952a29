import { Alert } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';

/** The system-use notice shown before anyone logs in (and on the lock screen). */
export function SystemBanner({ text }: { text: string }) {
  if (!text) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Authorised use only"
      icon={<IconShieldLock aria-hidden />}
      data-testid="system-banner"
      role="note"
      styles={{ message: { fontSize: 'var(--mantine-font-size-md)', lineHeight: 1.5 } }}
    >
      {text}
    </Alert>
  );
}
