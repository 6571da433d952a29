import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../electron/backend/db/migrations/0001_foundation';
import * as m0002 from '../../electron/backend/db/migrations/0002_providers';
import * as m0003 from '../../electron/backend/db/migrations/0003_intake';
import { openDatabase } from '../../electron/backend/db/open';
import type { VaultFile } from '../../electron/backend/vault/file';
import { openSlot, unlockSlot, wipe } from '../../electron/backend/vault/slots';
import { tempDir } from './helpers';
import { contactFields, setUpUnit, type Unit } from './intake-helpers';

const NOTE = 'Clinical marker: disclosed a relapse last week';

function vaultOf(unit: Unit): VaultFile {
  return JSON.parse(readFileSync(join(unit.dataDir, 'deflect.vault.json'), 'utf8')) as VaultFile;
}

/** Opens the database file the way any SQLCipher 4 client would, with a raw key. */
function sqlcipherClient(unit: Unit, keyHex: string): Database.Database {
  const db = new Database(join(unit.dataDir, 'deflect.db'), { readonly: true, fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

async function recordClinicalContact(unit: Unit): Promise<string> {
  await unit.as('coresponder');
  const saved = await unit.call('contacts.create', {
    subject: { kind: 'anonymous', description: 'Grey coat, by the station' },
    contact: contactFields(unit.ids.officer, { coResponderId: unit.ids.coresponder, clinicalNote: NOTE }),
    screenings: [{ instrument: 'phq2', answers: [3, 3] }],
  });
  return saved.contact.id;
}

async function officerDataKey(unit: Unit): Promise<string> {
  const vault = vaultOf(unit);
  const slot = vault.slots.find((s) => s.userId === unit.ids.officer)!;
  const key = await openSlot(vault, slot, 'violet-canyon-lantern-17');
  expect(key).not.toBeNull();
  return key!.toString('hex');
}

describe('the clinical compartment', () => {
  it("keeps clinical columns ciphertext to a SQLCipher client holding an officer's data key", async () => {
    const unit = await setUpUnit();
    const contactId = await recordClinicalContact(unit);
    unit.backend.logout();
    const keyHex = await officerDataKey(unit);
    const db = sqlcipherClient(unit, keyHex);
    try {
      // The officer's key opens the database …
      expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
      // … but the note and the screening are sealed.
      const note = db.prepare('SELECT note FROM contact_clinical WHERE contact_id = ?').pluck().get(contactId) as string;
      expect(note.startsWith('dcs1.')).toBe(true);
      expect(note).not.toContain('relapse');
      const result = db.prepare('SELECT result FROM screenings WHERE contact_id = ?').pluck().get(contactId) as string;
      expect(result.startsWith('dcs1.')).toBe(true);
      expect(result).not.toMatch(/answers|score|positive/);
      const columns = (db.prepare('PRAGMA table_info(screenings)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toEqual(expect.arrayContaining(['answers']));
      expect(columns).not.toEqual(expect.arrayContaining(['score']));
    } finally {
      db.close();
    }
    // And the officer's slot does not hold the clinical key at all.
    const vault = vaultOf(unit);
    const officer = await unlockSlot(
      vault,
      vault.slots.find((s) => s.userId === unit.ids.officer)!,
      'violet-canyon-lantern-17',
    );
    expect(officer?.clinicalKey).toBeNull();
    expect(vault.slots.find((s) => s.userId === unit.ids.officer)!.clinical).toBeNull();
    wipe(officer);
  });

  it('lets co-responders, coordinators and admins read it through the app', async () => {
    const unit = await setUpUnit();
    const contactId = await recordClinicalContact(unit);
    for (const role of ['coresponder', 'coordinator', 'admin'] as const) {
      await unit.as(role);
      const clinical = await unit.call('contacts.clinical', { id: contactId });
      expect(clinical.clinicalNote).toBe(NOTE);
      expect(clinical.screenings[0]).toMatchObject({ answers: [3, 3], score: 6, positive: true });
    }
  });

  it('is taken away by a demotion to officer, and reaches a promoted officer at their next login', async () => {
    const unit = await setUpUnit();
    const contactId = await recordClinicalContact(unit);
    await unit.as('admin');
    const demoted = await unit.call('users.update', { id: unit.ids.coresponder, role: 'officer' });
    expect(demoted.user.clinicalAccess).toBe('no');
    let vault = vaultOf(unit);
    const slot = vault.slots.find((s) => s.userId === unit.ids.coresponder)!;
    expect(slot.clinical).toBeNull();
    const opened = await unlockSlot(vault, slot, 'amber-meadow-compass-28');
    expect(opened?.clinicalKey).toBeNull();
    wipe(opened);

    // Promoted back: the key is granted to the account's public key, without knowing its password.
    const promoted = await unit.call('users.update', { id: unit.ids.coresponder, role: 'coresponder' });
    expect(promoted.user.clinicalAccess).toBe('pending');
    await unit.as('coresponder');
    expect((await unit.call('contacts.clinical', { id: contactId })).clinicalNote).toBe(NOTE);
    vault = vaultOf(unit);
    expect(vault.slots.find((s) => s.userId === unit.ids.coresponder)!.clinical).not.toBeNull();
    await unit.as('admin');
    const { users } = await unit.call('users.list', {});
    expect(users.find((u) => u.id === unit.ids.coresponder)!.clinicalAccess).toBe('yes');
  });

  it("does not open with a clinical wrap copied from another account's slot", async () => {
    const unit = await setUpUnit();
    const contactId = await recordClinicalContact(unit);
    unit.backend.logout();
    const vault = vaultOf(unit);
    const officer = vault.slots.find((s) => s.userId === unit.ids.officer)!;
    officer.clinical = vault.slots.find((s) => s.userId === unit.ids.coresponder)!.clinical;
    writeFileSync(join(unit.dataDir, 'deflect.vault.json'), JSON.stringify(vault));
    // Even an officer promoted in the database by hand gets no clinical key from it.
    await unit.as('admin');
    unit.backend.requireDb().prepare(`UPDATE users SET role = 'coresponder' WHERE id = ?`).run(unit.ids.officer);
    unit.backend.logout();
    writeFileSync(join(unit.dataDir, 'deflect.vault.json'), JSON.stringify({ ...vault, pendingAudit: [] }));
    await unit.as('officer');
    const refused = await unit.fail('contacts.clinical', { id: contactId });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/clinical key/);
  });

  it('is created for a store from before version 2 at the first administrator login, sealing the plain values', async () => {
    const unit = await setUpUnit();
    const contactId = await recordClinicalContact(unit);
    // Turn the store back into what an older store looks like after migration 4: plain values, no clinical key.
    await unit.as('admin');
    const db = unit.backend.requireDb();
    const screeningId = db.prepare('SELECT id FROM screenings').pluck().get() as string;
    db.prepare('UPDATE contact_clinical SET note = ?').run(NOTE);
    db.prepare('UPDATE screenings SET result = ?').run(JSON.stringify({ answers: [3, 3], score: 6, positive: true }));
    db.prepare(`DELETE FROM meta WHERE key = 'clinical_key_check'`).run();
    unit.backend.logout();
    const vault = vaultOf(unit);
    for (const s of vault.slots) {
      s.clinical = null;
      s.publicKeyMac = null;
    }
    writeFileSync(join(unit.dataDir, 'deflect.vault.json'), JSON.stringify(vault));

    // A co-responder who logs in first cannot create it: clinical records wait for an administrator.
    await unit.as('coresponder');
    expect((await unit.fail('contacts.clinical', { id: contactId })).message).toMatch(/clinical key/);

    await unit.as('admin');
    expect((await unit.call('contacts.clinical', { id: contactId })).clinicalNote).toBe(NOTE);
    const sealed = unit.backend
      .requireDb()
      .prepare('SELECT result FROM screenings WHERE id = ?')
      .pluck()
      .get(screeningId) as string;
    expect(sealed.startsWith('dcs1.')).toBe(true);
    const { entries } = await unit.call('audit.list', { action: 'clinical.keyCreated', limit: 5 });
    expect(entries[0]?.detail.sealedValues).toBe(2);

    // The co-responder's old slot cannot receive it; a password reset by the administrator gives it.
    let { users } = await unit.call('users.list', {});
    expect(users.find((u) => u.id === unit.ids.coresponder)!.clinicalAccess).toBe('needs_reset');
    await unit.call('users.resetPassword', { id: unit.ids.coresponder, password: 'reset-by-admin-phrase-55' });
    ({ users } = await unit.call('users.list', {}));
    expect(users.find((u) => u.id === unit.ids.coresponder)!.clinicalAccess).toBe('yes');
    await unit.call('auth.login', { username: 'coresponder', password: 'reset-by-admin-phrase-55' });
    await unit.call('auth.changePassword', {
      currentPassword: 'reset-by-admin-phrase-55',
      newPassword: 'amber-meadow-compass-99',
    });
    expect((await unit.call('contacts.clinical', { id: contactId })).clinicalNote).toBe(NOTE);
  });

  it('migration 4 carries screenings of an older store into one result value', () => {
    const dir = tempDir();
    const path = join(dir, 'deflect.db');
    const keyHex = 'ab'.repeat(32);
    const old = new Database(path);
    old.pragma(`cipher='sqlcipher'`);
    old.pragma('legacy=4');
    old.pragma(`key="x'${keyHex}'"`);
    old.exec(m0001.sql + m0002.sql + m0003.sql);
    old.pragma('user_version = 3');
    const now = '2026-11-01T10:00:00.000Z';
    old
      .prepare(
        `INSERT INTO contacts (id, occurred_at, occurred_date, pathway, referral_source, disposition, overdose, naloxone_doses,
         use_of_force, injury, charges_in_abeyance, created_at, updated_at)
       VALUES ('c1', ?, '2026-11-01', 'self_referral', 'self', 'declined', 0, 0, 0, 0, 0, ?, ?)`,
      )
      .run(now, now, now);
    old
      .prepare(
        `INSERT INTO screenings (id, contact_id, instrument, answers, score, positive, administered_at)
       VALUES ('s1', 'c1', 'cage_aid', '["yes","no","no","no"]', 1, 1, ?)`,
      )
      .run(now);
    old.close();
    const db = openDatabase(path, keyHex);
    try {
      const result = db.prepare(`SELECT result FROM screenings WHERE id = 's1'`).pluck().get() as string;
      expect(JSON.parse(result)).toEqual({ answers: ['yes', 'no', 'no', 'no'], score: 1, positive: true });
    } finally {
      db.close();
    }
  });
});
