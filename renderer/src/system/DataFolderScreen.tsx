import { Alert, Button, Checkbox, Code, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFolderPlus, IconRefresh, IconRestore } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { DataFolder } from '../../../shared/contract/system';
import { CenteredPage } from '../ui/CenteredPage';

const TITLES: Record<'confirm_new' | 'unreachable' | 'store_missing', string> = {
  unreachable: 'Deflect cannot reach its data folder',
  store_missing: 'The Deflect store is missing from its data folder',
  confirm_new: 'No Deflect store in this data folder',
};

/**
 * Before setup, when the data folder is not simply a new installation: the folder cannot be reached (an
 * unplugged drive, a share that is down), its store is gone, or it was named at start and holds nothing.
 * Says which folder and what to do; a new store is offered only in the last case, and only once the user
 * has ticked that this is a new installation. Nothing is written until then.
 */
export function DataFolderScreen({
  folder,
  checking,
  onRetry,
  onRestore,
  onSetUpNew,
}: {
  folder: DataFolder & { state: 'confirm_new' | 'unreachable' | 'store_missing' };
  checking: boolean;
  onRetry: () => void;
  onRestore: () => void;
  onSetUpNew: () => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [missingConfirmation, setMissingConfirmation] = useState(false);
  const tick = useRef<HTMLInputElement>(null);
  const offerNew = folder.state === 'confirm_new';
  return (
    <CenteredPage title={TITLES[folder.state]} eyebrow="Data folder" width={680}>
      <Alert color={offerNew ? 'yellow' : 'red'} variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Stack gap="xs">
          <Text fw={600}>Data folder:</Text>
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="data-folder-path">
            {folder.path}
          </Code>
          <Text>{folder.problem}</Text>
        </Stack>
      </Alert>
      <Group>
        <Button leftSection={<IconRefresh size={18} aria-hidden />} onClick={onRetry} aria-busy={checking} autoFocus>
          Try again
        </Button>
        <Button variant="default" leftSection={<IconRestore size={18} aria-hidden />} onClick={onRestore}>
          Restore from a backup
        </Button>
      </Group>
      {offerNew ? (
        <Stack gap="sm">
          <Divider />
          <Title order={2} size="h4">
            A new installation?
          </Title>
          <Text size="sm">
            Only if this unit has never used Deflect with this folder: a new store starts empty. Records kept in another store (on
            a drive that is not connected, on another workstation) do not appear in it, and the two cannot be merged later.
          </Text>
          <Checkbox
            ref={tick}
            checked={confirmed}
            onChange={(e) => {
              setConfirmed(e.currentTarget.checked);
              setMissingConfirmation(false);
            }}
            label={`This is a new installation: set up a new, empty store in ${folder.path}`}
            aria-invalid={missingConfirmation}
            aria-describedby={missingConfirmation ? 'new-store-tick-error' : undefined}
          />
          {missingConfirmation ? (
            <Text id="new-store-tick-error" c="red.9" size="sm">
              Tick this first if a new, empty store is what you want.
            </Text>
          ) : null}
          <Group>
            <Button
              variant="default"
              leftSection={<IconFolderPlus size={18} aria-hidden />}
              onClick={() => {
                if (confirmed) return onSetUpNew();
                setMissingConfirmation(true);
                tick.current?.focus();
              }}
            >
              Set up a new store here
            </Button>
          </Group>
        </Stack>
      ) : null}
    </CenteredPage>
  );
}
