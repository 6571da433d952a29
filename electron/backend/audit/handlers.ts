import type { auditContract } from '../../../shared/contract/audit';
import type { HandlersFor } from '../router';
import { type AuditAnchor, formatAnchor, parseAnchor, verifyWithAnchors } from './anchor';
import { lastGoodBackup, readBackupLog } from '../backup/log';
import { listAudit } from './log';

export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input),
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
