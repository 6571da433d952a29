import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RestoreResult } from '../../../shared/contract/backups';
import type { Backend } from '../backend';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { AppError } from '../errors';
import { faultKind } from '../faults';
import { fileStamp, fsyncDir, fsyncFile } from '../maintenance/files';
import { JobError, startJob } from '../maintenance/jobs';
import { commitSwap, preparedNames } from '../maintenance/swap';
import type { StepPlan, TaskHandle } from '../maintenance/tasks';
import { DB_FILE, readVault, VAULT_FILE, type VaultFile, vaultExists, writeVault } from '../vault/file';
import { openSlot } from '../vault/slots';
import { openPayload, readHeader } from './format';
import { BACKUP_LOG_FILE } from './log';

export const RESTORE_PLAN: StepPlan = {
  open: { label: 'Opening the backup', weight: 6 },
  copy: { label: 'Copying the database out of the backup', weight: 30 },
  check: { label: 'Checking the restored database', weight: 54 },
  finish: { label: 'Finishing', weight: 10 },
};

export interface RestoreRequest {
  file: string;
  recoveryKey: string;
  targetDir: string;
  useIt: boolean;
}

/** Whether `dir` holds (part of) a store: a database or a key file. */
function holdsStore(dir: string): boolean {
  return existsSync(join(dir, DB_FILE)) || existsSync(join(dir, VAULT_FILE));
}

/** The restore target: a new folder, or an existing one with no store in it. Created (its last level only). */
function prepareTarget(target: string): void {
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new AppError('invalid_input', `${target} is a file, not a folder.`, 'targetDir');
    if (holdsStore(target)) {
      throw new AppError(
        'conflict',
        `${target} already holds a Deflect store, and a restore never overwrites one. Choose a new folder.`,
        'targetDir',
      );
    }
    return;
  }
  if (!existsSync(dirname(target))) {
    throw new AppError(
      'invalid_input',
      `The folder ${dirname(target)} does not exist, so ${basename(target)} cannot be made in it.`,
      'targetDir',
    );
  }
  mkdirSync(target, { mode: 0o700 });
}

/**
 * Restores a backup into a new data folder, checking on the way that the file is a Deflect backup,
 * that the recovery key opens it, that it is unaltered, that its schema is one this version knows,
 * and that the database comes out whole (`integrity_check`) with the record counts it was backed up
 * with. The store in use is never written to; `useIt` then switches the workstation over with the
 * crash-safe swap, keeping the previous store's files in a `replaced-…` folder.
 */
export async function runRestore(backend: Backend, req: RestoreRequest, task: TaskHandle): Promise<RestoreResult> {
  task.progress('open', 0);
  const file = resolve(req.file);
  const target = resolve(req.targetDir);
  const { header, dbOffset } = readHeader(file);
  if (dbOffset + header.db.bytes !== statSync(file).size) {
    throw new AppError(
      'invalid_input',
      'This backup file is incomplete or has extra data at its end (it may have been cut short while copying). Use another backup.',
      'file',
    );
  }
  const dataKey = await openSlot({ storeId: header.storeId } as VaultFile, header.recovery, req.recoveryKey);
  if (!dataKey) {
    throw new AppError(
      'bad_credentials',
      'This recovery key does not open this backup. A backup opens with the recovery key that was current when it was made — for a backup from before a key rotation, the previous recovery key.',
      'recoveryKey',
    );
  }
  try {
    const payload = openPayload(header, dataKey);
    if (!payload) {
      throw new AppError(
        'invalid_input',
        'This backup file was altered after it was written (its header does not match its seal). Use another backup.',
        'file',
      );
    }
    if (header.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'invalid_input',
        `This backup was made by a newer version of Deflect (database version ${header.schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the newer version to restore it.`,
        'file',
      );
    }
    // A folder with a store in it (the one in use included) is refused here.
    prepareTarget(target);
    const partial = join(target, `${DB_FILE}.restoring`);
    rmSync(partial, { force: true });
    task.progress('open', 1);

    // The database part, copied out and checked in a worker thread.
    let step = 'copy';
    const unpack = startJob(
      {
        job: 'unpack',
        file,
        offset: dbOffset,
        length: header.db.bytes,
        sha256: header.db.sha256,
        target: partial,
        keyHex: dataKey.toString('hex'),
        nativeBinding: backend.options.nativeBinding,
      },
      (phase, fraction) => {
        step = phase;
        task.progress(phase, fraction);
      },
    );
    task.onCancel(unpack.cancel);
    const started = Date.now();
    const poll = setInterval(() => {
      if (step === 'check')
        task.progress('check', Math.min(0.95, (Date.now() - started) / Math.max(2000, header.db.bytes / 30_000)));
    }, 250);
    let verified;
    try {
      verified = await unpack.result;
    } catch (err) {
      rmSync(partial, { force: true });
      throw restoreFailure(err, target);
    } finally {
      clearInterval(poll);
    }
    const sameCounts = Object.entries(payload.counts).every(([t, n]) => verified.counts[t] === n);
    if (!sameCounts || verified.schemaVersion !== header.schemaVersion) {
      rmSync(partial, { force: true });
      throw new AppError(
        'invalid_input',
        'The restored database does not hold the records the backup recorded; it was not kept. Use another backup.',
        'file',
      );
    }

    task.progress('finish', 0);
    // The database first, the key file last: until the key file is there the folder holds no store.
    chmodSync(partial, 0o600);
    renameSync(partial, join(target, DB_FILE));
    fsyncDir(target);
    const vault: VaultFile = {
      ...payload.vault,
      slots: payload.vault.slots.map((s) => ({ ...s, failedCount: 0, lockedUntil: null })),
      pendingAudit: [
        ...payload.vault.pendingAudit,
        {
          at: backend.nowIso(),
          userId: backend.session && !backend.session.locked ? backend.session.user.id : null,
          username: null,
          action: 'restore.completed',
          outcome: 'success',
          detail: { backupCreatedAt: header.createdAt, file: basename(file), auditSeq: header.anchor?.seq ?? null },
        },
      ],
    };
    writeVault(target, vault);

    const sameStore = currentStoreId(backend) === header.storeId;
    let replacedDir: string | null = null;
    if (req.useIt) {
      replacedDir = adoptRestored(backend, target);
      backend.notice =
        `The backup made ${new Date(header.createdAt).toLocaleString('en-US')} has been restored and is now in use. ` +
        'Log in with the passwords as they were then.' +
        (replacedDir ? ` The store used before is kept, untouched, in ${replacedDir}.` : '');
    } else if (target === resolve(backend.primaryDataDir)) {
      backend.notice = `The backup made ${new Date(header.createdAt).toLocaleString('en-US')} has been restored. Log in with the passwords as they were then.`;
    }
    task.progress('finish', 1);
    return {
      targetDir: target,
      createdAt: header.createdAt,
      schemaVersion: header.schemaVersion,
      counts: verified.counts,
      anchor: header.anchor,
      sameStore,
      switched: req.useIt,
      replacedDir,
    };
  } finally {
    dataKey.fill(0);
  }
}

