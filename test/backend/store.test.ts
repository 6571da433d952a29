import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ADMIN, makeApp, setUpApp } from './helpers';

const SENTINEL = 'Zqxsentinel Vwkmarker 7731';

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function openRaw(path: string, keyHex?: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  if (keyHex) {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
  }
  return db;
}

describe('encrypted store', () => {
  it('writes no plaintext: neither the database nor its WAL is a readable SQLite file or holds what was saved', async () => {
    const app = await setUpApp();
    await app.call('users.create', {
      username: 'sentinel',
      displayName: SENTINEL,
      role: 'officer',
      password: 'violet-tractor-meadow-19',
    });
    // The database is still open, so the WAL holds the new pages.
    const dbBytes = readFileSync(app.backend.dbPath);
    const walBytes = readFileSync(`${app.backend.dbPath}-wal`);
    expect(walBytes.length).toBeGreaterThan(0);
    for (const bytes of [dbBytes, walBytes]) {
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from(SENTINEL, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('Zqxsentinel', 'utf8'))).toBe(false);
    }
    expect(readFileSync(join(app.dataDir, 'deflect.vault.json')).includes(Buffer.from('Zqxsentinel'))).toBe(false);
  });

  it('cannot be read without the key, or with a wrong one', async () => {
    const app = await setUpApp();
    app.backend.logout();
    const noKey = openRaw(app.backend.dbPath);
    expect(() => noKey.prepare('SELECT count(*) FROM users').get()).toThrow();
    noKey.close();
    const wrongKey = openRaw(app.backend.dbPath, 'ab'.repeat(32));
    expect(() => wrongKey.prepare('SELECT count(*) FROM users').get()).toThrow();
    wrongKey.close();
  });

  it('opens in a fresh SQLCipher 4 connection with the revealed key', async () => {
    const app = await setUpApp();
    await app.call('users.create', {
      username: 'sentinel',
      displayName: SENTINEL,
      role: 'officer',
      password: 'violet-tractor-meadow-19',
    });
    const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    app.backend.logout();
    const db = openRaw(app.backend.dbPath, keyHex);
    expect(db.prepare('SELECT display_name FROM users WHERE username = ?').pluck().get('sentinel')).toBe(SENTINEL);
    db.close();
  });

  it('records who revealed the key, and refuses a wrong password', async () => {
    const app = await setUpApp();
    const wrong = await app.fail('system.revealKey', { password: 'not-my-password-at-all' });
    expect(wrong).toMatchObject({ code: 'bad_credentials', field: 'password' });
    await app.call('system.revealKey', { password: ADMIN.password });
    const { entries } = await app.call('audit.list', { action: 'system.revealKey', limit: 10 });
    expect(entries.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
    expect(entries.every((e) => e.username === ADMIN.username)).toBe(true);
  });

  it('refuses a database from a newer version of the app and leaves it byte-identical', async () => {
    const app = await setUpApp();
    const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
    app.backend.shutdown();
    const raw = openRaw(app.backend.dbPath, keyHex);
    raw.pragma('user_version = 999');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha(app.backend.dbPath);

    const again = makeApp(app.dataDir);
    const err = await again.fail('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/newer version of Deflect/);
    expect(err.message).toMatch(/has not been changed/);
    expect(sha(app.backend.dbPath)).toBe(before);
    expect(again.backend.session).toBeNull();
  });

  it('runs migrations at first open and records the schema version', async () => {
    const app = await setUpApp();
    const status = await app.call('system.status', {});
    expect(status.schemaVersion).toBe(status.appSchemaVersion);
    expect(status.tables).toMatchObject({ users: 1, meta: expect.any(Number), audit_log: expect.any(Number) });
  });
});
