/**
 * The benchmark's unencrypted twin: the same backend, router, driver and schema, opening a copy of the store
 * from which the encryption was removed. It exists only so that the benchmark can put a number on what
 * encryption costs; the app never opens a database without its key.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { Backend, createBackend, type Router } from '../../electron/backend';
import type { BackendOptions } from '../../electron/backend/backend';
import { type Db, type OpenOptions, prepareConnection } from '../../electron/backend/db/open';
import { storeCheckOf } from '../../electron/backend/maintenance/storeCheck';

class PlainBackend extends Backend {
  protected override openDatabaseFile(_dataKey: Buffer, _create: boolean, beforeMigrate: OpenOptions['beforeMigrate']): Db {
    const db = new Database(this.dbPath, { fileMustExist: true });
    try {
      prepareConnection(db, this.dbPath, beforeMigrate ? { beforeMigrate } : {});
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }
}

export type StoreKind = 'encrypted' | 'plain';

/** A backend and router over one of the benchmark's stores. */
export function benchBackend(kind: StoreKind, options: BackendOptions): { backend: Backend; router: Router } {
  return kind === 'plain' ? createBackend(options, new PlainBackend(options)) : createBackend(options);
}

/**
 * Turns a closed copy of an encrypted store into an unencrypted one in place (SQLite3 Multiple Ciphers:
 * `PRAGMA rekey` with an empty key decrypts every page; it needs a rollback journal, not WAL).
 * Pages keep their order, so both copies have the same layout and differ only by the cipher.
 */
export function decryptCopy(dbPath: string, keyHex: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey=''`);
  } finally {
    db.close();
  }
  const check = new Database(dbPath, { fileMustExist: true });
  try {
    check.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    check.close();
  }
}

/**
 * Waits for the integrity check that the first unlock starts in a worker. On the unencrypted twin that check
 * (SQLCipher's page checks, with the key) cannot run and would mark the twin damaged: that mark is cleared.
 */
export async function settleStoreCheck(kind: StoreKind, backend: Backend): Promise<void> {
  await storeCheckOf(backend).settled();
  if (kind === 'plain') backend.damage = null;
}
