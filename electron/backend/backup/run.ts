import { createHash, randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BackupLogEntry } from '../../../shared/contract/backups';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import { faultKind } from '../faults';
import { fileStamp, fsyncDir } from '../maintenance/files';
import { JobError, runJob, startJob } from '../maintenance/jobs';
import type { StepPlan, TaskHandle } from '../maintenance/tasks';
import { getMeta, setMeta } from '../system/settings';
import type { Slot } from '../vault/file';
import { buildHeader, headBytes } from './format';
import { appendBackupLog } from './log';
import { backupFileName, rotateBackups } from './rotation';
import { getBackupSettings } from './settings';

export const BACKUP_PLAN: StepPlan = {
  copy: { label: 'Copying the database', weight: 25 },
  check: { label: 'Checking the copy', weight: 45 },
  write: { label: 'Writing the backup file', weight: 18 },
  verify: { label: 'Reading the backup back', weight: 12 },
};

/** Inside the data folder: the working copy of a backup in progress (encrypted like the store). */
export const WORK_DIR = 'backup-work';

function mb(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1_000_000))} MB`;
}

export function freeBytes(folder: string): number | null {
  try {
    const s = statfsSync(folder);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Why a folder cannot take a backup, in plain words, or null when it can. */
export function folderProblem(folder: string, needBytes = 0): { message: string; freeBytes: number | null } | null {
  if (!existsSync(folder)) {
    return {
      message: `The backup folder ${folder} cannot be found. If it is on a USB drive or a network share, connect it; otherwise create the folder.`,
      freeBytes: null,
    };
  }
  try {
    if (!statSync(folder).isDirectory()) return { message: `${folder} is a file, not a folder.`, freeBytes: null };
    accessSync(folder, constants.W_OK);
  } catch {
    return {
      message: `Deflect may not write to the backup folder ${folder}. Choose another folder or ask IT for write access.`,
      freeBytes: null,
    };
  }
  const free = freeBytes(folder);
  if (free !== null && needBytes > 0 && free < needBytes) {
    return {
      message: `The backup folder ${folder} has ${mb(free)} free, and a backup needs about ${mb(needBytes)}. Free some space there or choose another folder.`,
      freeBytes: free,
    };
  }
  return null;
}

/** The failure of a step, said for the folder it concerns. */
function stepMessage(step: string, err: unknown, folder: string): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof JobError && err.cancelled) {
    return 'The backup was stopped (cancelled, or the workstation locked) before it finished. No backup file was kept; the store is unaffected.';
  }
  const kind = faultKind(err);
  if (err instanceof JobError && err.code === 'ETRUNC')
    return `The backup folder ${folder} lost part of the file while it was being written. No backup was kept.`;
  if (step === 'write' || step === 'verify') {
    if (kind === 'disk_full')
      return `The backup folder ${folder} ran out of space while the backup was written. No backup was kept; free some space there or choose another folder.`;
    return (
      `The backup folder ${folder} disappeared or could not be written while the backup was being written — was the USB drive removed or the network share disconnected? ` +
      'No backup was kept; the store is unaffected. Reconnect the folder and back up again.'
    );
  }
  if (kind === 'damaged') {
    return 'The database failed its integrity check while it was copied: it is damaged. No backup was kept — restore the last good backup (Backups → Restore).';
  }
  if (kind === 'disk_full')
    return "The data folder's disk is full, so the working copy for the backup could not be made. Free some space and back up again.";
  if (kind === 'unreachable' || kind === 'read_only')
    return 'The data folder could not be read or written while the backup was made. Check the drive and back up again.';
  return 'The backup failed unexpectedly; no backup was kept and the store is unaffected. Try again.';
}

const PIN_KEY = 'backup_recovery_pin';

function slotPin(slot: Slot): string {
  return createHash('sha256')
    .update(JSON.stringify([slot.id, slot.kdf, slot.iv, slot.tag, slot.ct]))
    .digest('hex');
}

/**
 * The store's recovery slot, which every backup carries. Its fingerprint is kept inside the database
 * (recorded at the first backup and at key rotation), so that a key file edited outside Deflect cannot
 * make backups that no recovery key opens without this being noticed.
 */
function recoverySlot(backend: Backend): Slot {
  const vault = backend.readVault();
  const slot = vault.slots.find((s) => s.kind === 'recovery');
  if (!slot)
    throw new AppError(
      'unavailable',
      'This store has no recovery key slot, so its backups could not be restored. Run a key rotation to issue a recovery key.',
    );
  const db = backend.requireDb();
  const pinned = getMeta(db, PIN_KEY);
  const pin = slotPin(slot);
  if (!pinned) setMeta(db, PIN_KEY, pin);
  else if (pinned !== pin) {
    throw new AppError(
      'unavailable',
      'The recovery slot in the key file (deflect.vault.json) is not the one this store issued: the file was changed outside Deflect. No backup was made. Run a key rotation to issue a new recovery key.',
    );
  }
  return slot;
}

/** After key rotation: the new recovery slot becomes the one backups must carry. */
export function pinRecoverySlot(db: Parameters<typeof setMeta>[0], slot: Slot): void {
  setMeta(db, PIN_KEY, slotPin(slot));
}

export interface BackupRun {
  folder: string;
  trigger: BackupLogEntry['trigger'];
}

/**
 * One backup: a consistent encrypted copy (VACUUM INTO, in a worker thread, while the app stays in use),
 * checked (`integrity_check`, record counts), written as one file with the recovery slot and the audit
 * anchor, read back and compared, renamed into place, logged; then old backups are rotated out.
 * Only a backup that passed every check is ever kept under its final name.
 */
export async function runBackup(backend: Backend, run: BackupRun, task: TaskHandle): Promise<BackupLogEntry> {
  const startedAt = backend.nowIso();
  const started = Date.now();
  const folder = resolve(run.folder);
  const dataDir = backend.dataDir;
  const work = join(dataDir, WORK_DIR);
  let step = 'copy';
  let partial: string | null = null;
  let snapshot: string | null = null;
  const entry = (patch: Partial<BackupLogEntry>): BackupLogEntry => ({
    id: randomUUID(),
    trigger: run.trigger,
    startedAt,
    finishedAt: backend.nowIso(),
    ok: false,
    file: null,
    folder,
    bytes: null,
    durationMs: Date.now() - started,
    counts: null,
    anchor: null,
    schemaVersion: null,
    message: null,
    ...patch,
  });
  try {
    const db = backend.requireDb();
    const keyHex = backend.requireDataKey().toString('hex');
    const storeId = backend.readVault().storeId;
    const recovery = recoverySlot(backend);
    const dbBytes = statSync(backend.dbPath).size;
    const problem = folderProblem(folder, dbBytes * 1.1);
    if (problem) throw new AppError('unavailable', problem.message);
    const nativeBinding = backend.options.nativeBinding;

    mkdirSync(work, { recursive: true, mode: 0o700 });
    for (const stale of readdirSync(work)) rmSync(join(work, stale), { force: true, recursive: true });
    snapshot = join(work, `snapshot-${fileStamp(Date.now())}.db`);

    // 1. The consistent copy; progress is the copy's size against the database's.
    const snap = startJob({ job: 'snapshot', dbPath: backend.dbPath, target: snapshot, keyHex, nativeBinding }, (phase) => {
      if (phase === 'check') step = 'check';
    });
    task.onCancel(snap.cancel);
    const copyStarted = Date.now();
    let copyMs = 0;
    const poll = setInterval(() => {
      if (step === 'copy') {
        try {
          task.progress('copy', statSync(snapshot!).size / Math.max(1, dbBytes));
        } catch {
          // not created yet
        }
        copyMs = Date.now() - copyStarted;
      } else {
        // integrity_check reports no progress: estimate from the copy's speed (it takes about three times as long).
        task.progress('check', Math.min(0.95, (Date.now() - copyStarted - copyMs) / Math.max(1, copyMs * 3)));
      }
    }, 200);
    let copied;
    try {
      copied = await snap.result;
    } finally {
      clearInterval(poll);
    }
    if (task.cancelled) throw new JobError(null, true);
    task.progress('check', 1);

    // 2. The backup file: header (with the copy's hash) and the copy, written under a temporary name.
    step = 'write';
    const hashed = await runJob({ job: 'hash', file: snapshot, offset: 0, phase: 'hash' });
    const createdAt = backend.nowIso();
    const vault = backend.readVault();
    const header = buildHeader(
      {
        storeId,
        createdAt,
        schemaVersion: copied.schemaVersion,
        db: { bytes: hashed.bytes, sha256: hashed.sha256 },
        anchor: copied.anchor,
        recovery,
      },
      { vault: { ...vault, pendingAudit: [] }, counts: copied.counts },
      backend.requireDataKey(),
    );
    const name = backupFileName(storeId, new Date(backend.now()));
    const final = join(folder, name);
    partial = join(folder, `.${name}.partial`);
    const pack = startJob(
      { job: 'pack', head: headBytes(header), dbFile: snapshot, target: partial, expectSha256: hashed.sha256 },
      (phase, fraction) => {
        step = phase;
        task.progress(phase, fraction);
      },
    );
    task.onCancel(pack.cancel);
    const packed = await pack.result;
    if (task.cancelled) throw new JobError(null, true);
    step = 'verify';
    renameSync(partial, final);
    partial = null;
    fsyncDir(folder);

    const settings = getBackupSettings(db);
    const done = entry({
      ok: true,
      file: final,
      bytes: packed.bytes,
      counts: copied.counts,
      anchor: copied.anchor,
      schemaVersion: copied.schemaVersion,
      finishedAt: backend.nowIso(),
      durationMs: Date.now() - started,
    });
    appendBackupLog(dataDir, done);
    try {
      rotateBackups(folder, storeId, settings.keepDaily, settings.keepMonthly);
    } catch {
      // Rotation is tidying; a good backup stays good if it cannot run.
    }
    return done;
  } catch (err) {
    const failed = entry({ message: stepMessage(step, err, folder) });
    try {
      appendBackupLog(dataDir, failed);
    } catch {
      // the data folder itself may be the problem
    }
    throw new AppError('unavailable', failed.message!);
  } finally {
    if (partial) rmSync(partial, { force: true });
    if (snapshot) rmSync(snapshot, { force: true });
  }
}

/** For messages: the file name without its folder. */
export function backupName(path: string): string {
  return basename(path);
}