function restoreFailure(err: unknown, target: string): AppError {
  if (err instanceof JobError && err.cancelled)
    return new AppError('unavailable', 'The restore was stopped before it finished; nothing was kept.');
  if (err instanceof JobError && err.code === 'EBADBACKUP') {
    return new AppError(
      'invalid_input',
      'The database inside this backup does not match its checksum: the file is damaged. Use another backup.',
      'file',
    );
  }
  const kind = faultKind(err);
  if (kind === 'damaged')
    return new AppError(
      'invalid_input',
      'The database inside this backup fails its integrity check: the backup is damaged. Use another backup.',
      'file',
    );
  if (kind === 'disk_full')
    return new AppError('unavailable', `There is not enough free space in ${target} for the restored store.`, 'targetDir');
  return new AppError(
    'unavailable',
    `The restore could not read the backup or write into ${target}. Check that both are reachable and try again.`,
  );
}

/** The store id of the store in use, or null when there is none or its key file cannot be read. */
export function currentStoreId(backend: Backend): string | null {
  try {
    return vaultExists(backend.dataDir) ? readVault(backend.dataDir).storeId : null;
  } catch {
    return null;
  }
}

/**
 * Switches the workstation to a restored store: its files are copied in beside the current ones and
 * swapped in (maintenance/swap.ts), the current files kept in `replaced-<time>/`. Any session ends.
 * Returns that folder, or null when there was no store to keep.
 */
export function adoptRestored(backend: Backend, restoredDir: string): string | null {
  const dataDir = backend.dataDir;
  if (dataDir !== backend.primaryDataDir)
    throw new AppError('conflict', 'Leave the demo first: a restored store replaces the real one.');
  if (resolve(restoredDir) === resolve(dataDir)) return null;
  if (backend.session) backend.logout('restore.switch');
  backend.closeStore();
  const names = preparedNames('restoring');
  for (const [from, to] of [
    [DB_FILE, names.db],
    [VAULT_FILE, names.vault],
  ] as const) {
    copyFileSync(join(restoredDir, from), join(dataDir, to));
    chmodSync(join(dataDir, to), 0o600);
    fsyncFile(join(dataDir, to));
  }
  const hadStore = holdsStore(dataDir);
  const aside = hadStore ? `replaced-${fileStamp(backend.now())}` : null;
  commitSwap(dataDir, { op: 'restore', db: names.db, vault: names.vault, aside }, new Date(backend.now()));
  backend.damage = null;
  // The backup log's anchors belong to the replaced store's history; the restored store starts its own.
  const log = join(dataDir, BACKUP_LOG_FILE);
  if (existsSync(log)) {
    if (aside) renameSync(log, join(dataDir, aside, BACKUP_LOG_FILE));
    else rmSync(log, { force: true });
  }
  return aside ? join(dataDir, aside) : null;
}
