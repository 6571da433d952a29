import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_DEPARTMENT_NAME, DEMO_PASSWORD, DEMO_SIZE } from '../../shared/domain/demo';
import { ADMIN, makeApp, setUpApp } from './helpers';

const demoDirs: string[] = [];
afterEach(() => {
  while (demoDirs.length) rmSync(demoDirs.pop()!, { recursive: true, force: true });
});

describe('Explore with demo data', () => {
  it('creates a separate demo store beside the real one, marked DEMO, with an account per role', async () => {
    const app = makeApp();
    demoDirs.push(`${app.dataDir}-demo`);
    expect(await app.call('demo.open', {})).toEqual({ created: true });
    const state = await app.call('system.state', {});
    expect(state).toMatchObject({ setupDone: true, demo: true, departmentName: DEMO_DEPARTMENT_NAME, session: null });
    expect(existsSync(`${app.dataDir}-demo/deflect.vault.json`)).toBe(true);
    expect(existsSync(`${app.dataDir}/deflect.vault.json`)).toBe(false);

    for (const account of DEMO_ACCOUNTS) {
      const { user } = await app.call('auth.login', { username: account.username, password: DEMO_PASSWORD });
      expect(user).toMatchObject({ role: account.role, mustChangePassword: false });
    }
    const { tables } = await app.call('system.status', {});
    expect(tables.persons).toBe(DEMO_SIZE.people);
    expect(tables.contacts).toBe(DEMO_SIZE.contacts);
    // The directory is made before the referrals, so the demo has providers, referrals to them and letters.
    expect(tables.hsds_service).toBeGreaterThan(0);
    expect(tables.referrals).toBeGreaterThan(0);
    expect(tables.letters).toBeGreaterThan(0);
    const home = await app.call('home.dashboard', {});
    expect(home.recentContacts.length).toBeGreaterThan(0);

    // Leaving returns to the real (here: not yet set up) store; the next visit reuses the demo store.
    await app.call('demo.leave', {});
    expect(await app.call('system.state', {})).toMatchObject({ setupDone: false, demo: false, session: null });
    expect(await app.call('demo.open', {})).toEqual({ created: false });
    expect((await app.call('system.state', {})).demo).toBe(true);
  });

  it('is refused while someone is logged in to the real store', async () => {
    const app = await setUpApp();
    demoDirs.push(`${app.dataDir}-demo`);
    const refused = await app.fail('demo.open', {});
    expect(refused.code).toBe('conflict');
    expect((await app.call('system.state', {})).session?.user.username).toBe(ADMIN.username);
    expect(existsSync(`${app.dataDir}-demo`)).toBe(false);
    await app.call('demo.leave', {});
    expect((await app.call('system.state', {})).session?.user.username).toBe(ADMIN.username);
  });
});
