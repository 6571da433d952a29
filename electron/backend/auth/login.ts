import type { SessionUser } from '../../../shared/contract/users';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../../shared/domain/session';
import { appendAudit } from '../audit/log';
import type { Backend } from '../backend';
import { departmentTimeZone } from '../calendar';
import { adoptClinicalKey } from '../clinical/legacy';
import { hasClinicalCompartment, isStoreClinicalKey, newClinicalKey } from '../clinical/seal';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { getIdleLockMinutes, setIdleLockMinutes } from '../system/idleLock';
import { findUser, toSessionUser } from '../users/repo';
import type { Slot, VaultFile } from '../vault/file';
import {
  burnKdf,
  findUserSlot,
  lookupFor,
  type OpenedSlot,
  putUserSlot,
  resealSlot,
  unlockSlot,
  vouchFor,
  wipe,
} from '../vault/slots';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

/** "Wrong username or password." and, when 1 or 2 attempts remain, how many before the lockout. */
export function wrongCredentialsMessage(attemptsLeft: number): string {
  if (attemptsLeft < 1 || attemptsLeft > 2) return WRONG_CREDENTIALS;
  const attempts = attemptsLeft === 1 ? '1 attempt' : `${attemptsLeft} attempts`;
  return `${WRONG_CREDENTIALS} ${attempts} left before the account locks for ${LOCKOUT_MINUTES} minutes.`;
}

function lockedMessage(until: string): string {
  const time = new Date(until).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  return `Too many failed attempts. This account is locked for ${LOCKOUT_MINUTES} minutes, until ${time}. An administrator can unlock it sooner.`;
}

/** The refusal while an account is locked; `retryAt` lets the window write the time in its own format. */
function lockedOut(until: string): AppError {
  return new AppError('locked_out', lockedMessage(until), undefined, undefined, until);
}

// One login at a time per account (per data folder): parallel attempts wait their turn, so each one
// sees the count the previous one left and no more than MAX_FAILED_LOGINS are ever tried.
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

// Names that have no slot are counted too (in memory), so that the answers do not tell which
// usernames exist: the same "attempts left" and the same lockout as for a real account.
const phantom = new Map<string, { failed: number; lockedUntil: number }>();

export interface LoginResult {
  user: SessionUser;
  resumed: boolean;
  idleLockMinutes: number;
  /** The department's time zone: the window counts "today" there, as the backend does. */
  timeZone: string;
}

/**
 * Log in, or unlock a locked session. Each attempt is counted in the key file *before* the slow key
 * derivation (so a crash or a burst of parallel attempts cannot get past the limit); a lockout
 * survives a restart; the failures reach the audit log at the next successful unlock.
 */
export async function login(backend: Backend, username: string, password: string): Promise<LoginResult> {
  if (!backend.isSetUp()) throw new AppError('setup_required', 'This workstation is not set up yet.');
  const lookup = lookupFor(backend.readVault(), username);
  return oneAtATime(`${backend.dataDir}\u0000${lookup}`, () => attempt(backend, username, password, lookup));
}

async function attempt(backend: Backend, username: string, password: string, lookup: string): Promise<LoginResult> {
  const vault = backend.readVault();
  const slot = findUserSlot(vault, username);
  if (!slot) return unknownUser(backend, `${backend.dataDir}\u0000${lookup}`);
  const userId = slot.userId;
  if (slot.lockedUntil && Date.parse(slot.lockedUntil) > backend.now()) {
    backend.recordPending({ userId, action: 'auth.login', outcome: 'denied', detail: { reason: 'locked_out' } });
    throw lockedOut(slot.lockedUntil);
  }
  countAttempt(backend, slot.id);

  const opened = await unlockSlot(vault, slot, password);
  if (!opened) return failed(backend, slot.id, userId, 'bad_password');
  try {
    return openSession(backend, vault, slot, opened, username);
  } finally {
    wipe(opened);
  }
}

