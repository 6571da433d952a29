import { basename, dirname, join } from 'node:path';
import { BACKUP_STALE_DAYS, type BackupHealth, type JobState } from '../../../shared/contract/backups';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import { logError } from '../log';
import { tasksOf } from '../maintenance/tasks';
import { readHeader } from './format';
import { lastGoodBackup, readBackupLog } from './log';
import { adoptRestored, currentStoreId, RESTORE_PLAN, type RestoreRequest, runRestore } from './restore';
import { BACKUP_PLAN, folderProblem, runBackup } from './run';
import { getBackupSettings, lastScheduledMoment, nextScheduledMoment } from './settings';

/** Starts a backup job (manual, scheduled or from the command line); the job's result is its log entry. */
export function startBackup(backend: Backend, folder: string, trigger: 'manual' | 'scheduled' | 'cli'): JobState {
  const by = backend.session?.user ?? null;
  return tasksOf(backend).start(
    'backup',
    BACKUP_PLAN,
    { needsStore: true },
    async (task) => ({ backup: await runBackup(backend, { folder, trigger }, task) }),
    (state) => {
      if (!backend.isOpen()) return;
      try {
        backend.audit({
          userId: trigger === 'scheduled' ? null : (by?.id ?? null),
          username: trigger === 'scheduled' ? null : (by?.username ?? null),
          action: 'backups.completed',
          outcome: state.ok ? 'success' : 'failure',
          detail: {
            trigger,
            file: state.backup?.file ? basename(state.backup.file) : null,
            auditSeq: state.backup?.anchor?.seq ?? null,
          },
        });
      } catch (err) {
        logError('could not audit a backup', err);
      }
    },
  );
}

function dayText(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
}

/** What the home screen tells administrators: whether the last good backup is recent and the folder reachable. */
export function backupHealth(backend: Backend): BackupHealth {
  const settings = getBackupSettings(backend.requireDb());
  const now = backend.now();
  const lastGood = lastGoodBackup(readBackupLog(backend.dataDir));
  const lastGoodAt = lastGood?.finishedAt ?? null;
  const configured = settings.folder !== '';
  const unreachable = configured ? folderProblem(settings.folder) : null;
  const ageDays = lastGoodAt ? (now - Date.parse(lastGoodAt)) / 86_400_000 : null;
  const since = lastGoodAt
    ? ` The last good backup was made on ${dayText(Date.parse(lastGoodAt))}.`
    : ' No backup has been made yet.';
  let problem: string | null = null;
  if (!configured) problem = 'Backups are not set up: choose a backup folder (a USB drive or a network share).';
  else if (unreachable) problem = unreachable.message + since;
  else if (ageDays === null) problem = 'No backup has been made yet: run one now.';
  else if (ageDays > BACKUP_STALE_DAYS) {
    problem =
      `The last good backup is ${Math.floor(ageDays)} days old (${dayText(Date.parse(lastGoodAt!))}).` +
      (settings.enabled ? ' The backup log says what went wrong.' : ' The daily backup is turned off.');
  }
  return {
    configured,
    enabled: settings.enabled,
    folder: settings.folder,
    reachable: configured && !unreachable,
    lastGoodAt,
    nextAt: configured && settings.enabled ? new Date(nextScheduledMoment(settings.time, now)).toISOString() : null,
    problem,
  };
}

const RETRY_MS = 60 * 60_000;

/**
 * The daily backup, run while the store is open (someone is logged in and the workstation is not
 * locked — the data key exists only then). It is due when there has been no good backup since the
 * last scheduled time; a missed time (the workstation was locked or off) is caught up at the next
 * login, and a failure is retried after an hour.
 */
export function scheduledBackupDue(backend: Backend): string | null {
  // A session idle past its limit is locked here too (the router would lock it at the next call).
  const session = backend.session;
  if (session && !session.locked && backend.now() - session.lastActivity > backend.idleLockMinutes() * 60_000)
    backend.lock('idle');
  if (!backend.isOpen() || tasksOf(backend).busy || backend.damage) return null;
  const settings = getBackupSettings(backend.requireDb());
  if (!settings.enabled || !settings.folder) return null;
  const now = backend.now();
  const due = lastScheduledMoment(settings.time, now);
  const entries = readBackupLog(backend.dataDir);
  const good = lastGoodBackup(entries);
  if (good && Date.parse(good.startedAt) >= due) return null;
  const lastTry = [...entries].reverse().find((e) => e.trigger === 'scheduled');
  if (lastTry && now - Date.parse(lastTry.startedAt) < RETRY_MS) return null;
  return settings.folder;
}

export function watchBackupSchedule(backend: Backend): () => void {
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    try {
      const folder = scheduledBackupDue(backend);
      if (folder) startBackup(backend, folder, 'scheduled');
    } catch (err) {
      logError('scheduled backup check', err);
    }
  };
  const off = backend.onStore((event) => {
    if (timer) clearInterval(timer);
    timer = null;
    if (event === 'open') {
      timer = setInterval(tick, 60_000);
      timer.unref();
      setTimeout(tick, 5_000).unref();
    }
  });
  return () => {
    off();
    if (timer) clearInterval(timer);
  };
}

/** Who may restore, and switch to the restored store, in the state the workstation is in. */
export function startRestore(backend: Backend, req: RestoreRequest): JobState {
  const session = backend.session;
  const admin = session !== null && !session.locked && session.user.role === 'admin';
  if (session && !session.locked && !admin) throw new AppError('forbidden', 'Only an administrator can restore a backup.');
  if (req.useIt && !admin) {
    if (session) {
      throw new AppError(
        'conflict',
        'Someone is still logged in (the workstation is locked). They must log out, or an administrator can restore after logging in.',
      );
    }
    // Before login the recovery key is the authority, for the store it belongs to: a new
    // workstation, a damaged store, or the same store. A healthy store of another kind needs an administrator.
    const current = currentStoreId(backend);
    const healthy = current !== null && !backend.damage;
    if (healthy && !sameStoreAs(req.file, current)) {
      throw new AppError(
        'forbidden',
        'This workstation has a working store that this backup is not from. An administrator must log in to replace it.',
        'file',
      );
    }
  }
  if (backend.dataDir !== backend.primaryDataDir && req.useIt)
    throw new AppError('conflict', 'Leave the demo first: a restored store replaces the real one.');
  if (admin && backend.isOpen()) {
    backend.audit({
      userId: session!.user.id,
      username: session!.user.username,
      action: 'restore.start',
      outcome: 'success',
      detail: { file: basename(req.file), useIt: req.useIt },
    });
  }
  return tasksOf(backend).start('restore', RESTORE_PLAN, { needsStore: false }, async (task) => ({
    restore: await runRestore(backend, req, task),
  }));
}

function sameStoreAs(file: string, storeId: string): boolean {
  try {
    return readHeader(file).header.storeId === storeId;
  } catch {
    return false;
  }
}

/** A folder beside the data folder for a restore: `<data folder>-restored-<date>`. */
export function suggestedRestoreDir(backend: Backend): string {
  const d = new Date(backend.now());
  const p = (n: number) => String(n).padStart(2, '0');
  const base = backend.primaryDataDir.replace(/[\\/]+$/, '');
  return join(
    dirname(base),
    `${basename(base)}-restored-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`,
  );
}

export { adoptRestored };
