/**
 * A program the crash tests kill with SIGKILL at random moments (see crash.test.ts). It logs in to the
 * store given and works through the real router, printing one line on stdout for each write that
 * returned success — after it returned, so every line names something the store must still hold.
 *   node --import tsx child.ts DATA_DIR write | backup BACKUP_FOLDER | rekey [journal|aside|database|vault]
 */
import { createBackend } from '../../../electron/backend';
import { swapTestHooks } from '../../../electron/backend/maintenance/swap';
import { tasksOf } from '../../../electron/backend/maintenance/tasks';
import { ADMIN_LOGIN, CHILD_KDF } from './shared';

const [dataDir, mode, folder] = process.argv.slice(2);
// rekey KILL_AT: the process kills itself right after that step of its first rotation's switch.
const killAt = mode === 'rekey' ? folder : undefined;
if (killAt) swapTestHooks.after = (step) => step === killAt && process.kill(process.pid, 'SIGKILL');

async function main(): Promise<void> {
  const { backend, router } = createBackend({ dataDir: dataDir!, kdfCost: CHILD_KDF });
  const login = await router.call('auth.login', ADMIN_LOGIN);
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  process.stdout.write('ready\n');
  for (let n = 1; ; n++) {
    if (mode === 'write') {
      const p = await router.call('people.create', {
        person: { firstName: `Crashtest${n}`, lastName: `Sample${process.pid}` },
        allowDuplicate: true,
      });
      if (!p.ok) throw new Error(p.error.message);
      process.stdout.write(`person ${(p.value as { person: { id: string } }).person.id}\n`);
      const d = await router.call('drafts.save', { formKey: 'intake', content: { n, pid: process.pid } });
      if (!d.ok) throw new Error(d.error.message);
      process.stdout.write(`draft ${n}\n`);
    } else if (mode === 'backup') {
      const r = await router.call('backups.start', { folder: folder! });
      if (!r.ok) throw new Error(r.error.message);
      await tasksOf(backend).idle();
      const job = tasksOf(backend).current()!;
      process.stdout.write(job.ok ? `backup ${job.backup!.file}\n` : `backup-failed ${job.message}\n`);
    } else if (mode === 'rekey') {
      const prep = await router.call('keys.prepareRotation', {});
      if (!prep.ok) throw new Error(prep.error.message);
      const recoveryKey = (prep.value as { recoveryKey: string }).recoveryKey;
      // Shown (written down) before anything changes.
      process.stdout.write(`recovery ${recoveryKey}\n`);
      const r = await router.call('keys.rotate', { recoveryKey, password: ADMIN_LOGIN.password });
      if (!r.ok) throw new Error(r.error.message);
      await tasksOf(backend).idle();
      const job = tasksOf(backend).current()!;
      process.stdout.write(job.ok ? `rotated\n` : `rotate-failed ${job.message}\n`);
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
