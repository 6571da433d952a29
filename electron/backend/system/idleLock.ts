import { clampIdleLockMinutes } from '../../../shared/domain/session';
import type { Db } from '../db/open';

const KEY = 'idle_lock_minutes';

/**
 * The inactivity lock lives in the encrypted database (changes are audited by `settings.update`); the
 * key file keeps only a copy for the screen shown before login. Clamped to 1–30 wherever it is read,
 * so an edited file or row can never disable the lock.
 */
export function getIdleLockMinutes(db: Db): number | null {
  const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
  return raw === undefined ? null : clampIdleLockMinutes(Number(raw));
}

export function setIdleLockMinutes(db: Db, minutes: number): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    KEY,
    String(clampIdleLockMinutes(minutes)),
  );
}
