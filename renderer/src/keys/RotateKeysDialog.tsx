import { Alert, Button, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, useCallback, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { JobState } from '../../../shared/contract/backups';
import type { RotationPreview } from '../../../shared/contract/keys';
import { api, isSessionProblem } from '../api';
import { href } from '../app/router';
import { JobProgress } from '../backups/JobProgress';
import { useJob } from '../backups/useJob';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { RecoveryKeyCard } from '../ui/RecoveryKeyCard';

function names(list: { username: string; displayName: string }[]): string {
  return list.map((u) => `${u.displayName} (${u.username})`).join(', ');
}

/** What a rotation does, in the words the first step shows. */
function Explanation() {
  return (
    <Stack gap="xs">
      <Text>Rotating the keys makes every key that anyone may have seen or copied useless from now on:</Text>
      <List size="sm" spacing={2}>
        <List.Item>the database is re-encrypted with a new data key;</List.Item>
        <List.Item>clinical notes and screenings are re-sealed with a new clinical key;</List.Item>
        <List.Item>a new recovery key replaces the current one (you will write it down first);</List.Item>
        <List.Item>everyone keeps their own password: the new keys reach each account at its next login.</List.Item>
      </List>
      <Text size="sm">
        It takes a minute or two on a large store; nobody can save anything meanwhile. If the computer stops halfway, Deflect
        finishes or undoes it at the next start — nothing is lost either way.
      </Text>
    </Stack>
  );
}

/**
 * Key rotation, in three steps: what it does → the new recovery key (written down and typed back, with
 * the administrator's password) → progress and the outcome.
 */
export function RotateKeysDialog({
  departmentName,
  reason,
  onClose,
  onRotated,
}: {
  departmentName: string;
  /** Why it is offered now, e.g. after an account was deactivated. */
  reason?: string;
  onClose: () => void;
  onRotated: () => void;
}) {
  const [preview, setPreview] = useState<RotationPreview | null>(null);
  const [prepareError, setPrepareError] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const form = useForm({
    initial: { recoveryKey: '', password: '' },
    schema: contract['keys.rotate'].input,
  });
  const poll = useCallback(() => api.keys.job({}), []);
  const { job, follow, running } = useJob(poll, (done: JobState) => {
    if (done.ok) onRotated();
    else if (done.field) form.showErrors({ [done.field]: done.message ?? 'The keys were not rotated.' }, null, true);
    else form.showErrors({}, done.message ?? 'The keys were not rotated.', true);
  });

  async function prepare() {
    setPreparing(true);
    setPrepareError(null);
    const r = await api.keys.prepareRotation({});
    setPreparing(false);
    if (r.ok) setPreview(r.value);
    else if (!isSessionProblem(r.error.code)) setPrepareError(r.error.message);
  }

  async function rotate(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.keys.rotate(input));
    if (out) follow(out.job);
  }

  const done = job?.done && job.ok ? job : null;
  return (
    <AppModal opened onClose={running ? () => undefined : onClose} withCloseButton={!running} title="Rotate the keys" size="lg">
      {done?.rotation ? (
        <Stack>
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="The keys were rotated" role="status">
            <Stack gap={6}>
              <Text size="sm">
                The database is re-encrypted and {done.rotation.resealed} clinical{' '}
                {done.rotation.resealed === 1 ? 'value was' : 'values were'} re-sealed.{' '}
                {done.rotation.kept === 0
                  ? 'There is no other account.'
                  : `${done.rotation.kept} other ${done.rotation.kept === 1 ? 'account takes' : 'accounts take'} the new keys at their next login, with their own password.`}
              </Text>
              <Text size="sm">
                The new recovery key is now the only one that opens this store and new backups. Keep the old one until the backups
                made before today have been rotated out of the backup folder: they need it.
              </Text>
            </Stack>
          </Alert>
          {done.rotation.needReset.length ? (
            <Alert color="orange" variant="light" title="Accounts that need a new password">
              <Text size="sm">
                {done.rotation.needReset.join(', ')}: their key slots were too old to take the new keys. Set a temporary password
                for each on the <a href={href('/users')}>Users</a> screen.
              </Text>
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : preview ? (
        <form ref={form.formRef} onSubmit={(e) => void rotate(e)} noValidate>
          <Stack>
            <Text fw={600}>Write down the new recovery key now. It takes effect when the rotation finishes.</Text>
            <RecoveryKeyCard
              recoveryKey={preview.recoveryKey}
              departmentName={departmentName}
              title="Deflect recovery key (after key rotation)"
            />
            {preview.keep.length ? <Text size="sm">Keep working with their own password: {names(preview.keep)}.</Text> : null}
            {preview.needReset.length ? (
              <Alert color="orange" variant="light" title="These accounts will need a new password afterwards">
                {names(preview.needReset)}
              </Alert>
            ) : null}
            <TextInput
              label="Type the new recovery key to confirm you wrote it down"
              description="Dashes, spaces and case do not matter"
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              disabled={running}
              data-autofocus
              {...form.text('recoveryKey')}
            />
            <PasswordInput label="Your password" autoComplete="current-password" disabled={running} {...form.text('password')} />
            {job && !job.done ? <JobProgress job={job} label="Key rotation progress" /> : null}
            <FormErrors form={form} title="The keys were not rotated" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={running}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={form.busy || running}>
                Rotate the keys
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          {reason ? (
            <Alert color="blue" variant="light">
              {reason}
            </Alert>
          ) : null}
          <Explanation />
          {prepareError ? (
            <Alert color="red" role="alert">
              {prepareError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Not now
            </Button>
            <Button onClick={() => void prepare()} loading={preparing} data-autofocus>
              Continue
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
