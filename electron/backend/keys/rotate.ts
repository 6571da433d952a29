import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobState } from '../../../shared/contract/backups';
import type { RotationPreview } from '../../../shared/contract/keys';
import { CLINICAL_ROLES, type Role } from '../../../shared/domain/roles';
import { appendAudit } from '../audit/log';
import type { Backend } from '../backend';
import { pinRecoverySlot } from '../backup/run';
import { everySealedValueOpens, requireKnownSealedColumns, resealClinical } from '../clinical/rekey';
import { newClinicalKey } from '../clinical/seal';
import { openDatabase } from '../db/open';
import { AppError } from '../errors';
import { faultKind } from '../faults';
import { writeFileAtomic } from '../maintenance/files';
import { JobError, startJob } from '../maintenance/jobs';
import { storeCheckOf } from '../maintenance/storeCheck';
import { commitSwap, preparedNames } from '../maintenance/swap';
import { type StepPlan, type TaskHandle, tasksOf } from '../maintenance/tasks';
import { newRecoveryKey, normaliseRecoveryKey } from '../vault/crypto';
import { type Slot, VAULT_VERSION, type VaultFile } from '../vault/file';
import { isVouched, makeRecoverySlot, makeUserSlot, rekeySlot, unlockSlot, userSlotOf, wipe } from '../vault/slots';

/**
 * Key rotation. A new data key (the database re-encrypted with PRAGMA rekey), a new clinical key
 * (every clinical value re-sealed), a new recovery key, and every key slot rewrapped:
 *
 * - the administrator's own slot and the recovery slot are made anew (their secrets are at hand);
 * - every other account keeps its password: the new keys are sealed to its slot's public key (vouched
 *   for with the old clinical key, so a key pair slipped into the key file gets nothing) and taken up
 *   at its next login;
 * - accounts whose slots have no vouched key pair (written before version 2) need a new password.
 *
 * Crash-safe order: everything new is prepared beside the store — a re-encrypted copy
 * (`deflect.db.rotating`, made from a VACUUM INTO snapshot in a worker thread, checked, re-sealed) and
 * the new key file (`deflect.vault.json.rotating`) — while the store stays exactly as it was. Only
 * then the two files are swapped in (maintenance/swap.ts): a crash at any moment leaves a store that
 * opens with the old keys or with the new ones, and the next start finishes or undoes the job and says
 * which. The new recovery key is shown (and typed back) before anything changes, so it is never lost.
 */

export const ROTATE_PLAN: StepPlan = {
  open: { label: 'Checking your password and making the new key slots', weight: 10 },
  copy: { label: 'Copying the database', weight: 15 },
  encrypt: { label: 'Encrypting the copy with the new key', weight: 25 },
  check: { label: 'Checking the re-encrypted copy', weight: 35 },
  reseal: { label: 'Re-sealing clinical notes and screenings with the new clinical key', weight: 8 },
  slots: { label: 'Rewrapping every key slot', weight: 5 },
  switch: { label: 'Switching to the new keys', weight: 2 },
};

const PREPARED_FOR_MS = 15 * 60_000;

interface Pending {
  recoveryKey: string;
  userId: string;
  expires: number;
}
const pending = new WeakMap<Backend, Pending>();

function admin(backend: Backend) {
  const session = backend.session;
  if (!session || session.locked || session.user.role !== 'admin')
    throw new AppError('forbidden', 'Only an administrator can rotate the keys.');
  return session.user;
}

/** Who keeps working after a rotation, and who will need a new password. */
function sortAccounts(backend: Backend, vault: VaultFile, selfId: string, clinicalKey: Buffer) {
  const db = backend.requireDb();
  const users = new Map(
    (
      db.prepare('SELECT id, username, display_name AS displayName, role FROM users').all() as {
        id: string;
        username: string;
        displayName: string;
        role: Role;
      }[]
    ).map((u) => [u.id, u]),
  );
  const keep: { slot: Slot; username: string; displayName: string; role: Role }[] = [];
  const needReset: { username: string; displayName: string }[] = [];
  for (const slot of vault.slots) {
    if (slot.kind !== 'user' || slot.userId === selfId || !slot.userId) continue;
    const u = users.get(slot.userId);
    if (!u) continue;
    if (isVouched(vault, clinicalKey, slot)) keep.push({ slot, username: u.username, displayName: u.displayName, role: u.role });
    else needReset.push({ username: u.username, displayName: u.displayName });
  }
  return { keep, needReset };
}

/**
 * Whether the recovery slot carries a clinical-key wrap. A store set up before the clinical key existed
 * got its clinical key at an administrator's login, when the recovery key was not at hand, so its
 * recovery slot (and every backup's copy of it) opens the database but not clinical notes and
 * screenings; a rotation makes the recovery slot anew with the new clinical key.
 */
