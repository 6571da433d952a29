import type { SessionUser } from '../../../shared/contract/users';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../../shared/domain/session';
import { appendAudit } from '../audit/log';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import { findUser, toSessionUser } from '../users/repo';
import { burnKdf, findUserSlot, openSlot } from '../vault/slots';

const BAD_CREDENTIALS = 'Username or password is incorrect.';

function lockedMessage(until: string): string {
  const time = new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Too many failed attempts. This account is locked for ${LOCKOUT_MINUTES} minutes, until ${time}. An administrator can unlock it sooner.`;
}

/**
 * Log in, or unlock a locked session. Failed attempts are counted in the key file, so a
 * lockout survives a restart; they reach the audit log at the next successful unlock.
 */
export async function login(
  backend: Backend,
  username: string,
  password: string,
): Promise<{ user: SessionUser; resumed: boolean; idleLockMinutes: number }> {
  if (!backend.isSetUp()) throw new AppError('setup_required', 'This workstation is not set up yet.');
  const vault = backend.readVault();
  const slot = findUserSlot(vault, username);
  if (!slot) {
    await burnKdf(backend.options.kdfCost);
    // The name typed is not recorded: it could be a mistyped password.
    backend.recordPending({
      userId: null,
      username: null,
      action: 'auth.login',
      outcome: 'failure',
      detail: { reason: 'unknown_user' },
    });
    throw new AppError('bad_credentials', BAD_CREDENTIALS);
  }
  const userId = slot.userId;
  if (slot.lockedUntil && Date.parse(slot.lockedUntil) > backend.now()) {
    backend.recordPending({ userId, username, action: 'auth.login', outcome: 'denied', detail: { reason: 'locked_out' } });
    throw new AppError('locked_out', lockedMessage(slot.lockedUntil));
  }

  const dataKey = await openSlot(vault, slot, password);
  if (!dataKey) {
    const fresh = backend.readVault();
    const s = fresh.slots.find((x) => x.id === slot.id);
    if (s) {
      s.failedCount += 1;
      const lockNow = s.failedCount >= MAX_FAILED_LOGINS;
      if (lockNow) {
        s.lockedUntil = new Date(backend.now() + LOCKOUT_MINUTES * 60_000).toISOString();
        s.failedCount = 0;
      }
      const at = backend.nowIso();
      fresh.pendingAudit.push({
        at,
        userId,
        username,
        action: 'auth.login',
        outcome: 'failure',
        detail: { reason: 'bad_password' },
      });
      if (lockNow)
        fresh.pendingAudit.push({
          at,
          userId,
          username,
          action: 'auth.lockout',
          outcome: 'success',
          detail: { minutes: LOCKOUT_MINUTES },
        });
      backend.writeVault(fresh);
      if (lockNow) throw new AppError('locked_out', lockedMessage(s.lockedUntil!));
    }
    throw new AppError('bad_credentials', BAD_CREDENTIALS);
  }

  const previous = backend.session;
  try {
    const db = backend.openStore(dataKey);
    const row = userId ? findUser(db, userId) : undefined;
    if (!row || row.active !== 1) {
      appendAudit(db, {
        at: backend.nowIso(),
        userId,
        username,
        action: 'auth.login',
        outcome: 'denied',
        detail: { reason: 'inactive' },
      });
      if (!previous || previous.locked) backend.closeStore();
      throw new AppError('bad_credentials', 'This account has been deactivated. Ask an administrator.');
    }
    const user = toSessionUser(row);
    const resumed = previous !== null && previous.user.id === user.id;
    const fresh = backend.readVault();
    const pending = fresh.pendingAudit;
    const s = fresh.slots.find((x) => x.id === slot.id);
    if (s) {
      s.failedCount = 0;
      s.lockedUntil = null;
    }
    fresh.pendingAudit = [];
    const now = backend.nowIso();
    db.transaction(() => {
      for (const p of pending) appendAudit(db, { ...p });
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
      db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(now, user.id);
      appendAudit(db, {
        at: now,
        userId: user.id,
        username: user.username,
        action: resumed ? 'auth.unlock' : 'auth.login',
        outcome: 'success',
      });
      backend.writeVault(fresh);
    }).immediate();
    backend.session = { user, locked: false, lastActivity: backend.now() };
    return { user, resumed, idleLockMinutes: fresh.public.idleLockMinutes };
  } finally {
    dataKey.fill(0);
  }
}
