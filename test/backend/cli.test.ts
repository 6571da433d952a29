import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { deflect, PASSWORD } from './cliHelpers';
import { tempDir } from './helpers';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

// Each case starts the real CLI (tsx + the full KDF cost): slow on a busy two-core machine.
describe('admin command line', { timeout: 240_000 }, () => {
  it('init, status, user add and reveal-key work end to end', async () => {
    const dir = join(tempDir(), 'store');
    const init = await deflect(['init', '--data-dir', dir, '--department', 'Testville PD', '--admin', 'chief'], {
      DEFLECT_PASSWORD: PASSWORD,
    });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/m);

    const add = await deflect(
      ['user', 'add', '--data-dir', dir, '--user', 'chief', '--username', 'patrol7', '--role', 'officer'],
      {
        DEFLECT_PASSWORD: PASSWORD,
        DEFLECT_NEW_PASSWORD: 'temporary-lantern-2026',
      },
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Created officer "patrol7"');

    const status = await deflect(['status', '--data-dir', dir, '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
    expect(status.code).toBe(0);
    const json = JSON.parse(status.stdout) as { schemaVersion: number; tables: Record<string, number> };
    expect(json.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(json.tables.users).toBe(2);

    const reveal = await deflect(['reveal-key', '--data-dir', dir, '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
    expect(reveal.code).toBe(0);
    const key = reveal.stdout.trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const db = new Database(join(dir, 'deflect.db'), { fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key}'"`);
    expect(db.prepare('SELECT username FROM users ORDER BY username').pluck().all()).toEqual(['chief', 'patrol7']);
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'system.revealKey'`).pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a non-admin reveal-key, wrong passwords, unknown users and foreign folders with one line and a non-zero exit, changing nothing', async () => {
    const dir = join(tempDir(), 'store');
    expect(
      (
        await deflect(['init', '--data-dir', dir, '--department', 'Testville PD', '--admin', 'chief'], {
          DEFLECT_PASSWORD: PASSWORD,
        })
      ).code,
    ).toBe(0);
    const dbBefore = sha(join(dir, 'deflect.db'));

    const wrong = await deflect(['status', '--data-dir', dir, '--user', 'chief'], { DEFLECT_PASSWORD: 'not-the-password-1' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n')).toEqual(['deflect status: Wrong username or password.']);

    const unknown = await deflect(['status', '--data-dir', dir, '--user', 'ghost'], { DEFLECT_PASSWORD: PASSWORD });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);

    const missing = await deflect(['status', '--data-dir', join(dir, 'nope'), '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Cannot reach the data folder .*nope: it does not exist/);

    const foreign = tempDir();
    writeFileSync(join(foreign, 'notes.txt'), 'hello');
    const f = await deflect(['status', '--data-dir', foreign, '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
    expect(f.code).not.toBe(0);
    expect(f.stderr).toMatch(/not a Deflect data folder/);
    const initForeign = await deflect(['init', '--data-dir', foreign, '--department', 'X PD', '--admin', 'chief'], {
      DEFLECT_PASSWORD: PASSWORD,
    });
    expect(initForeign.code).not.toBe(0);
    expect(initForeign.stderr).toMatch(/not empty/);

    const again = await deflect(['init', '--data-dir', dir, '--department', 'X PD', '--admin', 'chief'], {
      DEFLECT_PASSWORD: PASSWORD,
    });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds a Deflect store/);
    expect(sha(join(dir, 'deflect.db'))).toBe(dbBefore);

    expect(
      (
        await deflect(['user', 'add', '--data-dir', dir, '--user', 'chief', '--username', 'patrol1', '--role', 'officer'], {
          DEFLECT_PASSWORD: PASSWORD,
          DEFLECT_NEW_PASSWORD: 'temporary-lantern-2026',
        })
      ).code,
    ).toBe(0);
    const officerReveal = await deflect(['reveal-key', '--data-dir', dir, '--user', 'patrol1'], {
      DEFLECT_PASSWORD: 'temporary-lantern-2026',
    });
    expect(officerReveal.code).not.toBe(0);
    expect(officerReveal.stdout).toBe('');

    const badRole = await deflect(
      ['user', 'add', '--data-dir', dir, '--user', 'chief', '--username', 'p2', '--role', 'sheriff'],
      { DEFLECT_PASSWORD: PASSWORD },
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of/);

    const noPassword = await deflect(['status', '--data-dir', dir, '--user', 'chief']);
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toMatch(/DEFLECT_PASSWORD/);

    const unknownOption = await deflect(['status', '--data-dir', dir, '--user', 'chief', '--password', 'x'], {
      DEFLECT_PASSWORD: PASSWORD,
    });
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option/);
  });

  it('an empty folder is named as such', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const r = await deflect(['status', '--data-dir', join(dir, 'empty'), '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/is empty/);
  });
});
