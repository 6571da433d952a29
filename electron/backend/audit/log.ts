import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/contract/audit';
import type { Db } from '../db/open';

export type AuditDetail = Record<string, string | number | boolean | null>;

/** What an audit entry records. Never client names or free text: only staff, codes, ids and counts. */
export interface AuditInput {
  at?: string;
  userId: string | null;
  username: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  targetType?: string | null;
  targetId?: string | null;
  detail?: AuditDetail;
}

const GENESIS = '0'.repeat(64);

/**
 * Version 2 (current) hashes the sequence number too, so an entry cannot be renumbered; version 1 is
 * kept only to verify entries written before it.
 */
function entryHash(prev: string, e: AuditEntry, version: 1 | 2): string {
  const fields = [e.at, e.userId, e.username, e.action, e.outcome, e.targetType, e.targetId, e.detail];
  const canonical = JSON.stringify(version === 2 ? [e.seq, ...fields] : fields);
  return createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
}

function sortedDetail(detail: AuditDetail | undefined): AuditDetail {
  const out: AuditDetail = {};
  for (const key of Object.keys(detail ?? {}).sort()) out[key] = detail![key]!;
  return out;
}

/** Appends one entry to the hash chain. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  // AUTOINCREMENT's counter: entries removed from the end leave a visible gap instead of being reused.
  const counter =
    (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).pluck().get() as number | undefined) ?? 0;
  const prev = last?.hash ?? GENESIS;
  const entry: AuditEntry = {
    seq: Math.max(counter, last?.seq ?? 0) + 1,
    at: input.at ?? new Date().toISOString(),
    userId: input.userId,
    username: input.username,
    action: input.action,
    outcome: input.outcome,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    detail: sortedDetail(input.detail),
  };
  db.prepare(
    `INSERT INTO audit_log (seq, at, user_id, username, action, outcome, target_type, target_id, detail, prev_hash, hash, hash_version)
     VALUES (@seq, @at, @userId, @username, @action, @outcome, @targetType, @targetId, @detail, @prev, @hash, 2)`,
  ).run({ ...entry, detail: JSON.stringify(entry.detail), prev, hash: entryHash(prev, entry, 2) });
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  outcome: AuditEntry['outcome'];
  target_type: string | null;
  target_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
  hash_version: 1 | 2;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    outcome: row.outcome,
    targetType: row.target_type,
    targetId: row.target_id,
    detail: JSON.parse(row.detail) as AuditDetail,
  };
}

export function listAudit(
  db: Db,
  opts: { beforeSeq?: number; limit: number; action?: string },
): { entries: AuditEntry[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: opts.limit };
  if (opts.beforeSeq !== undefined) {
    where.push('seq < @beforeSeq');
    params.beforeSeq = opts.beforeSeq;
  }
  if (opts.action) {
    where.push('action = @action');
    params.action = opts.action;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit`).all(params) as AuditRow[];
  const countParams = { ...params };
  delete countParams.limit;
  const total = db.prepare(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(countParams) as number;
  return { entries: rows.map(toEntry), total };
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  /** The last entry: what an anchor written down now would record. */
  head: { seq: number; hash: string; at: string } | null;
}

/**
 * Walks the whole chain: sequence numbers must run 1, 2, 3… without gaps, each entry must hash to its
 * stored hash over the previous one. An edited, inserted, renumbered or deleted entry shows as the
 * first bad sequence number. Entries removed from the end, or a chain recomputed after an edit, can
 * only be seen against an anchor kept outside the database (audit/anchor.ts).
 */
export function verifyAudit(db: Db): ChainCheck {
  let prev = GENESIS;
  let checked = 0;
  let expected = 1;
  let seenV2 = false;
  let head: ChainCheck['head'] = null;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const entry = toEntry(row);
    const version = row.hash_version === 2 ? 2 : 1;
    if (version === 1 && seenV2) return { ok: false, checked, firstBadSeq: row.seq, head };
    seenV2 ||= version === 2;
    if (row.seq !== expected) return { ok: false, checked, firstBadSeq: expected, head };
    if (row.prev_hash !== prev || entryHash(prev, entry, version) !== row.hash) {
      return { ok: false, checked, firstBadSeq: row.seq, head };
    }
    prev = row.hash;
    head = { seq: row.seq, hash: row.hash, at: row.at };
    checked++;
    expected++;
  }
  return { ok: true, checked, firstBadSeq: null, head };
}
