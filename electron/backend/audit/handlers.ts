import type { auditContract } from '../../../shared/contract/audit';
import type { HandlersFor } from '../router';
import { listAudit, verifyAudit } from './log';

/** Detail keys whose values are staff ids. */
const STAFF_ID_KEYS = ['assigneeId'];

export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit.list': (ctx, input) => {
    const page = listAudit(ctx.db, input);
    const ids = new Set<string>();
    for (const e of page.entries) {
      if (e.targetType === 'user' && e.targetId) ids.add(e.targetId);
      if (e.userId) ids.add(e.userId);
      for (const key of STAFF_ID_KEYS) if (typeof e.detail[key] === 'string') ids.add(e.detail[key]);
    }
    const rows = ctx.db
      .prepare('SELECT id, username FROM users WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...ids])) as { id: string; username: string }[];
    return { ...page, users: Object.fromEntries(rows.map((r) => [r.id, r.username])) };
  },
  'audit.verify': (ctx) => verifyAudit(ctx.db),
};
