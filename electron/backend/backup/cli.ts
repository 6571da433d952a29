import { resolve } from 'node:path';
import type { JobState } from '../../../shared/contract/backups';
import { type CliCommand, type CliIo, CliError, DATA_DIR_OPTION, requireString, USER_OPTION } from '../cli/types';
import { createBackend } from '../index';
import { tasksOf } from '../maintenance/tasks';
import type { Backend } from '../backend';

/** Waits for the backend's job, printing each new step on stderr; returns how it ended. */
async function follow(backend: Backend, io: CliIo): Promise<JobState> {
  const tasks = tasksOf(backend);
  let said = '';
  while (tasks.busy) {
    const job = tasks.current();
    if (job && job.step !== said) {
      said = job.step;
      io.err(`… ${job.step}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return tasks.current()!;
}

function records(counts: Record<string, number>): string {
  const n = (t: string) => (counts[t] ?? 0).toLocaleString('en-US');
  return `${n('persons')} people, ${n('contacts')} contacts, ${n('audit_log')} audit entries`;
}

const backup: CliCommand = {
  name: 'backup',
  summary:
    'Administrators only: write a verified, encrypted backup of the store into FOLDER (for Task Scheduler or cron). Exit 0 when it is written and checked.',
  usage: 'backup --data-dir DIR --user ADMIN --out FOLDER   (password: DEFLECT_PASSWORD)',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION, out: { type: 'string' } },
  async run(args, io) {
    const out = resolve(requireString(args, 'out'));
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      await session.call('backups.start', { folder: out, trigger: 'cli' });
      const job = await follow(session.backend, io);
      if (!job.ok || !job.backup?.file) throw new CliError(job.message ?? 'The backup failed.');
      const b = job.backup;
      io.out(
        `Backup written and verified: ${b.file} (${((b.bytes ?? 0) / 1_000_000).toFixed(1)} MB, ${records(b.counts ?? {})}) in ${(b.durationMs / 1000).toFixed(1)} s.`,
      );
      if (b.anchor) io.out(`Audit anchor in this backup: ${b.anchor.seq}:${b.anchor.hash}`);
      return 0;
    } finally {
      session.close();
    }
  },
};

const restore: CliCommand = {
  name: 'restore',
  summary:
    'Restore a backup into a new data folder, after checking it (the recovery key that was current when the backup was made: DEFLECT_RECOVERY_KEY or a prompt). Never overwrites a store.',
  usage: 'restore --from FILE --data-dir NEWDIR',
  options: { ...DATA_DIR_OPTION, from: { type: 'string' } },
  async run(args, io) {
    const file = resolve(requireString(args, 'from'));
    const target = resolve(requireString(args, 'data-dir'));
    const recoveryKey = await io.secret('DEFLECT_RECOVERY_KEY', 'Recovery key');
    const { backend, router } = createBackend({ dataDir: target });
    try {
      const r = await router.invoke('restore.start', { file, recoveryKey, targetDir: target, useIt: false });
      if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? 2 : 1);
      const job = await follow(backend, io);
      if (!job.ok || !job.restore) throw new CliError(job.message ?? 'The restore failed.');
      const x = job.restore;
      io.out(
        `Restored the backup made ${new Date(x.createdAt).toLocaleString('en-US')} into ${x.targetDir} and checked it (integrity ok; ${records(x.counts)}).`,
      );
      io.out('Log in there with the passwords as they were when the backup was made.');
      return 0;
    } finally {
      backend.shutdown();
    }
  },
};

export const backupCommands: CliCommand[] = [backup, restore];
