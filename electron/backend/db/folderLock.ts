import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors';

export const LOCK_FILE = 'deflect.lock';
/** Who holds the lock: for the message the second program shows. Informational only; the lock is the OS's. */
export const LOCK_INFO_FILE = 'deflect.lock.json';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function describeHolder(dir: string): string {
  try {
    const h = JSON.parse(readFileSync(join(dir, LOCK_INFO_FILE), 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string' || typeof h.since !== 'string') return '';
    const since = new Date(h.since);
    const time = Number.isNaN(since.getTime()) ? '' : `, since ${since.toLocaleString()}`;
    return ` (process ${h.pid} on ${h.host}${time})`;
  } catch {
    return '';
  }
}

export function folderInUseMessage(dir: string): string {
  return (
    `Deflect is already open on this data folder in another window or program — the app, the command line ` +
    `or a scheduled task${describeHolder(dir)}. Only one may use a data folder at a time, so that nothing is ` +
    `written twice. Close the other one, then try again. Data folder: ${dir}`
  );
}

/**
 * One program per data folder: the Electron app, the harness and the command line all take this
 * lock before they touch the store. It is an operating-system lock (POSIX record lock, or
 * LockFileEx on Windows) held by SQLite on a small empty file, in exclusive locking mode: it is
 * released by the OS when the holder exits in any way, a crash or SIGKILL included, so no stale
 * lock is ever left behind. Within one process, a second lock on the same folder is refused too.
 */
export class FolderLock {
  private constructor(
    private db: Database.Database | null,
    readonly dir: string,
  ) {}

  /** Takes the lock, or throws `unavailable` with a message naming the holder. */
  static acquire(dir: string, nativeBinding?: string): FolderLock {
    const path = join(dir, LOCK_FILE);
    // Created 0600 before SQLite opens it (SQLite would use the umask's mode). Only when missing: closing
    // any descriptor of the file would drop this process's POSIX locks on it (SQLite itself guards against that).
    if (!existsSync(path)) {
      try {
        closeSync(openSync(path, 'wx', 0o600));
      } catch {
        // created meanwhile
      }
    }
    const db = new Database(path, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = OFF');
      // The first write takes the EXCLUSIVE lock; in exclusive locking mode it is kept until close.
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); COMMIT;');
    } catch (err) {
      db.close();
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new AppError('conflict', folderInUseMessage(dir));
      throw err;
    }
    const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    try {
      writeFileSync(join(dir, LOCK_INFO_FILE), JSON.stringify(holder), { mode: 0o600 });
    } catch {
      // Only used to name the holder in a message.
    }
    return new FolderLock(db, dir);
  }

  release(): void {
    if (!this.db) return;
    this.db.close();
    this.db = null;
  }
}
