import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { DRAFT_MAX_CHARS } from '../../shared/contract/intake';
import { contactFields, NOW, setUpUnit } from './intake-helpers';
import { TEST_KDF } from './helpers';

const DRAFT = { step: 'contact', person: { firstName: 'Ravito', lastName: 'Quen' }, narrative: 'Met near the library' };

describe('intake drafts', () => {
  it('come back to the same user after a lock, and never to another user', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    const { savedAt } = await unit.call('drafts.save', { formKey: 'intake', content: DRAFT });
    expect(savedAt).toBe(new Date(NOW).toISOString());
    await unit.call('auth.lock', { reason: 'idle' });
    expect((await unit.fail('drafts.get', { formKey: 'intake' })).code).toBe('locked');
    await unit.as('officer');
    expect((await unit.call('drafts.get', { formKey: 'intake' })).draft?.content).toEqual(DRAFT);

    await unit.as('coresponder');
    expect((await unit.call('drafts.get', { formKey: 'intake' })).draft).toBeNull();
    expect((await unit.call('drafts.list', {})).drafts).toEqual([]);
    // Another user's discard leaves the officer's draft alone.
    await unit.call('drafts.discard', { formKey: 'intake' });
    await unit.as('officer');
    expect((await unit.call('drafts.list', {})).drafts.map((d) => d.formKey)).toEqual(['intake']);
  });

  // A draft that survives SIGKILL of the whole process is proven in crash.test.ts.
  it('survive a restart of the app', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    await unit.call('drafts.save', { formKey: 'intake', content: DRAFT });
    await unit.call('drafts.save', { formKey: 'intake', content: { ...DRAFT, narrative: 'Met near the library, second try' } });
    unit.backend.shutdown();
    const { router } = createBackend({ dataDir: unit.dataDir, kdfCost: TEST_KDF, now: () => NOW });
    const login = await router.call('auth.login', { username: 'officer', password: 'violet-canyon-lantern-17' });
    expect(login.ok).toBe(true);
    const got = await router.call('drafts.get', { formKey: 'intake' });
    expect(got).toMatchObject({ ok: true, value: { draft: { content: { narrative: 'Met near the library, second try' } } } });
  });

  it('are audited when started and discarded, not on every autosave', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    for (let i = 0; i < 5; i++) await unit.call('drafts.save', { formKey: 'intake', content: { ...DRAFT, i } });
    await unit.call('drafts.discard', { formKey: 'intake' });
    await unit.as('admin');
    const saves = await unit.call('audit.list', { action: 'drafts.save', limit: 50 });
    const discards = await unit.call('audit.list', { action: 'drafts.discard', limit: 50 });
    expect(saves.total).toBe(1);
    expect(discards.total).toBe(1);
    expect(JSON.stringify(saves.entries)).not.toContain('Ravito');
  });

  it('are removed when the intake they belong to is saved', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    await unit.call('drafts.save', { formKey: 'intake', content: DRAFT });
    await unit.call('contacts.create', {
      subject: { kind: 'anonymous', description: 'Woman about 30, blue coat' },
      contact: contactFields(unit.ids.officer),
      draftKey: 'intake',
    });
    expect((await unit.call('drafts.get', { formKey: 'intake' })).draft).toBeNull();
  });

  it('refuse oversized content and bad form names, keeping the last good draft', async () => {
    const unit = await setUpUnit();
    await unit.as('officer');
    await unit.call('drafts.save', { formKey: 'intake', content: DRAFT });
    const big = await unit.fail('drafts.save', { formKey: 'intake', content: { narrative: 'x'.repeat(DRAFT_MAX_CHARS) } });
    expect(big).toMatchObject({ code: 'invalid_input', field: 'content' });
    const badKey = await unit.fail('drafts.save', { formKey: '../etc', content: DRAFT });
    expect(badKey).toMatchObject({ code: 'invalid_input', field: 'formKey' });
    expect((await unit.call('drafts.get', { formKey: 'intake' })).draft?.content).toEqual(DRAFT);
  });
});
