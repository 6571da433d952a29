import { randomUUID } from 'node:crypto';
import type { usersContract } from '../../../shared/contract/users';
import { checkPassword } from '../../../shared/domain/password';
import { AppError, Problems } from '../errors';
import type { Ctx, HandlersFor } from '../router';
import { departmentName } from '../system/settings';
import { CLINICAL_ROLES, type Role } from '../../../shared/domain/roles';
import type { Backend } from '../backend';
import { grantClinicalKey, makeUserSlot, putUserSlot, removeUserSlot, revokeClinicalKey, userSlotOf } from '../vault/slots';
import { countActiveAdmins, insertUser, listUsers, requireUser, usernameTaken, userSummary } from './repo';

/** Enforces the password policy, naming the field the window shows it on. */
export function requireGoodPassword(ctx: Ctx, password: string, username: string, field: string): void {
  const problem = checkPassword(password, [username, departmentName(ctx.backend)]);
  if (problem) throw new AppError('invalid_input', problem.message, field);
}

/** A new slot for an account whose password the administrator is setting (creation, reset). */
function slotFor(backend: Backend, userId: string, username: string, role: Role, password: string) {
  // The administrator's session holds the clinical key: it goes into the slot of clinical roles, and
  // vouches for every new slot's public key so that a later promotion can be granted without a reset.
  const clinicalKey = backend.hasClinicalKey() ? backend.requireClinicalKey() : null;
  return makeUserSlot(
    backend.readVault(),
    {
      userId,
      username,
      password,
      dataKey: backend.requireDataKey(),
      clinicalKey: CLINICAL_ROLES.includes(role) ? clinicalKey : null,
      voucher: clinicalKey,
    },
    backend.options.kdfCost,
  );
}

export const usersHandlers: HandlersFor<typeof usersContract> = {
  'users.list': (ctx) => ({ users: listUsers(ctx.db, ctx.backend.readVault(), ctx.backend.now()) }),

  'users.create': {
    async: async (ctx, input) => {
      const problems = new Problems();
      if (usernameTaken(ctx.db, input.username)) problems.add('username', 'This username is already taken.');
      problems.check(() => requireGoodPassword(ctx, input.password, input.username, 'password'));
      problems.throwIfAny();
      const id = randomUUID();
      const slot = await slotFor(ctx.backend, id, input.username, input.role, input.password);
      ctx.audit.targetType = 'user';
      ctx.audit.targetId = id;
      ctx.audit.detail = { role: input.role };
      return ctx.tx(() => {
        if (usernameTaken(ctx.db, input.username)) throw new AppError('conflict', 'This username is already taken.', 'username');
        insertUser(ctx.db, { ...input, mustChangePassword: true }, ctx.backend.nowIso(), id);
        ctx.db.prepare('UPDATE users SET slot_version = 2 WHERE id = ?').run(id);
        const fresh = ctx.backend.readVault();
        putUserSlot(fresh, slot);
        ctx.backend.writeVault(fresh);
        return { user: userSummary(ctx.db, id, fresh, ctx.backend.now()) };
      });
    },
  },

  'users.update': (ctx, input) => {
    const row = requireUser(ctx.db, input.id);
    ctx.audit.targetType = 'user';
    ctx.audit.targetId = row.id;
    if (input.role && input.role !== row.role) {
      if (row.role === 'admin' && row.active === 1 && countActiveAdmins(ctx.db) <= 1) {
        throw new AppError(
          'conflict',
          'This is the last active administrator; make someone else an administrator first.',
          'role',
        );
      }
      ctx.audit.detail = { fromRole: row.role, toRole: input.role };
    }
    ctx.db
      .prepare('UPDATE users SET display_name = ?, role = ?, updated_at = ? WHERE id = ?')
      .run(input.displayName ?? row.display_name, input.role ?? row.role, ctx.backend.nowIso(), row.id);
    if (input.role && input.role !== row.role) {
      const clinicalBefore = CLINICAL_ROLES.includes(row.role);
      const clinicalAfter = CLINICAL_ROLES.includes(input.role);
      const vault = ctx.backend.readVault();
      const slot = userSlotOf(vault, row.id);
      if (slot && clinicalBefore && !clinicalAfter) {
        revokeClinicalKey(slot);
        ctx.backend.writeVault(vault);
        ctx.audit.detail = { ...ctx.audit.detail, clinicalKey: 'removed' };
      } else if (slot && !clinicalBefore && clinicalAfter) {
        const granted = ctx.backend.hasClinicalKey() && grantClinicalKey(vault, slot, ctx.backend.requireClinicalKey());
        if (granted) ctx.backend.writeVault(vault);
        ctx.audit.detail = { ...ctx.audit.detail, clinicalKey: granted ? 'granted' : 'needs_reset' };
      }
      if (ctx.session?.user.id === row.id && clinicalBefore && !clinicalAfter) ctx.backend.setClinicalKey(null);
    }
    if (ctx.session?.user.id === row.id) {
      ctx.session.user = {
        ...ctx.session.user,
        displayName: input.displayName ?? row.display_name,
        role: input.role ?? row.role,
      };
    }
    return { user: userSummary(ctx.db, row.id, ctx.backend.readVault(), ctx.backend.now()) };
  },

  'users.deactivate': (ctx, input) => {
    const row = requireUser(ctx.db, input.id);
    ctx.audit.targetType = 'user';
    ctx.audit.targetId = row.id;
    if (row.id === ctx.user.id) throw new AppError('conflict', 'You cannot deactivate your own account.', 'id');
    if (row.role === 'admin' && row.active === 1 && countActiveAdmins(ctx.db) <= 1) {
      throw new AppError('conflict', 'This is the last active administrator and cannot be deactivated.', 'id');
    }
    ctx.db.prepare('UPDATE users SET active = 0, updated_at = ? WHERE id = ?').run(ctx.backend.nowIso(), row.id);
    // Without a key slot the account can no longer unlock the database at all.
    const vault = ctx.backend.readVault();
    removeUserSlot(vault, row.id);
    ctx.backend.writeVault(vault);
    return { user: userSummary(ctx.db, row.id, vault, ctx.backend.now()) };
  },

  'users.resetPassword': {
    async: async (ctx, input) => {
      const row = requireUser(ctx.db, input.id);
      requireGoodPassword(ctx, input.password, row.username, 'password');
      const slot = await slotFor(ctx.backend, row.id, row.username, row.role, input.password);
      ctx.audit.targetType = 'user';
      ctx.audit.targetId = row.id;
      ctx.audit.detail = { reactivated: row.active === 0 };
      return ctx.tx(() => {
        ctx.db
          .prepare('UPDATE users SET active = 1, must_change_password = 1, slot_version = 2, updated_at = ? WHERE id = ?')
          .run(ctx.backend.nowIso(), row.id);
        const vault = ctx.backend.readVault();
        putUserSlot(vault, slot);
        ctx.backend.writeVault(vault);
        return { user: userSummary(ctx.db, row.id, vault, ctx.backend.now()) };
      });
    },
  },

  'users.unlock': (ctx, input) => {
    const row = requireUser(ctx.db, input.id);
    ctx.audit.targetType = 'user';
    ctx.audit.targetId = row.id;
    const vault = ctx.backend.readVault();
    const slot = vault.slots.find((s) => s.kind === 'user' && s.userId === row.id);
    if (slot) {
      slot.failedCount = 0;
      slot.lockedUntil = null;
      ctx.backend.writeVault(vault);
    }
    return {};
  },
};
