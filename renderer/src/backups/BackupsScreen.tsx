import { Alert, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { BackupLogEntry } from '../../../shared/contract/backups';
import { api, isSessionProblem } from '../api';
import { useSession } from '../app/session';
import { AppModal } from '../ui/AppModal';
import { formatAgo, formatBytes, formatDateTime, formatNumber, formatShortDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { BackupSettingsForm } from './BackupSettingsForm';
import { JobProgress } from './JobProgress';
import { RestoreForm } from './RestoreForm';
import { useJob } from './useJob';

type LogEntry = BackupLogEntry & { present: boolean };

const TRIGGERS: Record<BackupLogEntry['trigger'], string> = { manual: 'Manual', scheduled: 'Daily', cli: 'Command line' };

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function records(counts: Record<string, number> | null): string {
  if (!counts) return '—';
  return `${formatNumber(counts.persons ?? 0)} people, ${formatNumber(counts.contacts ?? 0)} contacts`;
}

function LogTable({ entries }: { entries: LogEntry[] }) {
  if (!entries.length) return <Text c="dimmed">No backup has been made yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="sm" aria-label="Backup log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col">Backup file</Table.Th>
            <Table.Th scope="col">Records</Table.Th>
            <Table.Th scope="col">Audit anchor</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-testid="backup-log-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatShortDateTime(e.startedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {TRIGGERS[e.trigger]} · {(e.durationMs / 1000).toFixed(1)} s
                </Text>
              </Table.Td>
              <Table.Td>
                {e.ok ? (
                  <Group gap={6} wrap="nowrap">
                    <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden />
                    <Text size="sm" fw={600}>
                      Verified
                    </Text>
                  </Group>
                ) : (
                  <Stack gap={2}>
                    <Group gap={6} wrap="nowrap">
                      <IconCircleX size={18} color="var(--mantine-color-red-9)" aria-hidden />
                      <Text size="sm" fw={600}>
                        Failed
                      </Text>
                    </Group>
                    <Text size="xs" maw={320}>
                      {e.message}
                    </Text>
                  </Stack>
                )}
              </Table.Td>
              <Table.Td>
                {e.file ? (
                  <Stack gap={2}>
                    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {fileName(e.file)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {e.bytes ? formatBytes(e.bytes) : ''}
                      {e.present ? '' : ' · no longer in the folder (rotated out, or the drive is not connected)'}
                    </Text>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {e.folder}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{records(e.counts)}</Text>
              </Table.Td>
              <Table.Td>
                {e.anchor ? (
                  <Tooltip label={`${e.anchor.seq}:${e.anchor.hash}`} multiline maw={360} withArrow>
                    <Text size="sm" ff="monospace" tabIndex={0} aria-label={`Entry ${e.anchor.seq}, hash ${e.anchor.hash}`}>
                      {e.anchor.seq}:{e.anchor.hash.slice(0, 8)}…
                    </Text>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Administration → Backups: status and "Back up now", the daily schedule, the backup log, restore. */
export function BackupsScreen() {
  const { logout } = useSession();
  const { data: health, reload: reloadHealth } = useQuery(useCallback(() => api.backups.health({}), []));
  const {
    data: settings,
    error: settingsError,
    setData: setSettings,
  } = useQuery(useCallback(() => api.backups.settings({}), []));
  const { data: log, reload: reloadLog } = useQuery(useCallback(() => api.backups.log({ limit: 100 }), []));
  const { data: restoreOptions } = useQuery(useCallback(() => api.restore.options({}), []));
  const [restoring, setRestoring] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [settingsVersion, setSettingsVersion] = useState(0);

  const onDone = useCallback(() => {
    void reloadLog();
    void reloadHealth();
  }, [reloadLog, reloadHealth]);
  // The daily backup can start while this screen is open: it is looked for every few seconds and followed.
  const { job, follow, running } = useJob(
    useCallback(() => api.backups.job({}), []),
    onDone,
    { watchMs: 5_000 },
  );
  const [joined, setJoined] = useState(false);

  async function backUpNow() {
    setStartError(null);
    const r = await api.backups.start({});
    if (r.ok) {
      setJoined(r.value.joined);
      follow(r.value.job);
    } else if (!isSessionProblem(r.error.code)) setStartError(r.error.message);
  }

  const last = job?.done ? job : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Backups"
        description="Encrypted copies of the whole store, each checked after it is written. A backup opens only with the recovery key."
        actions={
          <>
            <Button variant="default" leftSection={<IconRestore size={18} aria-hidden />} onClick={() => setRestoring(true)}>
              Restore a backup
            </Button>
            <Button leftSection={<IconDatabaseExport size={18} aria-hidden />} onClick={() => void backUpNow()} loading={running}>
              Back up now
            </Button>
          </>
        }
      />

      {health?.problem ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Backups need attention">
          {health.problem}
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder padding="md">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Last good backup
          </Text>
          <Text fw={700} size="lg" data-testid="last-good-backup">
            {health?.lastGoodAt ? formatAgo(health.lastGoodAt) : 'None yet'}
          </Text>
          <Text size="sm">{health?.lastGoodAt ? formatDateTime(health.lastGoodAt) : 'Run one with “Back up now”.'}</Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Next daily backup
          </Text>
          <Text fw={700} size="lg">
            {health?.nextAt ? formatShortDateTime(health.nextAt) : 'Not scheduled'}
          </Text>
          <Text size="sm">
            {!health?.configured
              ? 'Choose a backup folder below'
              : health.enabled
                ? 'While someone is logged in'
                : 'The daily backup is turned off'}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Backup folder
          </Text>
          <Group gap={6} wrap="nowrap">
            {health?.configured ? (
              <Badge color={health.reachable ? 'teal' : 'red'} variant="light">
                {health.reachable ? 'Reachable' : 'Not reachable'}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                Not chosen
              </Badge>
            )}
          </Group>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {health?.folder || '—'}
          </Text>
        </Card>
      </SimpleGrid>

      {job && !job.done ? <JobProgress job={job} label="Backup progress" /> : null}
      {joined && job ? (
        <Text size="sm" role="note">
          The daily backup had just started, so “Back up now” shows that one rather than making a second.
        </Text>
      ) : null}
      {startError ? (
        <Alert color="red" variant="light" title="Backup not started" role="alert">
          {startError}
        </Alert>
      ) : null}
      {last && !last.ok ? (
        <Alert color="red" variant="light" title="Backup failed" role="alert">
          {last.message}
        </Alert>
      ) : null}
      {last?.ok && last.backup?.file ? (
        <Alert
          color="green"
          variant="light"
          title="Backup written and verified"
          role="status"
          icon={<IconCircleCheck aria-hidden />}
        >
          {fileName(last.backup.file)} ({formatBytes(last.backup.bytes ?? 0)}): it opens, passes the integrity check and holds{' '}
          {records(last.backup.counts)}.
        </Alert>
      ) : null}

      {settingsError ? (
        <Alert color="red" title="Could not load the backup settings" role="alert">
          {settingsError}
        </Alert>
      ) : null}
      {!settings && !settingsError ? <Loader aria-label="Loading backup settings" /> : null}
      {settings ? (
        <BackupSettingsForm
          key={settingsVersion}
          initial={settings}
          onSaved={(saved) => {
            setSettings(saved);
            setSettingsVersion((n) => n + 1);
            void reloadHealth();
            notifications.show({ color: 'green', title: 'Backup settings saved', message: 'They apply from the next backup.' });
          }}
        />
      ) : null}

      <section aria-labelledby="backup-log-title">
        <Title order={2} size="h3" id="backup-log-title" mb="sm">
          Backup log
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Kept outside the database. The audit anchor is the audit log’s last entry and hash inside each backup: write it down or
          print it to check the audit log against later.
        </Text>
        {log ? <LogTable entries={log.entries} /> : <Loader aria-label="Loading the backup log" />}
      </section>

      {restoring && restoreOptions ? (
        <AppModal opened onClose={() => setRestoring(false)} title="Restore a backup" size="lg">
          <RestoreForm
            options={restoreOptions}
            onCancel={() => setRestoring(false)}
            onFinished={(result) => {
              setRestoring(false);
              if (result.switched) void logout();
            }}
          />
        </AppModal>
      ) : null}
    </Stack>
  );
}
