import type { auditContract } from '../../../shared/contract/audit';
import type { HandlersFor } from '../router';
import { listAudit, verifyAudit } from './log';

export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.verify': (ctx) => verifyAudit(ctx.db),
};