function countAttempt(backend: Backend, slotId: string): void {
  const fresh = backend.readVault();
  const s = fresh.slots.find((x) => x.id === slotId);
  if (!s) return;
  s.failedCount += 1;
  backend.writeVault(fresh);
}

/** The attempt was already counted; lock the account when that was the last one allowed. */
function failed(backend: Backend, slotId: string, userId: string | null, reason: string): never {
  const fresh = backend.readVault();
  const s = fresh.slots.find((x) => x.id === slotId);
  const at = backend.nowIso();
  fresh.pendingAudit.push({ at, userId, username: null, action: 'auth.login', outcome: 'failure', detail: { reason } });
  if (s && s.failedCount >= MAX_FAILED_LOGINS) {
    s.lockedUntil = new Date(backend.now() + LOCKOUT_MINUTES * 60_000).toISOString();
    s.failedCount = 0;
    fresh.pendingAudit.push({
      at,
      userId,
      username: null,
      action: 'auth.lockout',
      outcome: 'success',
      detail: { minutes: LOCKOUT_MINUTES },
    });
    backend.writeVault(fresh);
    throw lockedOut(s.lockedUntil);
  }
  backend.writeVault(fresh);
  throw new AppError('bad_credentials', wrongCredentialsMessage(MAX_FAILED_LOGINS - (s?.failedCount ?? 0)));
}

async function unknownUser(backend: Backend, key: string): Promise<never> {
  const now = backend.now();
  const state = phantom.get(key) ?? { failed: 0, lockedUntil: 0 };
  phantom.set(key, state);
  if (state.lockedUntil > now) throw lockedOut(new Date(state.lockedUntil).toISOString());
  state.failed += 1;
  await burnKdf(backend.options.kdfCost);
  // The name typed is not recorded: it could be a mistyped password.
  backend.recordPending({ userId: null, action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } });
  if (state.failed >= MAX_FAILED_LOGINS) {
    state.failed = 0;
    state.lockedUntil = now + LOCKOUT_MINUTES * 60_000;
    throw lockedOut(new Date(state.lockedUntil).toISOString());
  }
  throw new AppError('bad_credentials', wrongCredentialsMessage(MAX_FAILED_LOGINS - state.failed));
}

/** Refuses a slot that opened but does not belong to the account typed (an edited key file), and audits it. */
function refuseMismatch(backend: Backend, db: Db, keepOpen: boolean, userId: string | null, reason: string): never {
  appendAudit(db, { at: backend.nowIso(), userId, username: null, action: 'auth.login', outcome: 'denied', detail: { reason } });
  if (!keepOpen) backend.closeStore();
  throw new AppError('bad_credentials', WRONG_CREDENTIALS);
}

