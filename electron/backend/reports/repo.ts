import { randomUUID } from 'node:crypto';
import { type ExportRecord, SUPPRESSION_LIMITS } from '../../../shared/contract/reports';
import type { Profile } from '../../../shared/domain/reports/catalogue';
import type { Period } from '../../../shared/domain/reports/periods';
import type { Db } from '../db/open';
import { staffNames } from '../intake/repo';
import { getMeta, setMeta } from '../system/settings';

/** The suppression threshold (in the encrypted database) and the append-only log of exports. */

const KEY = 'reports.settings';

export function suppressionThreshold(db: Db): number {
  const raw = getMeta(db, KEY);
  const stored = raw ? (JSON.parse(raw) as { threshold?: unknown }).threshold : undefined;
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 && stored <= SUPPRESSION_LIMITS.max
    ? stored
    : SUPPRESSION_LIMITS.default;
}

export function setSuppressionThreshold(db: Db, threshold: number): void {
  setMeta(db, KEY, JSON.stringify({ threshold }));
}

interface ExportRow {
  id: string;
  kind: 'package' | 'pdf';
  profile: Profile | null;
  period_from: string;
  period_to: string;
  threshold: number;
  hidden_count: number;
  file_name: string;
  sha256: string;
  byte_size: number;
  audit_anchor: string | null;
  via: 'app' | 'cli';
  created_at: string;
  created_by: string | null;
}

export interface NewExport {
  kind: 'package' | 'pdf';
  profile: Profile | null;
  period: Period;
  threshold: number;
  hiddenCount: number;
  fileName: string;
  sha256: string;
  byteSize: number;
  auditAnchor: string | null;
  via: 'app' | 'cli';
  at: string;
  userId: string;
}

export function recordExport(db: Db, e: NewExport): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO report_exports (id, kind, profile, period_from, period_to, threshold, hidden_count, file_name, sha256, byte_size,
       audit_anchor, via, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    e.kind,
    e.profile,
    e.period.from,
    e.period.to,
    e.threshold,
    e.hiddenCount,
    e.fileName,
    e.sha256,
    e.byteSize,
    e.auditAnchor,
    e.via,
    e.at,
    e.userId,
  );
  return id;
}

/** The latest exports, newest first (`where`: an optional condition with `?` parameters). */
export function listExports(db: Db, where = '', params: unknown[] = [], limit = 200): ExportRecord[] {
  const staff = staffNames(db);
  const condition = where ? `WHERE ${where}` : '';
  const rows = db
    .prepare(`SELECT * FROM report_exports ${condition} ORDER BY created_at DESC, rowid DESC LIMIT ${Math.floor(limit)}`)
    .all(...params) as ExportRow[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    profile: r.profile,
    period: { from: r.period_from, to: r.period_to },
    threshold: r.threshold,
    hiddenCount: r.hidden_count,
    fileName: r.file_name,
    sha256: r.sha256,
    byteSize: r.byte_size,
    auditAnchor: r.audit_anchor,
    via: r.via,
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
  }));
}

export function exportById(db: Db, id: string): ExportRecord {
  return listExports(db, 'id = ?', [id], 1)[0]!;
}
