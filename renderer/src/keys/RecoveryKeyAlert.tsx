import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useCallback } from 'react';
import { api } from '../api';
import { href } from '../app/router';
import { useQuery } from '../ui/useQuery';

/**
 * For a store set up before clinical notes had their own key: its recovery key (and every backup) opens
 * the records but not clinical notes and screenings, until a key rotation issues a new one. Shown on
 * administrators' home screen (with a way to the Keys screen) and on the Keys screen.
 */
export function RecoveryKeyAlert({
  status,
  linkToKeys = false,
}: {
  status?: { recoveryKeyOpensClinical: boolean } | null;
  linkToKeys?: boolean;
}) {
  if (!status || status.recoveryKeyOpensClinical) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="The recovery key does not open clinical notes"
      role="status"
    >
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Text size="sm" maw={720}>
          This store was set up before clinical notes and screenings had their own key. The recovery key you hold, and the
          backups, open the records but not the clinical notes and screenings: if every administrator password were lost, they
          could not be read again. Rotate the keys once to get a new recovery key that opens them too.
        </Text>
        {linkToKeys ? (
          <Button
            component="a"
            href={href('/keys')}
            variant="light"
            color="orange"
            size="compact-md"
            rightSection={<IconArrowRight size={16} aria-hidden />}
            style={{ flexShrink: 0 }}
          >
            Open Keys
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}

/** The home-screen form: fetches the keys' status itself. */
export function HomeRecoveryKeyAlert() {
  const { data } = useQuery(useCallback(() => api.keys.status({}), []));
  return <RecoveryKeyAlert status={data} linkToKeys />;
}
