import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_EXT } from './format';

export interface BackupFile {
  name: string;
  /** When it was taken (from its name, local time). */
  time: Date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `deflect-1a2b3c4d-20261128-020000.deflectbackup`: the store's id prefix, then local date and time. */
export function backupFileName(storeId: string, at: Date): string {
  const d = at;
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `deflect-${storeId.slice(0, 8)}-${stamp}${BACKUP_EXT}`;
}

function pattern(storeId: string): RegExp {
  return new RegExp(`^deflect-${storeId.slice(0, 8)}-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})\\${BACKUP_EXT}$`);
}

/** This store's backups in `folder` (another store's backups in the same folder are left alone). */
export function listBackups(folder: string, storeId: string): BackupFile[] {
  const re = pattern(storeId);
  const out: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const m = re.exec(name);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    out.push({ name, time: new Date(y, mo - 1, d, h, mi, s) });
  }
  return out.sort((a, b) => b.time.getTime() - a.time.getTime());
}

/**
 * Which backups to keep: the newest of each of the last `keepDaily` days that have one, and the
 * newest of each of the last `keepMonthly` months that have one (the same rule as restic's and
 * borg's keep-daily / keep-monthly). The newest backup is always kept.
 */
export function backupsToKeep(files: readonly BackupFile[], keepDaily: number, keepMonthly: number): Set<string> {
  const sorted = [...files].sort((a, b) => b.time.getTime() - a.time.getTime());
  const keep = new Set<string>();
  const rule = (count: number, bucket: (d: Date) => string) => {
    const seen = new Set<string>();
    for (const f of sorted) {
      const key = bucket(f.time);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(f.name);
    }
  };
  rule(Math.max(1, keepDaily), (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`);
  rule(keepMonthly, (d) => `${d.getFullYear()}-${d.getMonth()}`);
  return keep;
}

/** Deletes this store's backups that the rule does not keep, and half-written ones from interrupted runs. Returns the names removed. */
export function rotateBackups(folder: string, storeId: string, keepDaily: number, keepMonthly: number): string[] {
  const files = listBackups(folder, storeId);
  const keep = backupsToKeep(files, keepDaily, keepMonthly);
  const removed: string[] = [];
  for (const f of files) {
    if (keep.has(f.name)) continue;
    rmSync(join(folder, f.name), { force: true });
    removed.push(f.name);
  }
  const partial = new RegExp(`^\\.deflect-${storeId.slice(0, 8)}-.*\\.partial$`);
  for (const name of readdirSync(folder)) {
    if (!partial.test(name)) continue;
    try {
      if (Date.now() - statSync(join(folder, name)).mtimeMs > 60_000) rmSync(join(folder, name), { force: true });
    } catch {
      // gone already
    }
  }
  return removed;
}
