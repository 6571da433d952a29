import { Alert, Button, Checkbox, Code, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { CenteredPage } from '../ui/CenteredPage';
import { copySecret } from '../ui/clipboard';
import { formatDateTime } from '../ui/format';

const INSTRUCTIONS = [
  'This key lets an administrator set a new password if every administrator password is forgotten.',
  'Anyone who has this key and a copy of the data folder can read the data. Keep it locked away, away from this computer.',
  'Print it or write it down, and keep it in a sealed envelope in the department safe. Do not keep a copy on this computer.',
  'A copied key is cleared from the clipboard after one minute.',
  'Deflect shows this key only now. It cannot show it again.',
];

/** Shown once after setup: the key must be stored before the first login. */
export function RecoveryKeyScreen({
  recoveryKey,
  departmentName,
  onContinue,
}: {
  recoveryKey: string;
  departmentName: string;
  onContinue: () => void;
}) {
  const [stored, setStored] = useState(false);

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

  return (
    <>
      <CenteredPage title="Your recovery key" eyebrow="Setup complete" width={720}>
        <Text>Deflect is set up. Before you log in, store the recovery key below somewhere safe.</Text>
        <Paper withBorder p="lg" bg="gray.0" radius="md">
          <Code
            block
            data-testid="recovery-key"
            aria-label="Recovery key"
            fw={600}
            style={{
              fontSize: '1.35rem',
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
        <List spacing={4}>
          {INSTRUCTIONS.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Stack gap="md">
          <Checkbox
            size="md"
            checked={stored}
            onChange={(e) => setStored(e.currentTarget.checked)}
            label="I have stored the recovery key somewhere safe, away from this computer"
          />
          <Group justify="flex-end">
            <Button size="md" disabled={!stored} onClick={onContinue}>
              Continue to log in
            </Button>
          </Group>
        </Stack>
      </CenteredPage>
      <div className="print-sheet" aria-hidden>
        <h1>Deflect recovery key</h1>
        <p>{departmentName}</p>
        <p className="print-key">{recoveryKey}</p>
        <ul>
          {INSTRUCTIONS.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>Printed {formatDateTime(new Date().toISOString())}</p>
      </div>
    </>
  );
}
