import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { storeCheckOf } from '../../electron/backend/maintenance/storeCheck';
import { finished, seed } from './backupHelpers';
import { ADMIN, DEPARTMENT, makeApp, setUpApp, tempDir, type TestApp } from './helpers';

const ROOT = join(__dirname, '../..');

/** A small tmpfs, mounted when running as root on Linux; null (and the test is skipped) otherwise. */
function mountSmallDisk(bytes: number): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'deflect-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
}

const smallDisk = mountSmallDisk(16 * 1024 * 1024);
afterAll(() => {
  if (smallDisk) unmount(smallDisk);
});
if (!smallDisk)
  console.warn('disk-full test skipped: it needs root on Linux to mount a small tmpfs (run the suite as root, as .ci/run does).');

/** Fills the file system that holds `dir` until fewer than `leave` bytes are free. */
function fillDisk(dir: string, leave: number): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      const s = statfsSync(dir);
      const free = s.bavail * s.bsize;
      if (free <= leave) break;
      writeSync(fd, chunk, 0, Math.min(chunk.length, free - leave));
    }
  } catch {
    // full
  } finally {
    closeSync(fd);
  }
}

async function people(app: TestApp): Promise<number> {
  return (await app.call('system.status', {})).tables.persons ?? 0;
}

describe('a full disk', () => {
  it.skipIf(!smallDisk)('refuses the save with a clear message, keeps the store consistent and earlier data intact', async () => {
    const dataDir = join(smallDisk!, 'store');
    const app = makeApp(dataDir);
    await app.call('auth.setup', { department: DEPARTMENT, admin: ADMIN });
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    let saved = 0;
    const create = (n: number) =>
      app.router.call('people.create', {
        person: { firstName: `Diskfull${n}`, lastName: 'Sample', residenceArea: 'Northside near the rail yard' },
        allowDuplicate: true,
      });
    for (let n = 0; n < 20; n++) if ((await create(n)).ok) saved++;
    fillDisk(smallDisk!, 256 * 1024);
    let failure: { code: string; message: string } | null = null;
    for (let n = 20; n < 5000 && !failure; n++) {
      const r = await create(n);
      if (r.ok) saved++;
      else failure = r.error;
    }
    expect(failure).toEqual({
      code: 'unavailable',
      message:
        'The disk is full, so nothing was saved. Free some space (or ask IT to), then try again; what you typed is still on screen.',
    });
    // Nothing half-written: every save that returned success is there, and nothing else.
    expect(await people(app)).toBe(saved);
    rmSync(join(smallDisk!, 'filler'));
    app.backend.shutdown();
    const again = makeApp(dataDir);
    await again.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(again.backend.requireDb().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await people(again)).toBe(saved);
    expect((await again.call('audit.verify', {})).ok).toBe(true);
    // With space again, saving works.
    expect((await again.router.call('people.create', { person: { firstName: 'After', lastName: 'Space' } })).ok).toBe(true);
    again.backend.shutdown();
  });
});

/**
 * A store with some records, closed cleanly, and its files' paths. The page check that follows login
 * runs to its end first: closing while it still reads the store leaves the write-ahead log beside the
 * database (its reader keeps it), which is the case the truncation test takes separately.
 */
async function closedStore() {
  const app = await setUpApp();
  seed(app, 200, 800);
  await storeCheckOf(app.backend).settled();
  app.backend.shutdown();
  expect(existsSync(join(app.dataDir, 'deflect.db-wal'))).toBe(false);
  return { app, db: join(app.dataDir, 'deflect.db'), vault: join(app.dataDir, 'deflect.vault.json') };
}

async function loginError(dataDir: string): Promise<string> {
  const app = makeApp(dataDir);
  try {
    const r = await app.router.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    if (r.ok) throw new Error('login unexpectedly worked');
    return `${r.error.code}: ${r.error.message}`;
  } finally {
    app.backend.shutdown();
  }
}

