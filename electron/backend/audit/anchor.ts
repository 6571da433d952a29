import { ANCHOR_SOURCE_LABELS, type AnchorCheck } from '../../../shared/contract/audit';
import type { Db } from '../db/open';
import { type ChainCheck, verifyAudit } from './log';

/**
 * Anchors: the audit log's head (sequence number and hash) kept outside the database — printed or
 * written down from the audit screen, in every export and backup, and in the key file each time the
 * store is closed. The chain proves that nothing before an anchor was changed; an anchor proves that
 * the log still reaches it. Without anchors, someone holding the data key can delete the last entries
 * or rewrite the log from an edit onwards and recompute every hash.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export function formatAnchor(a: AuditAnchor): string {
  return `${a.seq}:${a.hash}`;
}

export const ANCHOR_PATTERN = /^\s*(\d{1,12})\s*:\s*([0-9a-fA-F]{64})\s*$/;

export function parseAnchor(text: string): AuditAnchor | null {
  const m = ANCHOR_PATTERN.exec(text);
  return m ? { seq: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

/** The current head, or null for an empty log. */
export function auditHead(db: Db): (AuditAnchor & { at: string }) | null {
  return (
    (db.prepare('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string; at: string } | undefined) ?? null
  );
}

function anchorStatus(db: Db, anchor: AuditAnchor): AnchorCheck['status'] {
  const hash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(anchor.seq) as string | undefined;
  if (hash === undefined) return 'truncated';
  return hash === anchor.hash ? 'ok' : 'rewritten';
}

const SOURCE = ANCHOR_SOURCE_LABELS;

const PROBLEMS: Record<Exclude<AnchorCheck['status'], 'ok'>, (a: AnchorCheck) => string> = {
  truncated: (a) =>
    `The log ends before entry ${a.seq}, which ${SOURCE[a.source]} records: entries were deleted (or the anchor was mistyped).`,
  rewritten: (a) =>
    `Entry ${a.seq} no longer has the hash that ${SOURCE[a.source]} records: the log was rewritten up to there (or the anchor was mistyped).`,
};

/** The chain check plus each anchor's verdict and one plain sentence for the first problem. */
export function verifyWithAnchors(
  db: Db,
  anchors: { anchor: AuditAnchor; source: AnchorCheck['source'] }[],
): ChainCheck & { anchors: AnchorCheck[]; problem: string | null } {
  const chain = verifyAudit(db);
  const checks: AnchorCheck[] = anchors.map(({ anchor, source }) => ({
    ...anchor,
    source,
    status: anchorStatus(db, anchor),
  }));
  const badAnchor = checks.find((c) => c.status !== 'ok');
  const problem = !chain.ok
    ? `Audit log broken at entry ${chain.firstBadSeq}: an entry was altered, inserted, renumbered or removed.`
    : badAnchor
      ? PROBLEMS[badAnchor.status as Exclude<AnchorCheck['status'], 'ok'>](badAnchor)
      : null;
  return { ...chain, ok: chain.ok && !badAnchor, anchors: checks, problem };
}
