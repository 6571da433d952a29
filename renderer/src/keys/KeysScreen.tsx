import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { useSession } from '../app/session';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { RecoveryKeyAlert } from './RecoveryKeyAlert';
import { RotateKeysDialog } from './RotateKeysDialog';

/** Administration → Keys: when the keys were last rotated, when to rotate them, and the rotation itself. */
export function KeysScreen() {
  const { departmentName } = useSession();
  const { data: status, reload } = useQuery(useCallback(() => api.keys.status({}), []));
  const [rotating, setRotating] = useState(false);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Keys"
        description="The keys that encrypt the store, and the recovery key. Rotate them when someone who could have seen or copied them should no longer have access."
        actions={
          <Button leftSection={<IconKey size={18} aria-hidden />} onClick={() => setRotating(true)}>
            Rotate the keys
          </Button>
        }
      />
      <RecoveryKeyAlert status={status} />
      <Card withBorder padding="md" maw={520}>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed">
          Last rotated
        </Text>
        <Text fw={700} size="lg" data-testid="last-rotated">
          {status?.lastRotatedAt ? formatDateTime(status.lastRotatedAt) : 'Never since setup'}
        </Text>
        {status?.lastRotatedBy ? <Text size="sm">by {status.lastRotatedBy}</Text> : null}
      </Card>
      <section aria-labelledby="keys-when">
        <Title order={2} size="h3" id="keys-when" mb="xs">
          When to rotate the keys
        </Title>
        <List spacing={4}>
          <List.Item>
            When a member of staff leaves or is deactivated, especially an administrator, or anyone who could have copied the data
            folder.
          </List.Item>
          <List.Item>
            When the recovery key, a printout of it, or a copy of the database key (Reveal key) may have been seen by someone.
          </List.Item>
          <List.Item>When a laptop, a USB drive or a backup went missing, even if it was found again.</List.Item>
        </List>
        <Text size="sm" mt="sm">
          Everyone keeps their password. Backups made before a rotation still need the recovery key of their time: keep the old
          one locked away until those backups have been rotated out.
        </Text>
      </section>
      {rotating ? (
        <RotateKeysDialog departmentName={departmentName} onClose={() => setRotating(false)} onRotated={() => void reload()} />
      ) : null}
    </Stack>
  );
}
