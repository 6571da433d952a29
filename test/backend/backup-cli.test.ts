import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seed } from './backupHelpers';
import { ADMIN, makeApp, setUpApp, tempDir } from './helpers';

const ROOT = join(__dirname, '../..');

/** The admin command line as IT automation runs it: a real process, exit code and output. */
function deflect(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/backend/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Error lines only: progress lines start with "…". */
const errors = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !l.startsWith('…'));

describe('backup, restore and rekey on the command line', { timeout: 300_000 }, () => {
  it('backs up (exit 0), restores into a new folder (exit 0), and fails in one line with a non-zero exit', async () => {
    const app = await setUpApp();
    seed(app, 50, 200);
    app.backend.shutdown();
    const out = tempDir('deflect-cli-backups-');
    const auth = { DEFLECT_PASSWORD: ADMIN.password };

    const ok = await deflect(['backup', '--data-dir', app.dataDir, '--user', ADMIN.username, '--out', out], auth);
    expect(errors(ok.stderr)).toEqual([]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^Backup written and verified: .*\.deflectbackup \(.* MB, 50 people, 200 contacts, \d+ audit entries\) in [\d.]+ s\.$/m,
    );
    expect(ok.stdout).toMatch(/^Audit anchor in this backup: \d+:[0-9a-f]{64}$/m);
    const file = join(out, readdirSync(out)[0]!);

    const missing = await deflect(
      ['backup', '--data-dir', app.dataDir, '--user', ADMIN.username, '--out', join(out, 'unplugged')],
      auth,
    );
    expect(missing.code).toBe(1);
    expect(errors(missing.stderr)).toEqual([
      expect.stringMatching(/^deflect backup: The backup folder .*unplugged cannot be found/),
    ]);

    const wrongPassword = await deflect(['backup', '--data-dir', app.dataDir, '--user', ADMIN.username, '--out', out], {
      DEFLECT_PASSWORD: 'not-the-password-99',
    });
    expect(wrongPassword.code).toBe(1);
    expect(errors(wrongPassword.stderr)).toHaveLength(1);

    const target = join(tempDir(), 'restored');
    const restored = await deflect(['restore', '--from', file, '--data-dir', target], { DEFLECT_RECOVERY_KEY: app.recoveryKey });
    expect(errors(restored.stderr)).toEqual([]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`into ${target} and checked it (integrity ok; 50 people, 200 contacts`);
    const check = makeApp(target);
    await check.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await check.call('system.status', {})).tables.persons).toBe(50);
    check.backend.shutdown();

    const again = await deflect(['restore', '--from', file, '--data-dir', target], { DEFLECT_RECOVERY_KEY: app.recoveryKey });
    expect(again.code).toBe(1);
    expect(errors(again.stderr)).toEqual([
      expect.stringMatching(/already holds a Deflect store, and a restore never overwrites one/),
    ]);
    const wrongKey = await deflect(['restore', '--from', file, '--data-dir', join(tempDir(), 'x')], {
      DEFLECT_RECOVERY_KEY: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
    });
    expect(wrongKey.code).toBe(1);
    expect(errors(wrongKey.stderr)).toEqual([expect.stringMatching(/recovery key does not open this backup/)]);
  });

  it('rekey prints the new recovery key first and rotates; the store then opens with it and the same password', async () => {
    const app = await setUpApp();
    seed(app, 20, 60);
    const { keyHex: before } = await app.call('system.revealKey', { password: ADMIN.password });
    // While Deflect has the folder open, the command is refused.
    const busy = await deflect(['rekey', '--data-dir', app.dataDir, '--user', ADMIN.username], {
      DEFLECT_PASSWORD: ADMIN.password,
    });
    expect(busy.code).toBe(1);
    expect(errors(busy.stderr)).toEqual([expect.stringMatching(/^deflect rekey: Deflect is already open on this data folder/)]);
    app.backend.shutdown();

    const r = await deflect(['rekey', '--data-dir', app.dataDir, '--user', ADMIN.username], { DEFLECT_PASSWORD: ADMIN.password });
    expect(errors(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^New recovery key/);
    const recoveryKey = lines[1]!;
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(r.stdout).toMatch(/Keys rotated: the database is re-encrypted/);

    const after = makeApp(app.dataDir);
    await after.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await after.call('system.revealKey', { password: ADMIN.password })).keyHex).not.toBe(before);
    expect((await after.call('system.status', {})).tables.persons).toBe(20);
    after.backend.shutdown();
    const recovered = makeApp(app.dataDir);
    await recovered.call('auth.recover', { recoveryKey, username: ADMIN.username, newPassword: 'granite-orchard-willow-19' });
    recovered.backend.shutdown();
    expect(existsSync(join(app.dataDir, 'deflect.db.rotating'))).toBe(false);
  });
});
