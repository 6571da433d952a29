import type { auditContract } from '../../../shared/contract/audit';
import type { HandlersFor } from '../router';
import { type AuditAnchor, formatAnchor, parseAnchor, verifyWithAnchors } from './anchor';
import { lastGoodBackup, readBackupLog } from '../backup/log';
import { listAudit } from './log';

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
  'audit.verify': (ctx, input) => {
    const anchors: Parameters<typeof verifyWithAnchors>[1] = [];
    const kept = ctx.backend.readVault().auditHead;
    if (kept) anchors.push({ anchor: { seq: kept.seq, hash: kept.hash }, source: 'key file' });
    // Each good backup recorded the head it contains, outside the database.
    const backedUp = lastGoodBackup(readBackupLog(ctx.backend.dataDir))?.anchor;
    if (backedUp) anchors.push({ anchor: { seq: backedUp.seq, hash: backedUp.hash }, source: 'backup log' });
    if (input.anchor) anchors.push({ anchor: parseAnchor(input.anchor) as AuditAnchor, source: 'entered' });
    const result = verifyWithAnchors(ctx.db, anchors);
    return { ...result, head: result.head ? { ...result.head, anchor: formatAnchor(result.head) } : null };
  },
};
