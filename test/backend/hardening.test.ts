import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VaultFile } from '../../electron/backend/vault/file';
import { ADMIN, makeApp, setUpApp, type TestApp } from './helpers';
import { contactFields, setUpUnit } from './intake-helpers';

function editVault(app: TestApp, edit: (v: VaultFile) => void): void {
  const path = join(app.dataDir, 'deflect.vault.json');
  const vault = JSON.parse(readFileSync(path, 'utf8')) as VaultFile;
  edit(vault);
  writeFileSync(path, JSON.stringify(vault));
}

describe('inactivity lock', () => {
  it('refuses minutes outside 1–30 with a message naming the field, and changes nothing', async () => {
    const app = await setUpApp();
    for (const minutes of [0, 31, 45, 1_000_000, 2.5, -3]) {
      const err = await app.fail('settings.update', { idleLockMinutes: minutes });
      expect(err, String(minutes)).toMatchObject({
        code: 'invalid_input',
        field: 'idleLockMinutes',
        message: 'Inactivity lock must be from 1 to 30 minutes (whole minutes).',
      });
    }
    expect((await app.call('settings.get', {})).idleLockMinutes).toBe(15);
  });

  it('lives in the encrypted database: a key file edited to 0 or 1,000,000 minutes does not disable it', async () => {
    let now = Date.parse('2026-11-28T08:00:00Z');
    const app = await setUpApp({ now: () => now });
    await app.call('settings.update', { idleLockMinutes: 10 });
    const { entries } = await app.call('audit.list', { action: 'settings.update', limit: 1 });
    expect(entries[0]!.detail).toMatchObject({ idleLockMinutes: 10 });
    // One program per data folder: each "restart" below ends the previous one.
    app.backend.shutdown();

    for (const edited of [1_000_000, 0]) {
      editVault(app, (v) => (v.public.idleLockMinutes = edited));
      // Before login only the key file's copy exists: it is clamped to 1–30.
      const fresh = makeApp(app.dataDir, { now: () => now });
      expect((await fresh.call('system.state', {})).idleLockMinutes).toBe(edited === 0 ? 1 : 30);
      // After login the database's 10 minutes count, whatever the file says.
      const login = await fresh.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect(login.idleLockMinutes).toBe(10);
      expect((await fresh.call('settings.get', {})).idleLockMinutes).toBe(10);
      now += 11 * 60_000;
      expect((await fresh.fail('settings.get', {})).code).toBe('locked');
      fresh.backend.shutdown();
    }
  });
});

describe('reads of personal data are audited', () => {
  it('people.history, home.dashboard, drafts.get and searches (with the number of results, never the words)', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    const saved = await unit.call('contacts.create', {
      subject: { kind: 'new', person: { firstName: 'Varnel', lastName: 'Oskadine', dateOfBirth: '1988-04-09' } },
      contact: contactFields(unit.ids.officer),
    });
    const personId = saved.person!.id;
    await unit.call('people.history', { id: personId });
    await unit.call('home.dashboard', {});
    await unit.call('drafts.save', { formKey: 'intake', content: { note: 'half-typed' } });
    await unit.call('drafts.get', { formKey: 'intake' });
    const found = await unit.call('people.search', { query: 'Oskadine' });
    expect(found.results.length).toBeGreaterThan(0);
    await unit.call('people.findDuplicates', { person: { firstName: 'Varnel', lastName: 'Oskadine' } });

    await unit.as('admin');
    const { entries } = await unit.call('audit.list', { limit: 200 });
    const officer = entries.filter((e) => e.userId === unit.ids.officer);
    const one = (action: string) => officer.find((e) => e.action === action);
    expect(one('people.history')).toMatchObject({ targetType: 'person', targetId: personId, outcome: 'success' });
    expect(one('home.dashboard')?.detail).toMatchObject({ recentContacts: 1 });
    expect(one('drafts.get')?.detail).toMatchObject({ formKey: 'intake', found: true });
    expect(one('people.search')?.detail).toEqual({ results: found.results.length });
    expect(one('people.findDuplicates')?.detail).toHaveProperty('results');
    expect(JSON.stringify(entries)).not.toContain('Oskadine');
  });
});

describe.skipIf(process.platform === 'win32')('files in the data folder', () => {
  it('are created readable and writable by their owner only (0600)', async () => {
    const app = await setUpApp();
    await app.call('settings.update', { banner: 'Authorised use only; every action is recorded by the department.' });
    const files = readdirSync(app.dataDir);
    expect(files).toEqual(expect.arrayContaining(['deflect.db', 'deflect.db-wal', 'deflect.db-shm', 'deflect.vault.json']));
    for (const name of files) {
      expect((statSync(join(app.dataDir, name)).mode & 0o777).toString(8), name).toBe('600');
    }
    expect((statSync(app.dataDir).mode & 0o777).toString(8)).toBe('700');
  });
});
