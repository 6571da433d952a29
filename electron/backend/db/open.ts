import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors';
import { faultKind } from '../faults';
import { type Migration, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to the native addon built for the running runtime (Electron passes its own build). */
  nativeBinding?: string;
  /** Create the file if it does not exist (first run only). */
  create?: boolean;
  /** Called once before migrations change an existing store (the backend keeps a rollback copy). */
  beforeMigrate?: (db: Db, fromVersion: number) => void;
  /** The migrations to apply; tests pass their own. */
  migrations?: readonly Migration[];
}

/** SQLCipher 4 settings so that any SQLCipher 4 client can open the file with the raw key. */
function applyKey(db: Db, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('data key must be 64 lowercase hex characters');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
}

/**
 * Opens (or creates) the encrypted database. A wrong key, a damaged file, an empty file where a store
 * should be, or a database written by a newer version of the app is refused, and in that case the
 * file is left exactly as it was.
 */
export function openDatabase(path: string, keyHex: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    fileMustExist: !options.create,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(db, keyHex);
    prepareConnection(db, path, options);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Everything opening does after the key: checks that the key reads the file, that it is not damaged,
 * empty or from a newer version, sets the connection's pragmas and runs pending migrations. The benchmark
 * also runs it on its unencrypted copy, so that both are opened and configured alike.
 */
export function prepareConnection(db: Db, path: string, options: OpenOptions = {}): void {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  let version: number;
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    if (faultKind(err) === 'damaged' && !options.create) throw new AppError('unavailable', damagedMessage(path));
    throw new AppError(
      'unavailable',
      'The database could not be opened with this key. It is not a Deflect database or it is damaged.',
    );
  }
  if (version === 0 && !options.create) {
    // An existing store always has a schema: an empty file here was truncated or replaced.
    throw new AppError('unavailable', damagedMessage(path, 'it is empty'));
  }
  if (version > latest) {
    throw new AppError(
      'unavailable',
      `This database was written by a newer version of Deflect (schema ${version}; this app knows up to ${latest}). Install the newer version; the database has not been changed.`,
    );
  }
  // Temp tables and sort spills stay in memory: nothing unencrypted reaches the disk.
  db.pragma('temp_store = MEMORY');
  // 64 MiB of decrypted pages (SQLite's default is 2 MiB): the indexes a busy store's screens read stay in
  // memory instead of being read and decrypted again for every query (ARCHITECTURE.md performance budgets).
  db.pragma('cache_size = -65536');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  const pending = migrations.filter((m) => m.version > version);
  if (pending.length && version > 0) options.beforeMigrate?.(db, version);
  migrate(db, version, pending);
}

export function damagedMessage(path: string, why = 'a part of it failed its integrity check'): string {
  return (
    `The database file ${path} is damaged (${why}), so Deflect cannot open it. Nothing was changed. ` +
    'Restore the last good backup: "Restore from a backup" on the login screen, or the restore command.'
  );
}

/**
 * Each migration runs in its own transaction together with the new `user_version`: a migration
 * that fails leaves the store at the version before it, complete and unchanged by it.
 */
function migrate(db: Db, from: number, pending: readonly Migration[]): void {
  let at = from;
  for (const m of pending) {
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
      at = m.version;
    } catch (err) {
      const kind = faultKind(err);
      if (kind === 'disk_full' || kind === 'unreachable' || kind === 'read_only') throw err;
      throw new AppError(
        'unavailable',
        `Updating the database to version ${m.version} (${m.name}) failed, so it was left at version ${at}, as it was before that step; nothing was lost. ` +
          'This version of Deflect cannot use it until the update succeeds: tell your administrator (a copy of the store from before the update is in the "pre-update" folder inside the data folder).',
      );
    }
  }
}

/** Re-encrypts the database under a new key (key rotation). */
export function rekeyDatabase(db: Db, newKeyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(newKeyHex)) throw new Error('data key must be 64 lowercase hex characters');
  db.pragma(`rekey="x'${newKeyHex}'"`);
}

export function tableCounts(db: Db): Record<string, number> {
  const names = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = db
      .prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}
