import { describe, expect, it } from 'vitest';
import { ADMIN, setUpApp } from './helpers';

describe('auth.lock through the router', () => {
  it('locks the session and the audit log keeps the lock with its reason', async () => {
    const app = await setUpApp();
    expect(await app.router.call('auth.lock', { reason: 'idle' })).toEqual({ ok: true, value: {} });
    expect(app.backend.session?.locked).toBe(true);
    expect(await app.fail('users.list', {})).toMatchObject({ code: 'locked' });

    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await app.call('audit.list', { action: 'auth.lock' });
    expect(entries.map((e) => e.detail)).toEqual([{ reason: 'idle' }]);
    expect((await app.call('audit.verify', {})).ok).toBe(true);
  });
});
