import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { everySealedValueOpens } from '../../electron/backend/clinical/rekey';
import { seedStore } from '../../electron/backend/demo/seed';
import { contentHashes, finished } from './backupHelpers';
import { ADMIN, makeApp, setUpApp, tempDir, type TestApp } from './helpers';
import { contactFields } from './intake-helpers';

const STAFF = {
  officer: { username: 'ofc.rowe', password: 'lantern-meadow-copper-77' },
  coresponder: { username: 'cr.adeyemi', password: 'harbour-violet-spruce-31' },
} as const;
const NOTE = 'Talked through the safety plan; agreed to call the crisis line tonight.';

function openRaw(path: string, keyHex: string): Database.Database {
  const db = new Database(path, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

/** An admin, an officer and a co-responder (passwords changed), a contact with a clinical note, some records. */
async function unit() {
  const app = await setUpApp();
  const ids: Record<string, string> = {};
  for (const role of ['officer', 'coresponder'] as const) {
    const who = STAFF[role];
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { user } = await app.call('users.create', {
      username: who.username,
      displayName: `Test ${role}`,
      role,
      password: 'temporary-pass-phrase-9',
    });
    ids[role] = user.id;
    await app.call('auth.login', { username: who.username, password: 'temporary-pass-phrase-9' });
    await app.call('auth.changePassword', { currentPassword: 'temporary-pass-phrase-9', newPassword: who.password });
  }
  await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  seedStore(app.backend, { people: 30, contacts: 120, seed: 3 });
  const saved = await app.call('contacts.create', {
    subject: { kind: 'new', person: { firstName: 'Orlin', lastName: 'Pexamy' }, allowDuplicate: true },
    contact: { ...contactFields(ids.officer!), occurredAt: new Date(Date.now() - 3_600_000).toISOString(), clinicalNote: NOTE },
  });
  // A participant milestone with a note: sealed with the clinical key too.
  await app.call('participants.record', {
    personId: saved.person!.id,
    milestone: { kind: 'housing', date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), note: NOTE },
  });
  const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
  return { ...app, ids, contactId: saved.contact.id, personId: saved.person!.id, oldKey: keyHex };
}

async function rotate(app: TestApp) {
  const preview = await app.call('keys.prepareRotation', {});
  await app.call('keys.rotate', { recoveryKey: preview.recoveryKey, password: ADMIN.password });
  const done = await finished(app);
  return { preview, done };
}

describe('key rotation', () => {
  it('re-encrypts the database, re-seals clinical values, rewraps every slot and issues a new recovery key', async () => {
    const app = await unit();
    const oldClinical = Buffer.from(app.backend.requireClinicalKey());
    const before = contentHashes(app.backend.requireDb());
    const backupFolder = tempDir('deflect-rot-backups-');
    await app.call('backups.start', { folder: backupFolder });
    const backupBefore = (await finished(app)).backup!.file!;

    const { preview, done } = await rotate(app);
    expect(preview.keep.map((k) => k.username).sort()).toEqual([STAFF.coresponder.username, STAFF.officer.username].sort());
    expect(preview.needReset).toEqual([]);
    expect(done.message).toBeNull();
    const sealed = app.backend
      .requireDb()
      .prepare(
        `SELECT (SELECT count(*) FROM contact_clinical WHERE note LIKE 'dcs1.%') + (SELECT count(*) FROM screenings WHERE result LIKE 'dcs1.%')
              + (SELECT count(*) FROM participant_milestones WHERE note LIKE 'dcs1.%')`,
      )
      .pluck()
      .get() as number;
    expect(sealed).toBeGreaterThan(1);
    expect(done.rotation).toEqual({ kept: 2, needReset: [], resealed: sealed });

    // A new data key: the old one opens nothing; the administrator's session goes on with the new one.
    const { keyHex: newKey } = await app.call('system.revealKey', { password: ADMIN.password });
    expect(newKey).not.toBe(app.oldKey);
    const dbPath = join(app.dataDir, 'deflect.db');
    expect(() => openRaw(dbPath, app.oldKey).prepare('SELECT count(*) FROM users').get()).toThrow();
    expect((await app.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
    // Same records; the clinical values re-sealed (new ciphertext), all under the new clinical key only.
    const after = contentHashes(app.backend.requireDb());
    for (const t of Object.keys(before))
      if (!['audit_log', 'meta', 'contact_clinical', 'screenings', 'participant_milestones', 'users'].includes(t))
        expect(after[t], t).toBe(before[t]);
    expect(after.contact_clinical).not.toBe(before.contact_clinical);
    expect(after.participant_milestones).not.toBe(before.participant_milestones);
    expect(everySealedValueOpens(app.backend.requireDb(), app.backend.requireClinicalKey())).toBe(true);
    expect(everySealedValueOpens(app.backend.requireDb(), oldClinical)).toBe(false);
    const audit = await app.call('audit.list', { action: 'keys.rotate', limit: 5 });
    expect(audit.entries[0]).toMatchObject({
      outcome: 'success',
      username: ADMIN.username,
      detail: { accountsKept: 2, resealed: sealed },
    });
    expect((await app.call('audit.verify', {})).ok).toBe(true);
    expect((await app.call('keys.status', {})).lastRotatedBy).toBe(ADMIN.username);

    // Everyone else keeps their password; the co-responder still reads clinical notes, the officer does not.
    await app.call('auth.login', { username: STAFF.coresponder.username, password: STAFF.coresponder.password });
    expect((await app.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
    const { milestones } = await app.call('people.timeline', { id: app.personId });
    expect(milestones.manual.map((m) => m.note)).toEqual([NOTE]);
    const vault = JSON.parse(readFileSync(join(app.dataDir, 'deflect.vault.json'), 'utf8')) as {
      slots: { userId: string; rekey: unknown }[];
    };
    expect(vault.slots.find((s) => s.userId === app.ids.coresponder)!.rekey).toBeNull();
    await app.call('auth.login', { username: STAFF.officer.username, password: STAFF.officer.password });
    expect((await app.fail('contacts.clinical', { id: app.contactId })).code).toBe('forbidden');

    // The old recovery key no longer opens the store; the new one does.
    app.backend.shutdown();
    const again = makeApp(app.dataDir);
    const oldRecovery = await again.fail('auth.recover', {
      recoveryKey: app.recoveryKey,
      username: ADMIN.username,
      newPassword: 'granite-orchard-willow-19',
    });
    expect(oldRecovery.code).toBe('bad_credentials');
    await again.call('auth.recover', {
      recoveryKey: preview.recoveryKey,
      username: ADMIN.username,
      newPassword: 'granite-orchard-willow-19',
    });

    // A backup from before the rotation needs the recovery key of its time.
    const target = join(tempDir(), 'restored');
    const wrong = await again.router.call('restore.start', {
      file: backupBefore,
      recoveryKey: preview.recoveryKey,
      targetDir: target,
    });
    expect(wrong.ok).toBe(true);
    expect((await finished(again)).message).toMatch(/recovery key does not open this backup/);
    await again.call('restore.start', { file: backupBefore, recoveryKey: app.recoveryKey, targetDir: target });
    expect((await finished(again)).ok).toBe(true);
    again.backend.shutdown();
  });

  it('asks for the new recovery key typed back and the password; refuses other calls while it runs; stops when the workstation locks', async () => {
    const app = await unit();
    const preview = await app.call('keys.prepareRotation', {});
    expect(
      await app.fail('keys.rotate', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', password: ADMIN.password }),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'recoveryKey',
    });
    await app.call('keys.rotate', {
      recoveryKey: preview.recoveryKey.toLowerCase().replace(/-/g, ' '),
      password: 'not-the-password-at-all',
    });
    const wrongPassword = await finished(app);
    expect(wrongPassword).toMatchObject({ ok: false, field: 'password' });
    expect((await app.call('system.revealKey', { password: ADMIN.password })).keyHex).toBe(app.oldKey);

    // While it runs, the store is the rotation's alone.
    await app.call('keys.rotate', { recoveryKey: preview.recoveryKey, password: ADMIN.password });
    const refused = await app.fail('people.create', { person: { firstName: 'During', lastName: 'Rotation' } });
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/keys are being rotated/) });
    // Locking forgets the keys: the rotation stops and nothing changes.
    await app.call('auth.lock', { reason: 'manual' });
    const stopped = await finished(app);
    expect(stopped.ok).toBe(false);
    expect(stopped.message).toMatch(/stopped .* Nothing was changed/);
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await app.call('system.revealKey', { password: ADMIN.password })).keyHex).toBe(app.oldKey);
    expect((await app.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
  });

  it('gives a store upgraded from before the clinical key a recovery key (and backups) that open clinical notes again', async () => {
    const app = await unit();
    // Turn the store back into an older one after migration 4: plain clinical values, no clinical key anywhere.
    const db = app.backend.requireDb();
    db.prepare('UPDATE contact_clinical SET note = ?').run(NOTE);
    db.prepare('UPDATE screenings SET result = ?').run(JSON.stringify({ answers: [3, 3], score: 6, positive: true }));
    db.prepare(`DELETE FROM meta WHERE key = 'clinical_key_check'`).run();
    db.prepare(`UPDATE participant_milestones SET note = ''`).run(); // a later table: no sealed values in such a store
    app.backend.logout();
    const path = join(app.dataDir, 'deflect.vault.json');
    const vault = JSON.parse(readFileSync(path, 'utf8')) as { slots: { clinical: unknown; publicKeyMac: unknown }[] };
    for (const s of vault.slots) {
      s.clinical = null;
      s.publicKeyMac = null;
    }
    writeFileSync(path, JSON.stringify(vault));
    // The first administrator login creates the clinical key; the recovery key cannot receive it then.
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await app.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
    expect((await app.call('keys.status', {})).recoveryKeyOpensClinical).toBe(false);
    app.backend.logout();

    // The gap, on a copy of the folder: with the password lost, the old recovery key gets the records but not the notes.
    const copyDir = join(tempDir(), 'copy');
    cpSync(app.dataDir, copyDir, { recursive: true });
    const copy = makeApp(copyDir);
    await copy.call('auth.recover', {
      recoveryKey: app.recoveryKey,
      username: ADMIN.username,
      newPassword: 'granite-orchard-willow-19',
    });
    await copy.call('auth.login', { username: ADMIN.username, password: 'granite-orchard-willow-19' });
    expect((await copy.fail('contacts.clinical', { id: app.contactId })).message).toMatch(/clinical key/);
    copy.backend.shutdown();

    // A rotation issues a recovery key that holds the new clinical key, and backups carry it.
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { preview, done } = await rotate(app);
    expect(done.message).toBeNull();
    expect((await app.call('keys.status', {})).recoveryKeyOpensClinical).toBe(true);
    const backupFolder = tempDir('deflect-rot-backups-');
    await app.call('backups.start', { folder: backupFolder });
    const backupFile = (await finished(app)).backup!.file!;
    app.backend.shutdown();

    // Every administrator password lost: the new recovery key alone brings back the clinical notes…
    const again = makeApp(app.dataDir);
    await again.call('auth.recover', {
      recoveryKey: preview.recoveryKey,
      username: ADMIN.username,
      newPassword: 'granite-orchard-willow-19',
    });
    await again.call('auth.login', { username: ADMIN.username, password: 'granite-orchard-willow-19' });
    expect((await again.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
    again.backend.logout();

    // …in the store and in a backup restored into a new folder.
    const target = join(tempDir(), 'restored');
    await again.call('restore.start', { file: backupFile, recoveryKey: preview.recoveryKey, targetDir: target, useIt: false });
    expect((await finished(again)).message).toBeNull();
    again.backend.shutdown();
    const restored = makeApp(target);
    await restored.call('auth.recover', {
      recoveryKey: preview.recoveryKey,
      username: ADMIN.username,
      newPassword: 'quartz-lantern-meadow-58',
    });
    await restored.call('auth.login', { username: ADMIN.username, password: 'quartz-lantern-meadow-58' });
    expect((await restored.call('contacts.clinical', { id: app.contactId })).clinicalNote).toBe(NOTE);
    restored.backend.shutdown();
  });

  it('an account whose key pair is not vouched for gets nothing, and is listed as needing a new password', async () => {
    const app = await unit();
    // A key pair slipped into the key file (or a slot from before version 2): no voucher from the clinical key.
    const path = join(app.dataDir, 'deflect.vault.json');
    const vault = JSON.parse(readFileSync(path, 'utf8')) as { slots: { userId: string; publicKeyMac: string | null }[] };
    vault.slots.find((s) => s.userId === app.ids.officer)!.publicKeyMac = null;
    writeFileSync(path, JSON.stringify(vault));
    const { preview, done } = await rotate(app);
    expect(preview.needReset.map((n) => n.username)).toEqual([STAFF.officer.username]);
    expect(done.rotation!.needReset).toEqual([STAFF.officer.username]);
    const refused = await app.fail('auth.login', { username: STAFF.officer.username, password: STAFF.officer.password });
    expect(refused.code).toBe('bad_credentials');
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await app.call('users.resetPassword', { id: app.ids.officer!, password: 'fresh-temporary-phrase-4' });
    await app.call('auth.login', { username: STAFF.officer.username, password: 'fresh-temporary-phrase-4' });
  });
});
