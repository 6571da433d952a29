import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { DB_FILE, VAULT_FILE, vaultPath } from '../vault/file';
import { fileStamp, fsyncDir, fsyncFile } from './files';

/** Inside the data folder: copies of the store taken just before a database update. */
export const ROLLBACK_DIR = 'pre-update';
const KEEP = 3;

/**
 * The automatic backup before a migration: a consistent copy of the store as it was (the database
 * through VACUUM INTO, still encrypted with the same key, and its key file), in
 * `pre-update/v<version>-<time>/` inside the data folder. It is a complete data folder: point Deflect
 * (or the version of Deflect that wrote it) at it to go back. If the copy cannot be made, the update
 * does not start.
 */
export function keepRollbackCopy(db: Db, dataDir: string, fromVersion: number, now: number): string {
  const root = join(dataDir, ROLLBACK_DIR);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = join(root, `v${fromVersion}-${fileStamp(now)}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  const target = join(dir, DB_FILE);
  db.prepare('VACUUM INTO ?').run(target);
  chmodSync(target, 0o600);
  fsyncFile(target);
  copyFileSync(vaultPath(dataDir), join(dir, VAULT_FILE));
  chmodSync(join(dir, VAULT_FILE), 0o600);
  fsyncFile(join(dir, VAULT_FILE));
  fsyncDir(dir);
  const copies = readdirSync(root)
    .filter((n) => /^v\d+-\d{8}-\d{6}$/.test(n))
    .sort((a, b) => a.slice(a.indexOf('-')).localeCompare(b.slice(b.indexOf('-'))));
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP))) rmSync(join(root, old), { recursive: true, force: true });
  return dir;
}
