import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to the native addon built for the running runtime (Electron passes its own build). */
  nativeBinding?: string;
  /** Create the file if it does not exist (first run only). */
  create?: boolean;
}

/** SQLCipher 4 settings so that any SQLCipher 4 client can open the file with the raw key. */
function applyKey(db: Db, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('data key must be 64 lowercase hex characters');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
}

/**
 * Opens (or creates) the encrypted database. A wrong key, a file that is not a Deflect
 * database, or a database written by a newer version of the app is refused, and in that
 * case the file is left exactly as it was.
 */
export function openDatabase(path: string, keyHex: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    fileMustExist: !options.create,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyKey(db, keyHex);
    prepareConnection(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Everything opening does after the key: checks that the key reads the file and that the schema is not
 * from a newer version, sets the connection's pragmas and runs pending migrations. The benchmark also runs it
 * on its unencrypted copy, so that both are opened and configured alike.
 */
export function prepareConnection(db: Db): void {
  let version: number;
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    version = db.pragma('user_version', { simple: true }) as number;
  } catch {
    throw new AppError(
      'unavailable',
      'The database could not be opened with this key. It is not a Deflect database or it is damaged.',
    );
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'unavailable',
      `This database was written by a newer version of Deflect (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Install the newer version; the database has not been changed.`,
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
  migrate(db, version);
}

function migrate(db: Db, from: number): void {
  const pending = MIGRATIONS.filter((m) => m.version > from);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
  }).immediate();
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
