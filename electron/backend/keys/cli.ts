import { openSession, requireStoreDir } from '../cli/io';
import { type CliCommand, CliError, DATA_DIR_OPTION, requireString, USER_OPTION } from '../cli/types';
import { tasksOf } from '../maintenance/tasks';

const rekey: CliCommand = {
  name: 'rekey',
  summary:
    'Administrators only: rotate the keys — re-encrypt the database, re-seal clinical values, rewrap every key slot; prints the new recovery key first. Close Deflect first.',
  usage: 'rekey --data-dir DIR --user ADMIN   (password: DEFLECT_PASSWORD or prompt)',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION },
  async run(args, io) {
    const dir = requireStoreDir(args.values['data-dir'] as string | undefined);
    const username = requireString(args, 'user');
    const password = await io.secret('DEFLECT_PASSWORD', `Password for ${username}`);
    const session = await openSession(dir, username, password);
    try {
      const preview = await session.call('keys.prepareRotation', {});
      // Shown before anything changes: if this command is interrupted, the old key stays valid, else this one.
      io.out(
        'New recovery key (write it down now and keep it away from this computer; it replaces the current one when the rotation finishes):',
      );
      io.out(preview.recoveryKey);
      if (preview.needReset.length) {
        io.err(
          `These accounts will need a new password from an administrator afterwards: ${preview.needReset.map((u) => u.username).join(', ')}.`,
        );
      }
      await session.call('keys.rotate', { recoveryKey: preview.recoveryKey, password });
      const tasks = tasksOf(session.backend);
      let said = '';
      while (tasks.busy) {
        const job = tasks.current();
        if (job && job.step !== said) io.err(`… ${(said = job.step)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const job = tasks.current()!;
      if (!job.ok || !job.rotation) throw new CliError(job.message ?? 'The keys were not rotated.');
      io.out(
        `Keys rotated: the database is re-encrypted, ${job.rotation.resealed} clinical value(s) re-sealed, ${job.rotation.kept} other account(s) take the new keys at their next login.`,
      );
      io.out(
        'The old recovery key no longer opens this store; keep it until the backups made before today have been rotated out (they need it).',
      );
      return 0;
    } finally {
      session.close();
    }
  },
};

export const keysCommands: CliCommand[] = [rekey];
