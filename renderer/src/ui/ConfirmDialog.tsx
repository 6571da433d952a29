import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Result } from '../../../shared/contract/procedure';
import { isSessionProblem } from '../api';
import { AppModal } from './AppModal';
import { FormAlert } from './FormAlert';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** Red for actions that take something away. */
  danger?: boolean;
  onCancel: () => void;
  /** Runs the action; a failure is shown in the dialog, success closes it. */
  onConfirm: () => Promise<Result<unknown>>;
  onDone: () => void;
}

export function ConfirmDialog({ opened, title, message, confirmLabel, danger, onCancel, onConfirm, onDone }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await onConfirm();
    setBusy(false);
    if (result.ok) onDone();
    else if (!isSessionProblem(result.error.code)) setError(result.error.message);
  }

  function cancel() {
    setError(null);
    onCancel();
  }

  return (
    <AppModal opened={opened} onClose={cancel} title={title} size="md">
      <Stack>
        <Text>{message}</Text>
        <FormAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={cancel} disabled={busy}>
            Cancel
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={() => void confirm()} loading={busy} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
