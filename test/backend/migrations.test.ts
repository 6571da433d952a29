import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { keepRollbackCopy, ROLLBACK_DIR } from '../../electron/backend/maintenance/rollbackCopy';
import { ADMIN, makeApp, setUpApp } from './helpers';

function openRaw(path: string, keyHex: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

async function closedStore() {
  const app = await setUpApp();
  await app.call('people.create', { person: { firstName: 'Before', lastName: 'Update' } });
  const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
  app.backend.shutdown();
  return { app, keyHex, dbPath: join(app.dataDir, 'deflect.db') };
}

const L = LATEST_SCHEMA_VERSION;

describe('migrations', () => {
  it('run one transaction each: a failing one leaves the store at the version before it, and says so', async () => {
    const { app, keyHex, dbPath } = await closedStore();
    const migrations = [
      ...MIGRATIONS,
      { version: L + 1, name: 'adds a table', sql: 'CREATE TABLE t_good (a TEXT) STRICT;' },
      { version: L + 2, name: 'broken', sql: 'CREATE TABLE t_bad (a TEXT) STRICT; INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() =>
      openDatabase(dbPath, keyHex, {
        migrations,
        beforeMigrate: (db, from) => keepRollbackCopy(db, app.dataDir, from, Date.now()),
      }),
    ).toThrow(
      `Updating the database to version ${L + 2} (broken) failed, so it was left at version ${L + 1}, as it was before that step; nothing was lost.`,
    );
    const raw = openRaw(dbPath, keyHex);
    expect(raw.pragma('user_version', { simple: true })).toBe(L + 1);
    const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toContain('t_good');
    expect(tables).not.toContain('t_bad');
    expect(raw.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(1);
    raw.close();

    // The automatic copy from before the update: the whole store as it was, same key, same key file.
    const copies = readdirSync(join(app.dataDir, ROLLBACK_DIR));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(new RegExp(`^v${L}-\\d{8}-\\d{6}$`));
    const copy = openRaw(join(app.dataDir, ROLLBACK_DIR, copies[0]!, 'deflect.db'), keyHex);
    expect(copy.pragma('user_version', { simple: true })).toBe(L);
    expect(copy.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(1);
    copy.close();
    expect(readFileSync(join(app.dataDir, ROLLBACK_DIR, copies[0]!, 'deflect.vault.json'), 'utf8')).toBe(
      readFileSync(join(app.dataDir, 'deflect.vault.json'), 'utf8'),
    );
  });

  it('at login: a failed update is reported, the store stays usable by the version that wrote it, and a copy was taken first', async () => {
    const { app, keyHex, dbPath } = await closedStore();
    // Pretend the last migration has not run yet: running it again fails (its tables exist).
    const raw = openRaw(dbPath, keyHex);
    raw.pragma(`user_version = ${L - 1}`);
    raw.close();
    const again = makeApp(app.dataDir);
    const err = await again.fail('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(
      `Updating the database to version ${L} (${MIGRATIONS.at(-1)!.name}) failed, so it was left at version ${L - 1}`,
    );
    expect(again.backend.isOpen()).toBe(false);
    const after = openRaw(dbPath, keyHex);
    expect(after.pragma('user_version', { simple: true })).toBe(L - 1);
    after.close();
    expect(existsSync(join(app.dataDir, ROLLBACK_DIR))).toBe(true);
    expect(readdirSync(join(app.dataDir, ROLLBACK_DIR))[0]).toMatch(new RegExp(`^v${L - 1}-`));
    again.backend.shutdown();
  });

  it('keeps at most three copies from before updates', async () => {
    const { app, keyHex, dbPath } = await closedStore();
    const db = openRaw(dbPath, keyHex);
    for (let i = 0; i < 5; i++) keepRollbackCopy(db, app.dataDir, L, Date.parse('2026-11-01T10:00:00Z') + i * 86_400_000);
    db.close();
    expect(readdirSync(join(app.dataDir, ROLLBACK_DIR))).toHaveLength(3);
  });
});