export function recoverySlotHoldsClinicalKey(vault: VaultFile): boolean {
  const slot = vault.slots.find((s) => s.kind === 'recovery');
  return slot?.aad === 2 && slot.clinical !== null;
}

/** Step one: the new recovery key, to write down before anything changes. */
export function prepareRotation(backend: Backend): RotationPreview {
  const user = admin(backend);
  const clinicalKey = backend.requireClinicalKey();
  const vault = backend.readVault();
  const { keep, needReset } = sortAccounts(backend, vault, user.id, clinicalKey);
  const recoveryKey = newRecoveryKey();
  const expires = backend.now() + PREPARED_FOR_MS;
  pending.set(backend, { recoveryKey, userId: user.id, expires });
  return {
    recoveryKey,
    keep: keep.map(({ username, displayName }) => ({ username, displayName })),
    needReset,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** Step two: checks that the new recovery key was written down, then starts the rotation job. */
export function startRotation(backend: Backend, input: { recoveryKey: string; password: string }): JobState {
  const user = admin(backend);
  const p = pending.get(backend);
  if (!p || p.userId !== user.id || p.expires < backend.now()) {
    throw new AppError(
      'conflict',
      'Start again: the new recovery key shown earlier is no longer valid (it is valid for 15 minutes).',
    );
  }
  if (normaliseRecoveryKey(input.recoveryKey) !== p.recoveryKey) {
    throw new AppError(
      'invalid_input',
      'This is not the new recovery key shown above. Check what you wrote down, group by group.',
      'recoveryKey',
    );
  }
  // The keys in use now, taken before the job starts: a lock meanwhile makes the backend forget them.
  const keys: Keys = {
    user,
    oldClinical: Buffer.from(backend.requireClinicalKey()),
    oldData: Buffer.from(backend.requireDataKey()),
  };
  return tasksOf(backend).start(
    'rotate',
    ROTATE_PLAN,
    {
      needsStore: true,
      exclusive: 'The keys are being rotated; this takes a minute or two. Nothing was saved — try again when it has finished.',
    },
    (task) => runRotation(backend, input.password, p.recoveryKey, keys, task),
  );
}

interface Keys {
  user: { id: string; username: string };
  oldClinical: Buffer;
  oldData: Buffer;
}

function stopIfCancelled(task: TaskHandle): void {
  if (task.cancelled) throw new JobError(null, true);
}

async function runRotation(
  backend: Backend,
  password: string,
  recoveryKey: string,
  { user, oldClinical, oldData }: Keys,
  task: TaskHandle,
): Promise<Partial<JobState>> {
  const dataDir = backend.dataDir;
  const dbPath = backend.dbPath;
  const names = preparedNames('rotating');
  const copyPath = join(dataDir, names.db);
  const vaultNext = join(dataDir, names.vault);
  const newData = randomBytes(32);
  const newClinical = newClinicalKey();
  let committed = false;
  task.progress('open', 0);
  const vault = backend.readVault();
  const own = userSlotOf(vault, user.id);
  const opened = own ? await unlockSlot(vault, own, password) : null;
  try {
    stopIfCancelled(task);
    if (!opened) throw new AppError('bad_credentials', 'Your password is incorrect. The keys were not rotated.', 'password');
    const db = backend.requireDb();
    requireKnownSealedColumns(db);
    const { keep, needReset } = sortAccounts(backend, vault, user.id, oldClinical);
    const [adminSlot, recoverySlot] = await Promise.all([
      makeUserSlot(
        vault,
        { userId: user.id, username: user.username, password, dataKey: newData, clinicalKey: newClinical, voucher: newClinical },
        backend.options.kdfCost,
      ),
      makeRecoverySlot(vault, recoveryKey, newData, newClinical, backend.options.kdfCost),
    ]);
    task.progress('open', 1);
    stopIfCancelled(task);

    // The re-encrypted copy, made and checked in a worker thread. Any change to the store after the
    // snapshot would be lost by the swap, so the router refuses calls meanwhile and this checks.
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    for (const f of [copyPath, `${copyPath}-wal`, `${copyPath}-shm`, `${copyPath}-journal`, vaultNext])
      rmSync(f, { force: true });
    const dbBytes = statSync(dbPath).size;
    let phase = 'copy';
    let phaseStart = Date.now();
    let copyMs = 1000;
    const job = startJob(
      {
        job: 'rekeyCopy',
        dbPath,
        target: copyPath,
        keyHex: oldData.toString('hex'),
        newKeyHex: newData.toString('hex'),
        nativeBinding: backend.options.nativeBinding,
      },
      (p) => {
        if (p === 'encrypt') copyMs = Date.now() - phaseStart;
        phase = p;
        phaseStart = Date.now();
      },
    );
    task.onCancel(job.cancel);
    const poll = setInterval(() => {
      if (phase === 'copy') {
        try {
          task.progress('copy', statSync(copyPath).size / Math.max(1, dbBytes));
        } catch {
          // not there yet
        }
      } else {
        // Re-keying takes about as long as the copy, the check about three times as long.
        const expected = copyMs * (phase === 'encrypt' ? 1.5 : 3);
        task.progress(phase, Math.min(0.95, (Date.now() - phaseStart) / Math.max(1, expected)));
      }
    }, 200);
    let verified;
    try {
      verified = await job.result;
    } finally {
      clearInterval(poll);
    }
    stopIfCancelled(task);

    // The clinical compartment, in the copy: every value re-sealed, the new key recorded, the new recovery
    // slot pinned for backups, and the rotation in the copy's audit log (the log that lives on).
    task.progress('reseal', 0);
    let resealed = 0;
    const copy = openDatabase(copyPath, newData.toString('hex'), {
      ...(backend.options.nativeBinding ? { nativeBinding: backend.options.nativeBinding } : {}),
    });
    try {
      copy
        .transaction(() => {
          resealed = resealClinical(copy, oldClinical, newClinical);
          pinRecoverySlot(copy, recoverySlot);
          appendAudit(copy, {
            at: backend.nowIso(),
            userId: user.id,
            username: user.username,
            action: 'keys.rotate',
            outcome: 'success',
            detail: { accountsKept: keep.length, accountsNeedingReset: needReset.length, resealed },
          });
        })
        .immediate();
      if (!everySealedValueOpens(copy, newClinical)) {
        throw new AppError(
          'unavailable',
          'The keys were not rotated: a clinical value did not re-seal correctly. Nothing was changed.',
        );
      }
      const counts = copy.prepare('SELECT count(*) FROM persons').pluck().get() as number;
      if (counts !== verified.counts.persons)
        throw new AppError(
          'unavailable',
          'The keys were not rotated: the re-encrypted copy does not match the store. Nothing was changed.',
        );
    } finally {
      copy.close();
    }
    task.progress('reseal', 1);

    // The new key file: the administrator's and the recovery slot made anew, everyone else's rekeyed.
    task.progress('slots', 0);
    const fresh = backend.readVault();
    const kept: Slot[] = [];
    for (const k of keep) {
      const current = fresh.slots.find((s) => s.id === k.slot.id) ?? k.slot;
      const rekeyed = rekeySlot(
        fresh,
        current,
        oldClinical,
        newData,
        CLINICAL_ROLES.includes(k.role) ? newClinical : null,
        newClinical,
      );
      if (rekeyed) kept.push(rekeyed);
    }
    const next: VaultFile = { ...fresh, version: VAULT_VERSION, slots: [adminSlot, recoverySlot, ...kept] };
    writeFileAtomic(vaultNext, JSON.stringify(next, null, 2));
    task.progress('slots', 1);

    // The switch: quick renames, not stopped by a lock from here on.
    task.progress('switch', 0);
    stopIfCancelled(task);
    if ((db.prepare('SELECT total_changes()').pluck().get() as number) !== changesBefore) {
      throw new AppError(
        'unavailable',
        'The store changed while the keys were being rotated, so nothing was switched. Run the rotation again.',
      );
    }
    task.commit();
    const wasUnlocked = backend.session !== null && !backend.session.locked;
    backend.closeStore();
    commitSwap(dataDir, { op: 'rotate', db: names.db, vault: names.vault, aside: null }, new Date(backend.now()));
    committed = true;
    pending.delete(backend);
    storeCheckOf(backend).forget(dbPath);
    if (wasUnlocked && backend.session && !backend.session.locked) {
      backend.openStore(newData);
      backend.setClinicalKey(newClinical);
    }
    return { rotation: { kept: kept.length, needReset: needReset.map((n) => n.username), resealed } };
  } catch (err) {
    if (!committed) {
      for (const f of [copyPath, `${copyPath}-wal`, `${copyPath}-shm`, `${copyPath}-journal`, vaultNext])
        rmSync(f, { force: true });
      if (backend.isOpen()) {
        try {
          backend.audit({
            userId: user.id,
            username: user.username,
            action: 'keys.rotate',
            outcome: 'failure',
            detail: { code: faultKind(err) },
          });
        } catch {
          // the store itself may be the problem
        }
      }
    }
    if (err instanceof JobError && err.cancelled) {
      throw new AppError(
        'unavailable',
        'The key rotation was stopped (the workstation locked or it was cancelled) before it took effect. Nothing was changed; the old keys and recovery key stay valid.',
      );
    }
    if (err instanceof AppError) throw err;
    const kind = faultKind(err);
    throw new AppError(
      'unavailable',
      kind === 'disk_full'
        ? 'The keys were not rotated: the disk is full (a rotation needs room for a second copy of the database). Nothing was changed.'
        : 'The keys were not rotated: the re-encrypted copy could not be made. Nothing was changed; the old keys stay valid.',
    );
  } finally {
    wipe(opened);
    oldClinical.fill(0);
    oldData.fill(0);
    newData.fill(0);
    newClinical.fill(0);
  }
}
