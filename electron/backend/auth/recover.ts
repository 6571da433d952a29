import { appendAudit } from '../audit/log';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import { checkPassword } from '../../../shared/domain/password';
import { findUser } from '../users/repo';
import { makeUserSlot, openSlot, putUserSlot } from '../vault/slots';

/**
 * With the recovery key, an administrator's password is set anew (and any lockout lifted).
 * Only administrators can be recovered this way; they then reset everyone else.
 */
export async function recover(backend: Backend, recoveryKey: string, username: string, newPassword: string): Promise<void> {
  if (!backend.isSetUp()) throw new AppError('setup_required', 'This workstation is not set up yet.');
  if (backend.session && !backend.session.locked) throw new AppError('conflict', 'Log out before using the recovery key.');
  const vault = backend.readVault();
  const slot = vault.slots.find((s) => s.kind === 'recovery');
  const dataKey = slot ? await openSlot(vault, slot, recoveryKey) : null;
  if (!dataKey) {
    backend.recordPending({
      userId: null,
      username: null,
      action: 'auth.recover',
      outcome: 'failure',
      detail: { reason: 'bad_recovery_key' },
    });
    throw new AppError('bad_credentials', 'That recovery key is not right. Check each group of four characters.', 'recoveryKey');
  }
  try {
    const db = backend.openStore(dataKey);
    const row = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string | undefined;
    const user = row ? findUser(db, row) : undefined;
    if (!user || user.role !== 'admin') {
      throw new AppError('not_found', 'There is no administrator with this username.', 'username');
    }
    const problem = checkPassword(newPassword, [username, vault.public.departmentName]);
    if (problem) throw new AppError('invalid_input', problem.message, 'newPassword');
    const newSlot = await makeUserSlot(vault, user.id, user.username, newPassword, dataKey, backend.options.kdfCost);
    db.transaction(() => {
      db.prepare('UPDATE users SET active = 1, must_change_password = 0, updated_at = ? WHERE id = ?').run(
        backend.nowIso(),
        user.id,
      );
      appendAudit(db, {
        at: backend.nowIso(),
        userId: user.id,
        username: user.username,
        action: 'auth.recover',
        outcome: 'success',
        targetType: 'user',
        targetId: user.id,
      });
      const fresh = backend.readVault();
      putUserSlot(fresh, newSlot);
      backend.writeVault(fresh);
    }).immediate();
  } finally {
    dataKey.fill(0);
    // Recovery does not log anyone in.
    backend.closeStore();
  }
}
