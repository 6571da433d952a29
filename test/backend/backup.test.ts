import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { BACKUP_EXT, readHeader } from '../../electron/backend/backup/format';
import { readBackupLog } from '../../electron/backend/backup/log';
import { ADMIN, makeApp, setUpApp, tempDir } from './helpers';
import { contentHashes, finished, seed } from './backupHelpers';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

async function backedUpApp() {
  const app = await setUpApp();
  seed(app);
  const folder = tempDir('deflect-backups-');
  await app.call('backups.updateSettings', { enabled: true, folder, time: '02:00', keepDaily: 7, keepMonthly: 12 });
  const { job } = await app.call('backups.start', {});
  expect(job.kind).toBe('backup');
  const done = await finished(app);
  expect(done.message).toBeNull();
  expect(done.ok).toBe(true);
  return { app, folder, file: done.backup!.file! };
}

describe('backups', () => {
  it('writes one verified, encrypted file with the audit anchor, and logs it outside the database', async () => {
    const { app, folder, file } = await backedUpApp();
    expect(readdirSync(folder)).toEqual([basename(file)]);
    expect(file.endsWith(BACKUP_EXT)).toBe(true);

    const bytes = readFileSync(file);
    expect(bytes.includes(SQLITE_HEADER)).toBe(false);
    const { header } = readHeader(file);
    const head = app.backend.requireDb().prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    // The backup's anchor is the head of the log it contains (the backup's own audit entry comes after).
    expect(header.anchor!.seq).toBeLessThanOrEqual(head.seq);
    // No staff names, no records: the header holds ids, sizes, hashes and the recovery slot only.
    const plain = JSON.stringify(header);
    expect(plain).not.toContain(ADMIN.username);
    expect(plain).not.toContain('Testville');

    const log = readBackupLog(app.dataDir);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ ok: true, file, trigger: 'manual', anchor: header.anchor, message: null });
    expect(log[0]!.counts!.persons).toBe(40);
    const { entries } = await app.call('backups.log', {});
    expect(entries[0]!.file).toBe(file);
    const audit = await app.call('audit.list', { action: 'backups.completed', limit: 5 });
    expect(audit.entries[0]).toMatchObject({ outcome: 'success', detail: { trigger: 'manual', file: basename(file) } });
  });

  it('does not open without a key: the database part is SQLCipher-encrypted', async () => {
    const { file } = await backedUpApp();
    const { header, dbOffset } = readHeader(file);
    const dbPart = join(tempDir(), 'part.db');
    writeFileSync(dbPart, readFileSync(file).subarray(dbOffset, dbOffset + header.db.bytes));
    const raw = new Database(dbPart);
    expect(() => raw.prepare('SELECT count(*) FROM people').get()).toThrow();
    raw.close();
  });

  it('restores into a new folder with the same counts and content, opened by the recovery key', async () => {
    const { app, file } = await backedUpApp();
    const sourceHashes = contentHashes(app.backend.requireDb());
    const target = join(tempDir(), 'restored');
    const other = makeApp(tempDir());
    const started = await other.call('restore.start', { file, recoveryKey: app.recoveryKey, targetDir: target, useIt: false });
    expect(started.job.kind).toBe('restore');
    const done = await finished(other);
    expect(done.message).toBeNull();
    expect(done.restore).toMatchObject({ targetDir: target, sameStore: false, switched: false });

    const restored = makeApp(target);
    await restored.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const restoredHashes = contentHashes(restored.backend.requireDb());
    // The restored store has exactly the backed-up content; only the audit log grew (the backup's
    // own entry came after the snapshot; the restore and this login are new entries).
    for (const [table, hash] of Object.entries(sourceHashes)) {
      if (table === 'audit_log' || table === 'users') continue;
      expect(restoredHashes[table], table).toBe(hash);
    }
    const counts = (await restored.call('system.status', {})).tables;
    expect(counts.persons).toBe(40);
    expect(counts.contacts).toBe(done.restore!.counts.contacts);
    const { entries } = await restored.call('audit.list', { action: 'restore.completed', limit: 5 });
    expect(entries).toHaveLength(1);
    expect((await restored.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses a wrong recovery key, a truncated file, an altered header and a file that is not a backup, writing nothing', async () => {
    const { app, file } = await backedUpApp();
    const other = makeApp(tempDir());
    const target = join(tempDir(), 'restored');
    const attempt = async (from: string, key = app.recoveryKey) => {
      const r = await other.router.call('restore.start', { file: from, recoveryKey: key, targetDir: target });
      if (!r.ok) return r.error.message;
      const done = await finished(other);
      expect(done.ok).toBe(false);
      return done.message!;
    };
    expect(await attempt(file, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH')).toMatch(/recovery key does not open this backup/);

    const dir = tempDir();
    const cut = join(dir, 'cut.deflectbackup');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
    expect(await attempt(cut)).toMatch(/incomplete/);

    const altered = join(dir, 'altered.deflectbackup');
    // Another version of the same length (the header's bytes are counted): 9 → 1, 10 → 11.
    const otherVersion = (_m: string, v: string) => `"schemaVersion":${v.slice(0, -1)}${v.endsWith('1') ? '2' : '1'}`;
    writeFileSync(altered, Buffer.from(bytes.toString('latin1').replace(/"schemaVersion":(\d+)/, otherVersion), 'latin1'));
    expect(await attempt(altered)).toMatch(/altered after it was written/);

    const flipped = join(dir, 'flipped.deflectbackup');
    const copy = Buffer.from(bytes);
    copy[copy.length - 3000]! ^= 0x01;
    writeFileSync(flipped, copy);
    expect(await attempt(flipped)).toMatch(/does not match its checksum/);

    const notBackup = join(dir, 'notes.txt');
    writeFileSync(notBackup, 'hello');
    expect(await attempt(notBackup)).toMatch(/not a Deflect backup/);
    expect(existsSync(join(target, 'deflect.db'))).toBe(false);
    expect(existsSync(join(target, 'deflect.vault.json'))).toBe(false);
  });
});
