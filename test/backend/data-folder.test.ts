import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import type { BackendOptions } from '../../electron/backend';
import { commitSwap, preparedNames } from '../../electron/backend/maintenance/swap';
import { deflect, PASSWORD } from './cliHelpers';
import { ADMIN, DEPARTMENT, TEST_KDF, tempDir } from './helpers';

/** A workstation started on `dataDir` the way the app starts it: where the folder came from, and the list of known stores. */
function start(dataDir: string, extra: Partial<BackendOptions> = {}) {
  const { backend, router } = createBackend({ dataDir, kdfCost: TEST_KDF, ...extra });
  return {
    backend,
    router,
    state: async () => {
      const r = await router.invoke('system.state', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    setup: (confirmed = false) =>
      router.invoke('auth.setup', {
        department: DEPARTMENT,
        admin: ADMIN,
        ...(confirmed ? { newFolderConfirmed: true as const } : {}),
      }),
  };
}

/** Every file and folder under `dir`, to prove that nothing was written. */
function tree(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];
}

describe('a data folder that cannot be reached at start', () => {
  it('a folder on a drive that is not there: says which folder, offers no setup, creates nothing', async () => {
    const root = tempDir();
    const drive = join(root, 'usb-drive');
    const dataDir = join(drive, 'deflect-data');
    const app = start(dataDir, { dataDirSource: 'argument' });
    const s = await app.state();
    expect(s.setupDone).toBe(false);
    expect(s.dataFolder.state).toBe('unreachable');
    expect(s.dataFolder.problem).toContain(dataDir);
    expect(s.dataFolder.problem).toMatch(/plug the drive in/);
    // Even when the window claims the user confirmed a new store, none is made on a missing drive.
    for (const confirmed of [false, true]) {
      const r = await app.setup(confirmed);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('unavailable');
        expect(r.error.message).toContain(dataDir);
        expect(r.error.message).toMatch(/Nothing was changed/);
      }
    }
    expect(existsSync(drive)).toBe(false);
    expect(tree(root)).toEqual([]);
    app.backend.shutdown();
  });

  it('a store that was here and is gone (drive unplugged, folder deleted): "store missing", never a new empty store', async () => {
    const root = tempDir();
    const known = join(root, 'known.json');
    const dataDir = join(root, 'share', 'deflect');
    mkdirSync(join(root, 'share'));
    const first = start(dataDir, { dataDirSource: 'argument', knownFoldersFile: known });
    expect((await first.state()).dataFolder.state).toBe('confirm_new');
    expect((await first.setup(true)).ok).toBe(true);
    first.backend.shutdown();
    const saved = join(root, 'saved-copy');
    cpSync(dataDir, saved, { recursive: true });

    // The share's folder is gone at the next start (the list of known stores lives outside it).
    rmSync(dataDir, { recursive: true });
    const second = start(dataDir, { dataDirSource: 'argument', knownFoldersFile: known });
    const s = await second.state();
    expect(s.dataFolder.state).toBe('store_missing');
    expect(s.dataFolder.problem).toContain(dataDir);
    expect(s.dataFolder.problem).toMatch(/Restore from a backup/);
    const r = await second.setup(true);
    expect(r.ok).toBe(false);
    expect(existsSync(dataDir)).toBe(false);

    // The folder is emptied but still there: the same, and nothing is written into it.
    mkdirSync(dataDir);
    expect((await second.state()).dataFolder.state).toBe('store_missing');
    expect((await second.setup(true)).ok).toBe(false);
    expect(tree(dataDir)).toEqual([]);

    // The drive is back: "Try again" finds the store and the login works.
    rmSync(dataDir, { recursive: true });
    cpSync(saved, dataDir, { recursive: true });
    const back = await second.state();
    expect(back.setupDone).toBe(true);
    expect(back.dataFolder.state).toBe('ready');
    const login = await second.router.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
    second.backend.shutdown();
  });

  it('the default folder with signs of a store (its backup log, its database) but no key file is not set up again', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'deflect.backups.log'), '');
    const app = start(dataDir);
    expect((await app.state()).dataFolder.state).toBe('store_missing');
    expect((await app.setup()).ok).toBe(false);
    rmSync(join(dataDir, 'deflect.backups.log'));
    writeFileSync(join(dataDir, 'deflect.db'), 'x');
    const s = await app.state();
    expect(s.dataFolder.state).toBe('store_missing');
    expect(s.dataFolder.problem).toMatch(/key file \(deflect\.vault\.json\) is missing/);
    expect((await app.setup()).ok).toBe(false);
    expect(tree(dataDir)).toEqual(['deflect.db']);
    app.backend.shutdown();
  });

  it('a switch to a restored store interrupted before its key file was in place is finished at start, not reported missing', async () => {
    const source = tempDir();
    const made = start(source);
    expect((await made.setup()).ok).toBe(true);
    made.backend.shutdown();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'deflect.backups.log'), '');
    const names = preparedNames('restoring');
    copyFileSync(join(source, 'deflect.db'), join(dataDir, names.db));
    copyFileSync(join(source, 'deflect.vault.json'), join(dataDir, names.vault));
    expect(() =>
      commitSwap(dataDir, { op: 'restore', db: names.db, vault: names.vault, aside: null }, new Date(), {
        after: (step) => {
          if (step === 'database') throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(existsSync(join(dataDir, 'deflect.vault.json'))).toBe(false);
    const app = start(dataDir);
    const s = await app.state();
    expect(s.setupDone).toBe(true);
    expect(s.notice).toMatch(/.+/);
    const login = await app.router.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
    app.backend.shutdown();
  });

  it('a folder named at start that holds nothing: setup only after an explicit confirmation', async () => {
    const dataDir = tempDir();
    const app = start(dataDir, { dataDirSource: 'environment' });
    const s = await app.state();
    expect(s.dataFolder.state).toBe('confirm_new');
    expect(s.dataFolder.problem).toContain(dataDir);
    const refused = await app.setup(false);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/Confirm first/);
    expect(tree(dataDir)).toEqual([]);
    expect((await app.setup(true)).ok).toBe(true);
    expect((await app.state()).setupDone).toBe(true);
    app.backend.shutdown();
  });

  it('a genuinely new installation (the default folder, nothing there, no record) is offered setup directly', async () => {
    const dataDir = join(tempDir(), 'Deflect');
    const app = start(dataDir);
    expect((await app.state()).dataFolder).toEqual({ path: dataDir, state: 'new', problem: null });
    expect((await app.setup()).ok).toBe(true);
    app.backend.shutdown();
  });

  it('the command line names the folder it cannot reach in one line, exits non-zero and creates nothing', async () => {
    const root = tempDir();
    const missing = join(root, 'unplugged', 'deflect');
    for (const args of [
      ['status', '--data-dir', missing, '--user', 'admin'],
      ['backup', '--data-dir', missing, '--user', 'admin', '--out', root],
      ['rekey', '--data-dir', missing, '--user', 'admin'],
      ['init', '--data-dir', missing, '--department', 'Testville', '--admin', 'admin'],
    ]) {
      const r = await deflect(args, { DEFLECT_PASSWORD: PASSWORD });
      expect(r.code, args[0]).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args[0]).toHaveLength(1);
      expect(lines[0]).toContain(missing);
      expect(lines[0]).toMatch(/Nothing was changed/);
      expect(r.stdout).toBe('');
    }
    expect(tree(root)).toEqual([]);
  }, 60_000);
});