function openSession(backend: Backend, vault: VaultFile, slot: Slot, opened: OpenedSlot, typed: string): LoginResult {
  const previous = backend.session;
  const keepOpen = previous !== null && !previous.locked;
  const db = backend.openStore(opened.dataKey);
  const row = slot.userId ? findUser(db, slot.userId) : undefined;
  // The slot opened with this password; now it must also be the account that was typed.
  if (!row || row.username.toLowerCase() !== typed.trim().toLowerCase() || lookupFor(vault, row.username) !== slot.lookup) {
    return refuseMismatch(backend, db, keepOpen, slot.userId, 'slot_mismatch');
  }
  // A bound account never goes back to an old-format slot (whose associated data did not name it).
  if (opened.legacy && row.slot_version >= 2) return refuseMismatch(backend, db, keepOpen, row.id, 'slot_downgraded');
  if (row.active !== 1) {
    appendAudit(db, {
      at: backend.nowIso(),
      userId: row.id,
      username: row.username,
      action: 'auth.login',
      outcome: 'denied',
      detail: { reason: 'inactive' },
    });
    if (!keepOpen) backend.closeStore();
    throw new AppError('bad_credentials', 'This account has been deactivated. Ask an administrator.');
  }
  const user = toSessionUser(row);
  const resumed = previous !== null && previous.user.id === user.id;
  const now = backend.nowIso();
  const clinical = clinicalKeyFor(db, user, opened);
  const fresh = backend.readVault();
  const pending = fresh.pendingAudit;
  const current = fresh.slots.find((x) => x.id === slot.id) ?? slot;
  const rewrite = opened.legacy || opened.fromGrant || clinical.changed || (slot.clinical !== null) !== (clinical.key !== null);
  const next = rewrite ? resealSlot(fresh, current, opened, clinical.key, clinical.key) : current;
  if (clinical.key && !rewrite && next.publicKey && !next.publicKeyMac) next.publicKeyMac = vouchFor(fresh, clinical.key, next);
  next.failedCount = 0;
  next.lockedUntil = null;
  putUserSlot(fresh, next);
  fresh.pendingAudit = [];
  const names = new Map<string, string>();
  for (const u of db.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[])
    names.set(u.id, u.username);
  db.transaction(() => {
    for (const p of pending) appendAudit(db, { ...p, username: p.username ?? (p.userId ? (names.get(p.userId) ?? null) : null) });
    if (clinical.created) {
      clinical.sealed = adoptClinicalKey(db, clinical.key!);
      appendAudit(db, {
        at: now,
        userId: user.id,
        username: user.username,
        action: 'clinical.keyCreated',
        outcome: 'success',
        detail: { sealedValues: clinical.sealed },
      });
    }
    if (opened.legacy) {
      appendAudit(db, { at: now, userId: user.id, username: user.username, action: 'auth.slotUpgraded', outcome: 'success' });
    }
    if (previous && !resumed) {
      appendAudit(db, {
        at: now,
        userId: previous.user.id,
        username: previous.user.username,
        action: 'auth.logout',
        outcome: 'success',
        detail: { reason: 'other_user_logged_in' },
      });
    }
    db.prepare('UPDATE users SET last_login_at = ?, slot_version = 2 WHERE id = ?').run(now, user.id);
    // Stores from before version 2 kept the idle-lock minutes only in the key file.
    if (getIdleLockMinutes(db) === null) setIdleLockMinutes(db, fresh.public.idleLockMinutes);
    appendAudit(db, {
      at: now,
      userId: user.id,
      username: user.username,
      action: resumed ? 'auth.unlock' : 'auth.login',
      outcome: 'success',
      detail: { clinicalKey: clinical.key !== null },
    });
    backend.writeVault(fresh);
  }).immediate();
  backend.setIdleLockMinutes(getIdleLockMinutes(db)!);
  backend.setClinicalKey(clinical.key);
  clinical.key?.fill(0);
  backend.session = { user, locked: false, lastActivity: backend.now() };
  return { user, resumed, idleLockMinutes: backend.idleLockMinutes(), timeZone: departmentTimeZone(db) };
}

/**
 * The clinical key this login may hold: only for clinical roles, only if it is the store's key.
 * A store without a clinical compartment (set up before version 2) gets one at the first login of an
 * administrator, and every clinical value still in plain text is sealed then.
 */
function clinicalKeyFor(
  db: Db,
  user: SessionUser,
  opened: OpenedSlot,
): { key: Buffer | null; changed: boolean; created: boolean; sealed: number } {
  if (!CLINICAL_ROLES.includes(user.role)) return { key: null, changed: opened.clinicalKey !== null, created: false, sealed: 0 };
  if (!hasClinicalCompartment(db)) {
    if (user.role !== 'admin') return { key: null, changed: false, created: false, sealed: 0 };
    // Sealed (adoptClinicalKey) in the login's transaction, together with writing the key into the slot.
    return { key: newClinicalKey(), changed: true, created: true, sealed: 0 };
  }
  if (opened.clinicalKey && isStoreClinicalKey(db, opened.clinicalKey)) {
    return { key: Buffer.from(opened.clinicalKey), changed: false, created: false, sealed: 0 };
  }
  // A stale key (from an old key file) is dropped.
  return { key: null, changed: opened.clinicalKey !== null, created: false, sealed: 0 };
}
