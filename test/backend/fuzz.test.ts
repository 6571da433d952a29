import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract, type ProcedureName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/domain/roles';
import { contentHashes, seed } from './backupHelpers';
import { ADMIN, setUpApp } from './helpers';

const PASSWORD = 'violet-tractor-meadow-19';
const FINAL = 'copper-window-seagull-88';
/** Per procedure and role: 4 roles × every procedure × this many = thousands of calls. */
const RUNS = 12;

/** Inputs the procedure's own schema refuses (the router reads a missing input as {}). */
function malformed(name: ProcedureName): fc.Arbitrary<unknown> {
  const schema = contract[name].input;
  const refused = (v: unknown) => !schema.safeParse(v ?? {}).success;
  const anyJson = fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false, withObjectString: true });
  // Objects shaped like real input, with one field of the wrong kind or an unknown field added.
  const keys = Object.keys((schema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const shaped = keys.length
    ? fc
        .record({ key: fc.constantFrom(...keys, '__proto__', 'constructor', 'isAdmin'), value: anyJson })
        .map(({ key, value }) => ({ [key]: value }))
    : fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { minKeys: 1, maxKeys: 3 });
  return fc.oneof(anyJson, shaped, fc.string({ maxLength: 2000 }), fc.array(anyJson, { maxLength: 5 })).filter(refused);
}

function allowed(name: ProcedureName, role: Role): boolean {
  const access = contract[name].access;
  return access === 'public' || access === 'session' || access.includes(role);
}

describe('every router procedure under malformed input', { timeout: 600_000 }, () => {
  it('answers invalid_input or forbidden, never crashes, and changes no data', async () => {
    const app = await setUpApp();
    seed(app, 30, 90);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      await app.call('users.create', { username: role, displayName: `Test ${role}`, role, password: PASSWORD });
    }
    await app.call('auth.logout', {});
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      await app.call('auth.login', { username: role, password: PASSWORD });
      await app.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: FINAL });
      await app.call('auth.logout', {});
    }
    // The whole contract, whatever slices it has by now.
    const names = Object.keys(contract) as ProcedureName[];
    expect(names.length).toBeGreaterThan(50);
    const vaultPath = join(app.dataDir, 'deflect.vault.json');
    let calls = 0;

    for (const role of ROLES) {
      await app.call(
        'auth.login',
        role === 'admin' ? { username: ADMIN.username, password: ADMIN.password } : { username: role, password: FINAL },
      );
      const before = contentHashes(app.backend.requireDb());
      delete before.audit_log;
      const vaultBefore = readFileSync(vaultPath, 'utf8');
      for (const name of names) {
        await fc.assert(
          fc.asyncProperty(malformed(name), async (input) => {
            calls++;
            const r = await app.router.call(name, input);
            expect(r.ok, `${role} → ${name}(${JSON.stringify(input)?.slice(0, 120)})`).toBe(false);
            if (r.ok) return;
            const expected = allowed(name, role) ? 'invalid_input' : 'forbidden';
            expect(r.error.code, `${role} → ${name}: ${r.error.message}`).toBe(expected);
            expect(r.error.message).not.toMatch(/SQLITE|\.ts:\d|Error:|\[object/);
          }),
          { numRuns: RUNS, seed: 20261128 },
        );
      }
      // Still logged in, still the same data; the key file untouched.
      expect(app.backend.session).toMatchObject({ locked: false, user: { username: role === 'admin' ? ADMIN.username : role } });
      const after = contentHashes(app.backend.requireDb());
      delete after.audit_log;
      expect(after).toEqual(before);
      expect(readFileSync(vaultPath, 'utf8')).toBe(vaultBefore);
      await app.call('auth.logout', {});
    }
    expect(calls).toBeGreaterThanOrEqual(names.length * ROLES.length * RUNS);
    // Refusals are audited, and the chain is intact after thousands of them.
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await app.call('audit.verify', {})).ok).toBe(true);
  });
});
