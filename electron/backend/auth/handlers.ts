import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ParsedInputOf } from '../../../shared/contract';
import type { authContract } from '../../../shared/contract/auth';
import type { Backend } from '../backend';
import { checkPassword } from '../../../shared/domain/password';
import { DEFAULT_BANNER, IDLE_LOCK_DEFAULT_MINUTES } from '../../../shared/domain/session';
import { appendAudit } from '../audit/log';
import { AppError } from '../errors';
import type { HandlersFor } from '../router';
import { setDepartment } from '../system/settings';
import { requireGoodPassword } from '../users/handlers';
import { findUser, insertUser, toSessionUser } from '../users/repo';
import { newRecoveryKey } from '../vault/crypto';
import { newClinicalKey, recordClinicalKey } from '../clinical/seal';
import { setIdleLockMinutes } from '../system/idleLock';
import { VAULT_VERSION, type VaultFile } from '../vault/file';
import { makeRecoverySlot, makeUserSlot, putUserSlot, unlockSlot, userSlotOf, wipe } from '../vault/slots';
import { login } from './login';
import { recover } from './recover';

/** Guards against a double-clicked Setup button starting two stores in one folder. */
const setupRunning = new Set<string>();

export const authHandlers: HandlersFor<typeof authContract> = {
  'auth.setup': {
    async: async (ctx, input) => {
      const backend = ctx.backend;
      if (backend.isSetUp() || setupRunning.has(backend.dataDir)) {
        throw new AppError('already_setup', 'This workstation is already set up. Log in instead.');
      }
      requireNewStoreAllowed(backend, input.newFolderConfirmed === true);
      const problem = checkPassword(input.admin.password, [input.admin.username, input.department.name]);
      if (problem) throw new AppError('invalid_input', problem.message, 'admin.password');
      ctx.skipAudit();
      setupRunning.add(backend.dataDir);
      try {
        return await createStore(backend, input);
      } finally {
        setupRunning.delete(backend.dataDir);
      }
    },
  },

  'auth.login': { async: (ctx, input) => login(ctx.backend, input.username, input.password) },

  'auth.logout': (ctx) => {
    ctx.backend.logout();
    return {};
  },

  // Not a plain (transactional) handler: locking closes the database, which cannot happen inside
  // a transaction. Backend.lock writes its own audit entry before it closes the store.
  'auth.lock': {
    async: async (ctx, input) => {
      ctx.skipAudit();
      ctx.backend.lock(input.reason);
      return {};
    },
  },

  'auth.heartbeat': () => ({}),

  'auth.changePassword': {
    async: async (ctx, input) => {
      const backend = ctx.backend;
      const user = ctx.user;
      const vault = backend.readVault();
      const slot = userSlotOf(vault, user.id);
      const opened = slot ? await unlockSlot(vault, slot, input.currentPassword) : null;
      if (!slot || !opened) throw new AppError('bad_credentials', 'Your current password is incorrect.', 'currentPassword');
      let newSlot;
      try {
        if (input.newPassword === input.currentPassword) {
          throw new AppError('invalid_input', 'Choose a password different from the current one.', 'newPassword');
        }
        requireGoodPassword(ctx, input.newPassword, user.username, 'newPassword');
        // The same key pair (so grants and its voucher stay valid) and the session's clinical key, under the new password.
        const clinicalKey = backend.hasClinicalKey() ? backend.requireClinicalKey() : null;
        newSlot = await makeUserSlot(
          vault,
          {
            userId: user.id,
            username: user.username,
            password: input.newPassword,
            dataKey: opened.dataKey,
            clinicalKey,
            voucher: clinicalKey,
            ...(opened.keyPair ? { keyPair: opened.keyPair } : {}),
          },
          backend.options.kdfCost,
        );
        if (!clinicalKey && opened.keyPair && slot.publicKeyMac) newSlot.publicKeyMac = slot.publicKeyMac;
      } finally {
        wipe(opened);
      }
      ctx.audit.targetType = 'user';
      ctx.audit.targetId = user.id;
      return ctx.tx(() => {
        ctx.db.prepare('UPDATE users SET must_change_password = 0, updated_at = ? WHERE id = ?').run(backend.nowIso(), user.id);
        const fresh = backend.readVault();
        putUserSlot(fresh, newSlot);
        backend.writeVault(fresh);
        const updated = toSessionUser(findUser(ctx.db, user.id)!);
        if (backend.session) backend.session.user = updated;
        return { user: updated };
      });
    },
  },

  'auth.recover': {
    async: async (ctx, input) => {
      await recover(ctx.backend, input.recoveryKey, input.username, input.newPassword);
      ctx.skipAudit();
      return {};
    },
  },
};

