import { appendAudit } from '../audit/log';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import { checkPassword } from '../../../shared/domain/password';
import { findUser } from '../users/repo';
import { isStoreClinicalKey } from '../clinical/seal';
import { makeUserSlot, putRecoverySlot, putUserSlot, resealSlot, unlockSlot, wipe } from '../vault/slots';

/**
 * With the recovery key, an administrator's password is set anew (and any lockout lifted).
 * Only administrators can be recovered this way; they then reset everyone else.
 */
export async function recover(backend: Backend, recoveryKey: string, username: string, newPassword: string): Promise<void> {
  if (!backend.isSetUp()) throw new AppError('setup_required', 'This workstation is not set up yet.');
  if (backend.session && !backend.session.locked) throw new AppError('conflict', 'Log out before using the recovery key.');
  const vault = backend.readVault();
  const slot = vault.slots.find((s) => s.kind === 'recovery');
  const opened = slot ? await unlockSlot(vault, slot, recoveryKey) : null;
  if (!slot || !opened) {
    backend.recordPending({
      userId: null,
      action: 'auth.recover',
      outcome: 'failure',
      detail: { reason: 'bad_recovery_key' },
    });
    throw new AppError('bad_credentials', 'That recovery key is not right. Check each group of four characters.', 'recoveryKey');
  }
  const dataKey = opened.dataKey;
  try {
    const db = backend.openStore(dataKey);
    const row = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string | undefined;
    const user = row ? findUser(db, row) : undefined;
    if (!user || user.role !== 'admin') {
      throw new AppError('not_found', 'There is no administrator with this username.', 'username');
    }
    const problem = checkPassword(newPassword, [username, vault.public.departmentName]);
    if (problem) throw new AppError('invalid_input', problem.message, 'newPassword');
    // The recovery slot of a store set up before version 2 does not hold the clinical key (see README).
    const clinicalKey = opened.clinicalKey && isStoreClinicalKey(db, opened.clinicalKey) ? opened.clinicalKey : null;
    const newSlot = await makeUserSlot(
      vault,
      { userId: user.id, username: user.username, password: newPassword, dataKey, clinicalKey, voucher: clinicalKey },
      backend.options.kdfCost,
    );
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
      db.prepare('UPDATE users SET slot_version = 2 WHERE id = ?').run(user.id);
      const fresh = backend.readVault();
      putUserSlot(fresh, newSlot);
      if (opened.legacy) putRecoverySlot(fresh, resealSlot(fresh, slot, opened, null, null));
      backend.writeVault(fresh);
    }).immediate();
  } finally {
    wipe(opened);
    // Recovery does not log anyone in.
    backend.closeStore();
  }
}
