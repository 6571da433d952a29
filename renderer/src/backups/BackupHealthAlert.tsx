import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useCallback } from 'react';
import { api } from '../api';
import { href } from '../app/router';
import { useQuery } from '../ui/useQuery';

/** On administrators' home screen: when the last good backup is more than 3 days old, or the folder cannot be reached. */
export function BackupHealthAlert() {
  const { data } = useQuery(useCallback(() => api.backups.health({}), []));
  if (!data?.problem) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Backups need attention" role="status">
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Text size="sm">{data.problem}</Text>
        <Button
          component="a"
          href={href('/backups')}
          variant="light"
          color="orange"
          size="compact-md"
          rightSection={<IconArrowRight size={16} aria-hidden />}
          style={{ flexShrink: 0 }}
        >
          Open Backups
        </Button>
      </Group>
    </Alert>
  );
}
