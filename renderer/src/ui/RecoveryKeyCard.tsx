import { Alert, Button, Code, Group, List, Paper, Stack } from '@mantine/core';
import { IconCheck, IconCopy, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { copySecret } from './clipboard';
import { formatDateTime } from './format';

/** What every screen that shows a new recovery key says about it. */
export const RECOVERY_KEY_INSTRUCTIONS = [
  'This key lets an administrator set a new password if every administrator password is forgotten, and it opens the backups.',
  'Anyone who has this key and a copy of the data folder or a backup can read the data. Keep it locked away, away from this computer.',
  'Print it or write it down, and keep it in a sealed envelope in the department safe. Do not keep a copy on this computer.',
  'A copied key is cleared from the clipboard after one minute.',
  'Deflect shows this key only now. It cannot show it again.',
];

/**
 * A new recovery key: large, with Copy and Print. The printed sheet (the key, the department, the
 * instructions) goes straight under #root, which is all the print stylesheet lets through.
 */
export function RecoveryKeyCard({
  recoveryKey,
  departmentName,
  title = 'Deflect recovery key',
}: {
  recoveryKey: string;
  departmentName: string;
  title?: string;
}) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  function copyKey() {
    copySecret(recoveryKey).then(
      () => {
        setCopy('copied');
        setTimeout(() => setCopy('idle'), 4000);
      },
      () => setCopy('failed'),
    );
  }
  const root = document.getElementById('root');
  return (
    <Stack gap="sm">
      <Paper withBorder p="lg" bg="gray.0" radius="md">
        <Code
          block
          data-testid="recovery-key"
          aria-label="Recovery key"
          // Scrollable on a narrow window, so it must be reachable from the keyboard.
          tabIndex={0}
          fw={600}
          style={{
            fontSize: '1.25rem',
            letterSpacing: '0.04em',
            textAlign: 'center',
            background: 'transparent',
            whiteSpace: 'nowrap',
            overflowX: 'auto',
          }}
        >
          {recoveryKey}
        </Code>
      </Paper>
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={copy === 'copied' ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
          onClick={copyKey}
        >
          {copy === 'copied' ? 'Copied (cleared in 1 minute)' : 'Copy'}
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      {copy === 'failed' ? (
        <Alert color="red" role="alert">
          Copying did not work here. Print the key or write it down instead.
        </Alert>
      ) : null}
      {root
        ? createPortal(
            <div className="print-sheet" aria-hidden>
              <h1>{title}</h1>
              <p>{departmentName}</p>
              <p className="print-key">{recoveryKey}</p>
              <ul>
                {RECOVERY_KEY_INSTRUCTIONS.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p>Printed {formatDateTime(new Date().toISOString())}</p>
            </div>,
            root,
          )
        : null}
    </Stack>
  );
}

export function RecoveryKeyInstructions() {
  return (
    <List spacing={4}>
      {RECOVERY_KEY_INSTRUCTIONS.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}
