import type { keysContract } from '../../../shared/contract/keys';
import { tasksOf } from '../maintenance/tasks';
import type { HandlersFor } from '../router';
import { prepareRotation, recoverySlotHoldsClinicalKey, startRotation } from './rotate';

export const keysHandlers: HandlersFor<typeof keysContract> = {
  'keys.status': (ctx) => {
    const row = ctx.db
      .prepare(
        `SELECT at, username FROM audit_log WHERE action = 'keys.rotate' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
      )
      .get() as { at: string; username: string | null } | undefined;
    return {
      lastRotatedAt: row?.at ?? null,
      lastRotatedBy: row?.username ?? null,
      recoveryKeyOpensClinical: recoverySlotHoldsClinicalKey(ctx.backend.readVault()),
    };
  },

  'keys.prepareRotation': (ctx) => prepareRotation(ctx.backend),

  // The rotation writes its own entry into the audit log that lives on (the re-encrypted copy's).
  'keys.rotate': {
    async: async (ctx, input) => {
      ctx.skipAudit();
      return { job: startRotation(ctx.backend, input) };
    },
  },

  'keys.job': (ctx) => ({ job: tasksOf(ctx.backend).current('rotate') }),
};
