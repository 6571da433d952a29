import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract, type ProcedureName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/domain/roles';
import { ADMIN, setUpApp, type TestApp } from './helpers';

const PASSWORD = 'violet-tractor-meadow-19';
const FINAL = 'copper-window-seagull-88';

/** A store with one account per role, each past its first-login password change. */
async function storeWithEveryRole(): Promise<TestApp & { loginAs(role: Role): Promise<void> }> {
  const app = await setUpApp();
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await app.call('users.create', { username: role, displayName: `Test ${role}`, role, password: PASSWORD });
  }
  await app.call('auth.logout', {});
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await app.call('auth.login', { username: role, password: PASSWORD });
    await app.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: FINAL });
    await app.call('auth.logout', {});
  }
  return {
    ...app,
    async loginAs(role: Role) {
      if (app.backend.session) await app.call('auth.logout', {});
      await app.call(
        'auth.login',
        role === 'admin' ? { username: ADMIN.username, password: ADMIN.password } : { username: role, password: FINAL },
      );
    },
  };
}

// Calls that end or lock the session are exercised elsewhere.
const SESSION_CHANGING = new Set<ProcedureName>(['auth.logout', 'auth.lock', 'auth.login', 'auth.setup', 'auth.recover']);

describe('router', () => {
  it('enforces the role matrix for every procedure, and audits each refusal', async () => {
    const app = await storeWithEveryRole();
    const names = Object.keys(contract) as ProcedureName[];
    for (const role of ROLES) {
      await app.loginAs(role);
      for (const name of names) {
        const def = contract[name];
        if (def.access === 'public' || SESSION_CHANGING.has(name)) continue;
        const result = await app.router.call(name, {});
        const allowed = def.access === 'session' || def.access.includes(role);
        if (allowed) {
          expect(result.ok || result.error.code !== 'forbidden', `${role} → ${name}`).toBe(true);
        } else {
          expect(result, `${role} → ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
      }
    }
    await app.loginAs('admin');
    const { entries } = await app.call('audit.list', { limit: 500 });
    const denied = entries.filter((e) => e.outcome === 'denied' && e.username === 'officer');
    expect(denied.map((e) => e.action)).toContain('users.list');
    expect(denied.find((e) => e.action === 'users.create')?.detail.role).toBe('officer');
  });

  it('an officer calling an admin procedure gets forbidden, nothing changes, and the attempt is audited', async () => {
    const app = await storeWithEveryRole();
    await app.loginAs('officer');
    const r = await app.router.call('users.create', {
      username: 'sneaky',
      displayName: 'Sneaky',
      role: 'admin',
      password: 'long-enough-pass-1',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Your role does not allow this.' } });
    await app.loginAs('admin');
    const { users } = await app.call('users.list', {});
    expect(users.map((u) => u.username)).not.toContain('sneaky');
    const { entries } = await app.call('audit.list', { action: 'users.create', limit: 10 });
    expect(entries[0]).toMatchObject({ username: 'officer', outcome: 'denied' });
  });

  it('rejects malformed input naming the field, and changes nothing', async () => {
    const app = await setUpApp();
    const before = await app.call('system.status', {});
    const cases: [string, unknown, string][] = [
      ['users.create', { username: 'ok-name', displayName: 'X', role: 'sheriff', password: PASSWORD }, 'role'],
      ['users.create', { username: 'a', displayName: 'X', role: 'officer', password: PASSWORD }, 'username'],
      ['users.create', { username: 'ok-name', displayName: 'X'.repeat(81), role: 'officer', password: PASSWORD }, 'displayName'],
      ['users.create', { username: 'ok-name', displayName: 'X', role: 'officer', password: PASSWORD, isAdmin: true }, 'isAdmin'],
      ['users.create', { username: 'ok-name', displayName: 'X', role: 'officer', password: 'short' }, 'password'],
      ['settings.update', { idleLockMinutes: 45 }, 'idleLockMinutes'],
      ['settings.update', { department: { name: '' } }, 'department.name'],
      ['settings.update', { department: { name: 'Ok', postalCode: 'abc' } }, 'department.postalCode'],
      ['users.deactivate', { id: 'not-a-uuid' }, 'id'],
    ];
    for (const [name, input, field] of cases) {
      const r = await app.router.call(name, input);
      expect(r, `${name} ${field}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
    }
    const after = await app.call('system.status', {});
    expect(after.tables.users).toBe(before.tables.users);
    expect(after.tables.audit_log).toBe(before.tables.audit_log);
    expect((await app.call('settings.get', {})).idleLockMinutes).toBe(15);
  });

  it('never crashes or leaks internals, whatever the window sends', async () => {
    const app = await setUpApp();
    const names = [
      ...Object.keys(contract).filter((n) => !SESSION_CHANGING.has(n as ProcedureName)),
      'nope.nothing',
      '__proto__',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (name, input) => {
        const r = await app.router.call(name, input);
        if (!r.ok) {
          expect(r.error.code).not.toBe('internal');
          expect(r.error.message).not.toMatch(/SQLITE|at .*\.ts|Error:/);
        }
      }),
      { numRuns: 300 },
    );
    expect(app.backend.session?.locked).toBe(false);
  });

  it('locks after the idle limit even if the window does not, and the same user resumes', async () => {
    let now = Date.parse('2026-11-28T08:00:00Z');
    const app = await setUpApp({ now: () => now });
    now += 14 * 60_000;
    await app.call('auth.heartbeat', {});
    now += 14 * 60_000;
    await app.call('system.status', {});
    now += 15 * 60_000 + 1;
    expect((await app.fail('system.status', {})).code).toBe('locked');
    expect(app.backend.isOpen()).toBe(false);
    const state = await app.call('system.state', {});
    expect(state.session).toMatchObject({ locked: true, user: { username: ADMIN.username } });
    const unlocked = await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked.resumed).toBe(true);
    const { entries } = await app.call('audit.list', { limit: 5 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.lock', 'auth.unlock']));
    expect(entries.find((e) => e.action === 'auth.lock')?.detail.reason).toBe('idle');
  });

  it('a different user unlocking ends the previous session instead of resuming it', async () => {
    const app = await setUpApp();
    await app.call('users.create', { username: 'second', displayName: 'Second', role: 'coordinator', password: PASSWORD });
    await app.call('auth.lock', { reason: 'os' });
    const r = await app.call('auth.login', { username: 'second', password: PASSWORD });
    expect(r.resumed).toBe(false);
    expect(app.backend.session?.user.username).toBe('second');
  });

  it('detects a tampered audit log', async () => {
    const app = await setUpApp();
    await app.call('settings.update', { idleLockMinutes: 10 });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true, firstBadSeq: null });
    const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
    app.backend.logout();
    const raw = new Database(app.backend.dbPath);
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${keyHex}'"`);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET outcome = 'failure' WHERE action = 'settings.update'`).run();
    raw.close();
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const v = await app.call('audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBadSeq).toBeGreaterThan(0);
  });

  it('the audit log refuses edits from the application side', async () => {
    const app = await setUpApp();
    const db = app.backend.requireDb();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare(`UPDATE audit_log SET action = 'x'`).run()).toThrow(/cannot be changed/);
  });
});
