import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CenteredPage } from '../ui/CenteredPage';
import { RecoveryKeyCard, RecoveryKeyInstructions } from '../ui/RecoveryKeyCard';

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
  return (
    <CenteredPage title="Your recovery key" eyebrow="Setup complete" width={720}>
      <Text>Deflect is set up. Before you log in, store the recovery key below somewhere safe.</Text>
      <RecoveryKeyCard recoveryKey={recoveryKey} departmentName={departmentName} />
      <RecoveryKeyInstructions />
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
  );
}