describe('damaged files', () => {
  it('a truncated database is reported at login, not opened as an empty store, and left as it was', async () => {
    const { app, db } = await closedStore();
    truncateSync(db, Math.floor(statSync(db).size / 2 / 4096) * 4096);
    const before = readFileSync(db);
    expect(await loginError(app.dataDir)).toMatch(/^unavailable: The database file .*deflect\.db is damaged/);
    expect(readFileSync(db).equals(before)).toBe(true);
    truncateSync(db, 0);
    expect(await loginError(app.dataDir)).toMatch(/damaged \(it is empty\)/);
    expect(statSync(db).size).toBe(0);
  });

  it('a truncated database whose write-ahead log is still beside it is caught by the page check after login', async () => {
    // Closed while another reader (the page check of a run that was quit) still held the store: the
    // log stays, and it describes the database's size, so opening alone cannot see the missing half.
    const app = await setUpApp();
    seed(app, 200, 800);
    await storeCheckOf(app.backend).settled();
    const db = join(app.dataDir, 'deflect.db');
    const reader = new Database(db, { readonly: true, fileMustExist: true });
    reader.pragma(`cipher='sqlcipher'`);
    reader.pragma('legacy=4');
    reader.pragma(`key="x'${app.backend.requireDataKey().toString('hex')}'"`);
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    app.backend.shutdown();
    reader.close();
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
    truncateSync(db, Math.floor(statSync(db).size / 2 / 4096) * 4096);

    const fresh = makeApp(app.dataDir);
    await fresh.router.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await storeCheckOf(fresh.backend).settled();
    // Whether login itself saw it depends on which pages it read; the check that reads them all does.
    expect((await fresh.call('system.state', {})).storeProblem).toMatch(/The database is damaged/);
    const save = await fresh.router.call('people.create', { person: { firstName: 'After', lastName: 'Truncation' } });
    expect(save).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/damaged/) } });
    fresh.backend.shutdown();
  });

  it('a key file full of random bytes is reported before login', async () => {
    const { app, vault } = await closedStore();
    writeFileSync(vault, randomBytes(2048));
    const fresh = makeApp(app.dataDir);
    const r = await fresh.router.call('system.state', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/key file deflect\.vault\.json is damaged/) },
    });
    fresh.backend.shutdown();
  });

  it('one flipped byte is caught by the page HMAC at the first login, and changes are refused with what to do', async () => {
    const { app, db } = await closedStore();
    const bytes = readFileSync(db);
    // A byte in the middle of a page far from the start (page 1 holds the schema and would fail at once).
    const page = Math.floor(bytes.length / 4096 / 2);
    bytes[page * 4096 + 1000]! ^= 0x40;
    writeFileSync(db, bytes);
    const fresh = makeApp(app.dataDir);
    const login = await fresh.router.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // Login reads only the first pages; the check that follows reads them all.
    expect(login.ok).toBe(true);
    await storeCheckOf(fresh.backend).settled();
    const state = await fresh.call('system.state', {});
    expect(state.storeProblem).toMatch(/The database is damaged/);
    const refused = await fresh.fail('people.create', { person: { firstName: 'Should', lastName: 'Notsave' } });
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/restore the last good backup/) });
    fresh.backend.shutdown();
  });
});

describe('one program per data folder', () => {
  it('a second backend on the same folder is told, in-process and from another process, until the first closes', async () => {
    const app = await setUpApp();
    const second = makeApp(app.dataDir);
    const r = await second.router.call('system.state', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/already open on this data folder/) },
    });

    const cli = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'electron/backend/cli.ts'), 'status', '--data-dir', app.dataDir, '--user', ADMIN.username],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DEFLECT_PASSWORD: ADMIN.password }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/already open on this data folder .*process \d+ on /);

    app.backend.shutdown();
    expect((await second.router.call('system.state', {})).ok).toBe(true);
    second.backend.shutdown();
  });
});

describe('a data folder that goes away', () => {
  it('refuses changes with a plain message while it is gone (none is shown as saved), and works again when it is back', async () => {
    const app = await setUpApp();
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const create = (n: number) =>
      app.router.call('people.create', { person: { firstName: `Folder${n}`, lastName: 'Sample' }, allowDuplicate: true });
    for (let n = 0; n < 3; n++) expect((await create(n)).ok).toBe(true);
    const before = await people(app);

    // The drive is unplugged (on Linux the open file handle would still take writes that never reach it).
    const gone = `${app.dataDir}-unplugged`;
    renameSync(app.dataDir, gone);
    const unreachable =
      /cannot reach its data folder .* Nothing was saved\. Reconnect it and try again; what you typed is still on screen\./;
    expect(await create(3)).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(unreachable) } });
    const password = await app.router.call('auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'copper-willow-harbour-63',
    });
    expect(password).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(unreachable) } });

    // Plugged back in: saving works again; after a restart only the saves that succeeded are there.
    renameSync(gone, app.dataDir);
    expect((await create(4)).ok).toBe(true);
    app.backend.shutdown();
    const again = makeApp(app.dataDir);
    await again.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await people(again)).toBe(before + 1);
    expect(again.backend.requireDb().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect((await again.call('audit.verify', {})).ok).toBe(true);
    again.backend.shutdown();
  });
});

describe('a backup folder that disappears mid-backup', () => {
  it('fails with a plain message, keeps nothing half-written, logs the failure, and leaves the store alone', async () => {
    const app = await setUpApp();
    seed(app, 3000, 15000);
    const folder = join(tempDir(), 'usb');
    mkdirSync(folder);
    const before = (await app.call('system.status', {})).tables;
    await app.call('backups.start', { folder });
    // Pull the "drive" while the copy is being checked, before the file is written.
    for (let i = 0; i < 2000; i++) {
      const { job } = await app.call('backups.job', {});
      if (!job || job.done || job.step !== 'Copying the database') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    rmSync(folder, { recursive: true, force: true });
    const done = await finished(app);
    expect(done.ok).toBe(false);
    expect(done.message).toMatch(
      /^The backup folder .*usb disappeared or could not be written while the backup was being written/,
    );
    expect(existsSync(folder)).toBe(false);
    const { entries } = await app.call('backups.log', {});
    expect(entries[0]).toMatchObject({ ok: false, file: null, present: false });
    expect((await app.call('system.status', {})).tables.persons).toBe(before.persons);
    expect(existsSync(join(app.dataDir, 'backup-work')) ? readdirSync(join(app.dataDir, 'backup-work')) : []).toEqual([]);
  });
});
