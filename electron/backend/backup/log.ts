import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BackupLogEntry, backupLogEntrySchema } from '../../../shared/contract/backups';
import { writeFileAtomic } from '../maintenance/files';

/**
 * The backup log: one JSON line per backup, in the data folder, outside the database — so that it
 * survives the database and carries, for each good backup, the audit log's anchor (sequence and hash)
 * that the backup contains. Holds no names or records: times, files, sizes, counts.
 */
export const BACKUP_LOG_FILE = 'deflect.backups.log';
const MAX_ENTRIES = 1000;

export function logPath(dataDir: string): string {
  return join(dataDir, BACKUP_LOG_FILE);
}

/** Every readable entry, oldest first (a line torn by a crash is skipped). */
export function readBackupLog(dataDir: string): BackupLogEntry[] {
  const path = logPath(dataDir);
  if (!existsSync(path)) return [];
  const out: BackupLogEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = backupLogEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // a torn last line
    }
  }
  return out;
}

export function appendBackupLog(dataDir: string, entry: BackupLogEntry): void {
  const path = logPath(dataDir);
  const entries = readBackupLog(dataDir);
  if (entries.length >= MAX_ENTRIES) {
    const kept = [...entries.slice(-(MAX_ENTRIES / 2)), entry];
    writeFileAtomic(path, kept.map((e) => JSON.stringify(e)).join('\n') + '\n');
    return;
  }
  // A torn last line (a crash mid-append) must not swallow this entry.
  const needsNewline = existsSync(path) && !readFileSync(path, 'utf8').endsWith('\n') && readFileSync(path).length > 0;
  appendFileSync(path, (needsNewline ? '\n' : '') + JSON.stringify(entry) + '\n', { mode: 0o600 });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function lastGoodBackup(entries: readonly BackupLogEntry[]): BackupLogEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.ok) return entries[i]!;
  return null;
}
