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

function entryHash(prev: string, e: Omit<AuditEntry, 'seq'>): string {
  const canonical = JSON.stringify([e.at, e.userId, e.username, e.action, e.outcome, e.targetType, e.targetId, e.detail]);
  return createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
}

function sortedDetail(detail: AuditDetail | undefined): AuditDetail {
  const out: AuditDetail = {};
  for (const key of Object.keys(detail ?? {}).sort()) out[key] = detail![key]!;
  return out;
}

/** Appends one entry to the hash chain. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): void {
  const prev =
    (db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  const entry = {
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
    `INSERT INTO audit_log (at, user_id, username, action, outcome, target_type, target_id, detail, prev_hash, hash)
     VALUES (@at, @userId, @username, @action, @outcome, @targetType, @targetId, @detail, @prev, @hash)`,
  ).run({ ...entry, detail: JSON.stringify(entry.detail), prev, hash: entryHash(prev, entry) });
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

/** Walks the whole chain. An edited, inserted or deleted entry shows as the first bad sequence number. */
export function verifyAudit(db: Db): { ok: boolean; checked: number; firstBadSeq: number | null } {
  let prev = GENESIS;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const entry = toEntry(row);
    if (row.prev_hash !== prev || entryHash(prev, entry) !== row.hash) {
      return { ok: false, checked, firstBadSeq: row.seq };
    }
    prev = row.hash;
    checked++;
  }
  return { ok: true, checked, firstBadSeq: null };
}