/**
 * A new store only where one belongs: never in a folder that cannot be reached or that held a store which is
 * gone (that would split the unit's records), and in a folder named at start only once the user confirmed it.
 */
function requireNewStoreAllowed(backend: Backend, confirmed: boolean): void {
  const folder = backend.dataFolder();
  if (folder.state === 'ready') throw new AppError('already_setup', 'This workstation is already set up. Log in instead.');
  if (folder.state === 'unreachable' || folder.state === 'store_missing')
    throw new AppError(
      folder.state === 'unreachable' ? 'unavailable' : 'conflict',
      `${folder.problem ?? ''} Nothing was changed.`.trim(),
    );
  if (folder.state === 'confirm_new' && !confirmed)
    throw new AppError(
      'conflict',
      `Confirm first that a new, empty store is to be set up in ${folder.path}; nothing was changed.`,
    );
}

/** Writes the database first and the key file last: until the key file exists the folder does not count as set up. */
async function createStore(backend: Backend, input: ParsedInputOf<'auth.setup'>): Promise<{ recoveryKey: string }> {
  backend.ensureDataDir();
  const dataKey = randomBytes(32);
  const recoveryKey = newRecoveryKey();
  const base = { storeId: randomUUID(), lookupSalt: randomBytes(16).toString('base64') };
  const clinicalKey = newClinicalKey();
  const adminId = randomUUID();
  const [adminSlot, recoverySlot] = await Promise.all([
    makeUserSlot(
      base,
      {
        userId: adminId,
        username: input.admin.username,
        password: input.admin.password,
        dataKey,
        clinicalKey,
        voucher: clinicalKey,
      },
      backend.options.kdfCost,
    ),
    makeRecoverySlot(base, recoveryKey, dataKey, clinicalKey, backend.options.kdfCost),
  ]);
  if (backend.isSetUp()) throw new AppError('already_setup', 'This workstation is already set up. Log in instead.');
  const vault: VaultFile = {
    format: 'deflect-vault',
    version: VAULT_VERSION,
    ...base,
    public: {
      departmentName: input.department.name,
      banner: DEFAULT_BANNER,
      idleLockMinutes: IDLE_LOCK_DEFAULT_MINUTES,
      demo: false,
    },
    slots: [adminSlot, recoverySlot],
    pendingAudit: [],
    auditHead: null,
  };
  try {
    const db = backend.openStore(dataKey, true);
    db.transaction(() => {
      const now = backend.nowIso();
      setDepartment(db, input.department);
      setIdleLockMinutes(db, IDLE_LOCK_DEFAULT_MINUTES);
      recordClinicalKey(db, clinicalKey);
      insertUser(db, { ...input.admin, role: 'admin', mustChangePassword: false }, now, adminId);
      db.prepare('UPDATE users SET slot_version = 2 WHERE id = ?').run(adminId);
      appendAudit(db, { at: now, userId: adminId, username: input.admin.username, action: 'auth.setup', outcome: 'success' });
    }).immediate();
    backend.closeStore();
    // The key file is written last: until it exists the folder does not count as set up.
    backend.writeVault(vault);
    backend.rememberStoreFolder();
  } catch (err) {
    backend.closeStore();
    if (!backend.isSetUp()) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(backend.dbPath + suffix, { force: true });
    }
    throw err;
  } finally {
    dataKey.fill(0);
    clinicalKey.fill(0);
  }
  return { recoveryKey };
}
