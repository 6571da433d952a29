import { Alert, Button, Checkbox, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, useCallback } from 'react';
import { backupsContract, type JobState, type RestoreResult } from '../../../shared/contract/backups';
import { api } from '../api';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime, formatNumber } from '../ui/format';
import { JobProgress } from './JobProgress';
import { useJob } from './useJob';

export interface RestoreOptions {
  dataDir: string;
  hasStore: boolean;
  suggestedTarget: string;
}

type Values = { file: string; recoveryKey: string; targetDir: string; useIt: boolean };

/** What a restored store holds, in a few words. */
export function restoredSummary(r: RestoreResult): string {
  const n = (t: string, one: string, many: string) => {
    const c = r.counts[t] ?? 0;
    return `${formatNumber(c)} ${c === 1 ? one : many}`;
  };
  return `${n('persons', 'person', 'people')}, ${n('contacts', 'contact', 'contacts')}, ${n('users', 'staff account', 'staff accounts')} and ${n('audit_log', 'audit entry', 'audit entries')}`;
}

/**
 * Restore a backup: the backup file, the recovery key it needs, and a new folder to restore into;
 * optionally switch this workstation to the restored store once it has passed every check. Used in
 * Administration → Backups and before login (a new workstation, a damaged store).
 */
export function RestoreForm({
  options,
  onCancel,
  cancelLabel = 'Cancel',
  onFinished,
}: {
  options: RestoreOptions;
  onCancel: () => void;
  cancelLabel?: string;
  /** After a successful restore; `switched` when the workstation now uses the restored store. */
  onFinished: (result: RestoreResult) => void;
}) {
  const form = useForm({
    initial: { file: '', recoveryKey: '', targetDir: options.suggestedTarget, useIt: options.hasStore } as Values,
    schema: backupsContract['restore.start'].input,
    toInput: (v: Values) => ({
      file: v.file,
      recoveryKey: v.recoveryKey,
      targetDir: v.targetDir,
      useIt: options.hasStore && v.useIt,
    }),
  });
  const poll = useCallback(() => api.restore.job({}), []);
  const { job, follow, running } = useJob(poll, (done: JobState) => {
    if (done.ok && done.restore) return;
    if (done.field) form.showErrors({ [done.field]: done.message ?? 'The restore failed.' }, null, true);
    else form.showErrors({}, done.message ?? 'The restore failed.', true);
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.restore.start(input));
    if (out) follow(out.job);
  }

  const result = job?.done && job.ok ? job.restore : null;
  if (result) {
    return (
      <Stack>
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="Restored and checked" role="status">
          <Stack gap={6}>
            <Text>
              The backup made {formatDateTime(result.createdAt)} was restored into{' '}
              <Text span ff="monospace">
                {result.targetDir}
              </Text>{' '}
              and passed every check (integrity check, record counts): {restoredSummary(result)}.
            </Text>
            {result.switched ? (
              <Text>
                This workstation now uses the restored store. Everyone was logged out: log in with the passwords as they were when
                the backup was made.
                {result.replacedDir ? ` The store that was in use is kept, untouched, in ${result.replacedDir}.` : ''}
              </Text>
            ) : (
              <Text>
                The store in use here was not changed. To use the restored one, restore again with “Switch this workstation”
                ticked, or start Deflect with{' '}
                <Text span ff="monospace">
                  --data-dir {result.targetDir}
                </Text>
                .
              </Text>
            )}
          </Stack>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={() => onFinished(result)} data-autofocus>
            {result.switched ? 'Go to the login screen' : 'Done'}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text>A restore never overwrites a store: the backup is checked, then written into a new folder.</Text>
        <TextInput
          label="Backup file"
          description="The full path of a .deflectbackup file, e.g. E:\Deflect backups\deflect-1a2b3c4d-20261128-020000.deflectbackup"
          spellCheck={false}
          autoComplete="off"
          disabled={running}
          data-autofocus
          {...form.text('file')}
        />
        <TextInput
          label="Recovery key"
          description="The recovery key that was current when the backup was made (eight groups of four characters)"
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          disabled={running}
          {...form.text('recoveryKey')}
        />
        <TextInput
          label="Restore into this new folder"
          description={
            options.hasStore
              ? 'A folder that does not exist yet, or an empty one'
              : 'This workstation has no store yet, so its own data folder is suggested'
          }
          spellCheck={false}
          autoComplete="off"
          disabled={running}
          {...form.text('targetDir')}
        />
        {options.hasStore ? (
          <Checkbox
            label="Switch this workstation to the restored store once it is checked"
            description={
              <List size="sm" spacing={0}>
                <List.Item>Everyone is logged out; the passwords are those from when the backup was made.</List.Item>
                <List.Item>The store in use now is kept, untouched, in a “replaced-…” folder inside the data folder.</List.Item>
              </List>
            }
            checked={form.values.useIt}
            onChange={(e) => form.set('useIt', e.currentTarget.checked)}
            disabled={running}
          />
        ) : null}
        {job && !job.done ? <JobProgress job={job} label="Restore progress" /> : null}
        <FormErrors form={form} title="Not restored" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={running}>
            {cancelLabel}
          </Button>
          <Button type="submit" loading={form.busy || running}>
            Restore
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
