import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobState } from '../../../shared/contract/backups';

/** A long job's progress: what it is doing, how far, and a Stop button where stopping is safe. */
export function JobProgress({ job, label, onStop }: { job: JobState; label: string; onStop?: () => void }) {
  const pct = Math.round(job.fraction * 100);
  return (
    <Stack gap={6} data-testid="job-progress">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} aria-live="polite">
          {job.step}…
        </Text>
        <Text fw={600} ff="monospace">
          {pct}%
        </Text>
      </Group>
      <Progress value={pct} size="lg" radius="sm" animated striped aria-label={label} transitionDuration={300} />
      {onStop ? (
        <Group justify="flex-end">
          <Button variant="default" size="compact-sm" onClick={onStop}>
            Stop
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
