import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '../../electron/backend/vault/crypto';
import { ADMIN, DEPARTMENT, makeApp, setUpApp, tempDir } from './helpers';

const OFFICER = {
  username: 'officer1',
  displayName: 'Officer One',
  role: 'officer' as const,
  password: 'violet-tractor-meadow-19',
};

describe('key slots and accounts', () => {
  it('uses an OWASP-strength scrypt for key slots by default', () => {
    expect(DEFAULT_KDF.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_KDF.r).toBeGreaterThanOrEqual(8);
  });

  it('keeps no usernames or keys in the key file in the clear', async () => {
    const app = await setUpApp();
    const text = readFileSync(join(app.dataDir, 'deflect.vault.json'), 'utf8');
    expect(text).not.toContain(ADMIN.username + '"');
    expect(text).not.toContain(ADMIN.password);
    expect(text).not.toContain(app.recoveryKey);
  });

  it('refuses a second setup', async () => {
    const app = await setUpApp();
    const err = await app.fail('auth.setup', { department: DEPARTMENT, admin: ADMIN });
    expect(err.code).toBe('already_setup');
  });

  it('enforces the password policy with the field named', async () => {
    const app = makeApp();
    for (const password of ['short-one', 'password1234', 'Password123456!', 'aaaaaaaaaaaaaaaa', 'admin-secret-xyzzy']) {
      const err = await app.fail('auth.setup', { department: DEPARTMENT, admin: { ...ADMIN, password } });
      expect(err, password).toMatchObject({ code: 'invalid_input', field: 'admin.password' });
    }
    expect(app.backend.isSetUp()).toBe(false);
  });

  it('counts wrong passwords and locks the account for 10 minutes after 5, across a restart', async () => {
    let now = Date.parse('2026-11-28T08:00:00Z');
    const clock = () => now;
    const app = await setUpApp({ now: clock });
    await app.call('users.create', OFFICER);
    app.backend.logout();

    // The last two tries before the lockout say how many are left.
    const messages = [
      'Wrong username or password.',
      'Wrong username or password.',
      'Wrong username or password. 2 attempts left before the account locks for 10 minutes.',
      'Wrong username or password. 1 attempt left before the account locks for 10 minutes.',
    ];
    for (const message of messages) {
      const err = await app.fail('auth.login', { username: OFFICER.username, password: 'wrong-password-guess' });
      expect(err).toEqual({ code: 'bad_credentials', message });
    }
    const fifth = await app.fail('auth.login', { username: OFFICER.username, password: 'wrong-password-guess' });
    expect(fifth.code).toBe('locked_out');
    expect(fifth.message).toMatch(/locked for 10 minutes/);

    // A restart does not lift the lockout, and the right password does not get through.
    app.backend.shutdown();
    const restarted = makeApp(app.dataDir, { now: clock });
    const stillLocked = await restarted.fail('auth.login', { username: OFFICER.username, password: OFFICER.password });
    expect(stillLocked.code).toBe('locked_out');

    now += 10 * 60_000 + 1000;
    const ok = await restarted.call('auth.login', { username: OFFICER.username, password: OFFICER.password });
    expect(ok.user.username).toBe(OFFICER.username);
    expect(ok.user.mustChangePassword).toBe(true);
    await restarted.call('auth.logout', {});

    // The failures and the lockout reached the audit log once the database was unlocked.
    await restarted.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await restarted.call('audit.list', { limit: 100 });
    const officerEvents = entries.filter((e) => e.username === OFFICER.username).map((e) => `${e.action}:${e.outcome}`);
    expect(officerEvents.filter((e) => e === 'auth.login:failure')).toHaveLength(5);
    expect(officerEvents).toContain('auth.lockout:success');
    expect(officerEvents).toContain('auth.login:denied');
    expect(officerEvents).toContain('auth.login:success');
  });

  it('does not reveal whether a username exists, and never records the name typed', async () => {
    const app = await setUpApp();
    app.backend.logout();
    const err = await app.fail('auth.login', { username: 'nobody-here', password: 'whatever-it-is-123' });
    expect(err).toEqual({ code: 'bad_credentials', message: 'Wrong username or password.' });
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await app.call('audit.list', { limit: 50 });
    const unknown = entries.find((e) => e.detail.reason === 'unknown_user');
    expect(unknown).toMatchObject({ username: null, outcome: 'failure' });
    expect(JSON.stringify(entries)).not.toContain('nobody-here');
  });

  it('lets an admin reset a password, which the user must then change; deactivation shuts the account out', async () => {
    const app = await setUpApp();
    const { user } = await app.call('users.create', OFFICER);
    await app.call('users.resetPassword', { id: user.id, password: 'temporary-lantern-2026' });
    await app.call('auth.logout', {});

    const err = await app.fail('auth.login', { username: OFFICER.username, password: OFFICER.password });
    expect(err.code).toBe('bad_credentials');
    const login = await app.call('auth.login', { username: OFFICER.username, password: 'temporary-lantern-2026' });
    expect(login.user.mustChangePassword).toBe(true);
    const blocked = await app.fail('system.status', {});
    expect(blocked.code).toBe('password_change_required');
    const same = await app.fail('auth.changePassword', {
      currentPassword: 'temporary-lantern-2026',
      newPassword: 'temporary-lantern-2026',
    });
    expect(same).toMatchObject({ code: 'invalid_input', field: 'newPassword' });
    const badCurrent = await app.fail('auth.changePassword', {
      currentPassword: 'nope-nope-nope-1',
      newPassword: 'copper-window-seagull-88',
    });
    expect(badCurrent).toMatchObject({ code: 'bad_credentials', field: 'currentPassword' });
    const changed = await app.call('auth.changePassword', {
      currentPassword: 'temporary-lantern-2026',
      newPassword: 'copper-window-seagull-88',
    });
    expect(changed.user.mustChangePassword).toBe(false);
    await app.call('system.status', {});
    await app.call('auth.logout', {});

    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await app.call('users.deactivate', { id: user.id });
    await app.call('auth.logout', {});
    const gone = await app.fail('auth.login', { username: OFFICER.username, password: 'copper-window-seagull-88' });
    expect(gone.code).toBe('bad_credentials');
  });

  it('will not deactivate or demote the last administrator', async () => {
    const app = await setUpApp();
    const { users } = await app.call('users.list', {});
    const admin = users[0]!;
    expect((await app.fail('users.deactivate', { id: admin.id })).code).toBe('conflict');
    expect(await app.fail('users.update', { id: admin.id, role: 'officer' })).toMatchObject({ code: 'conflict', field: 'role' });
  });

  it('recovers an administrator with the recovery key, typed loosely', async () => {
    const app = await setUpApp();
    app.backend.logout();
    const wrong = await app.fail('auth.recover', {
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      username: ADMIN.username,
      newPassword: 'brand-new-harbour-77',
    });
    expect(wrong).toMatchObject({ code: 'bad_credentials', field: 'recoveryKey' });
    const typed = app.recoveryKey.toLowerCase().replace(/-/g, ' ');
    await app.call('auth.recover', { recoveryKey: typed, username: ADMIN.username, newPassword: 'brand-new-harbour-77' });
    expect((await app.fail('auth.login', { username: ADMIN.username, password: ADMIN.password })).code).toBe('bad_credentials');
    await app.call('auth.login', { username: ADMIN.username, password: 'brand-new-harbour-77' });
  });

  it('a new folder has no store until setup finishes', () => {
    const app = makeApp(join(tempDir(), 'new'));
    expect(app.backend.isSetUp()).toBe(false);
  });
});

describe('setup never overwrites data', () => {
  it('refuses to set up over a database whose key file is missing, and keeps the database', async () => {
    const app = await setUpApp();
    app.backend.shutdown();
    const before = readFileSync(app.backend.dbPath);
    rmSync(join(app.dataDir, 'deflect.vault.json'));
    const fresh = makeApp(app.dataDir);
    const err = await fresh.fail('auth.setup', { department: DEPARTMENT, admin: ADMIN });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/key file .* is missing/);
    expect(readFileSync(app.backend.dbPath).equals(before)).toBe(true);
  });
});
