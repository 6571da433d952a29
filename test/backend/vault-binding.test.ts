import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey, newKdfParams, wrapKey } from '../../electron/backend/vault/crypto';
import type { Slot, VaultFile } from '../../electron/backend/vault/file';
import { ADMIN, makeApp, setUpApp, TEST_KDF, type TestApp } from './helpers';

const OFFICER = {
  username: 'officer1',
  displayName: 'Officer One',
  role: 'officer' as const,
  password: 'violet-tractor-meadow-19',
};

function vaultOf(app: TestApp): VaultFile {
  return JSON.parse(readFileSync(join(app.dataDir, 'deflect.vault.json'), 'utf8')) as VaultFile;
}
function writeVaultFile(app: TestApp, vault: VaultFile): void {
  writeFileSync(join(app.dataDir, 'deflect.vault.json'), JSON.stringify(vault, null, 2));
}

/** A store with an admin and an officer who has chosen their own password; nobody logged in. */
async function storeWithOfficer() {
  const app = await setUpApp();
  const { user } = await app.call('users.create', { ...OFFICER, password: 'temporary-officer-pass-1' });
  await app.call('auth.login', { username: OFFICER.username, password: 'temporary-officer-pass-1' });
  await app.call('auth.changePassword', { currentPassword: 'temporary-officer-pass-1', newPassword: OFFICER.password });
  app.backend.logout();
  const vault = vaultOf(app);
  const officerSlot = vault.slots.find((s) => s.userId === user.id)!;
  const adminSlot = vault.slots.find((s) => s.kind === 'user' && s.userId !== user.id)!;
  return { app, officerId: user.id, vault, officerSlot, adminSlot };
}

async function expectRefusedAndAudited(app: TestApp, username: string, password: string) {
  const r = await app.router.call('auth.login', { username, password });
  expect(r.ok).toBe(false);
  expect(app.backend.session).toBeNull();
  expect(app.backend.isOpen()).toBe(false);
}

describe('key slots are bound to their owner', () => {
  it("refuses an officer's slot edited to carry the administrator's user id", async () => {
    const { app, vault, officerSlot, adminSlot } = await storeWithOfficer();
    officerSlot.userId = adminSlot.userId;
    writeVaultFile(app, vault);
    await expectRefusedAndAudited(app, OFFICER.username, OFFICER.password);
  });

  it("refuses an officer's slot edited to answer to the administrator's username", async () => {
    const { app, vault, officerSlot, adminSlot } = await storeWithOfficer();
    // The attacker removes the admin's slot and gives the officer's slot the admin's lookup and id.
    vault.slots = vault.slots.filter((s) => s !== adminSlot);
    officerSlot.lookup = adminSlot.lookup;
    officerSlot.userId = adminSlot.userId;
    writeVaultFile(app, vault);
    await expectRefusedAndAudited(app, ADMIN.username, OFFICER.password);
  });

  it('refuses a slot whose kind or public key was changed', async () => {
    const { app, vault, officerSlot, adminSlot } = await storeWithOfficer();
    // An officer's slot passed off as the recovery slot does not recover anything.
    vault.slots = vault.slots.filter((s) => s.kind !== 'recovery');
    officerSlot.kind = 'recovery';
    writeVaultFile(app, vault);
    const recovered = await app.router.call('auth.recover', {
      recoveryKey: OFFICER.password,
      username: ADMIN.username,
      newPassword: 'brand-new-admin-phrase-77',
    });
    expect(recovered.ok).toBe(false);

    const again = await storeWithOfficer();
    again.officerSlot.publicKey = again.adminSlot.publicKey;
    writeVaultFile(again.app, again.vault);
    await expectRefusedAndAudited(again.app, OFFICER.username, OFFICER.password);
    void adminSlot;
  });

  it('records a refused, tampered slot in the audit log at the next good login', async () => {
    const { app, vault, officerSlot, adminSlot } = await storeWithOfficer();
    const original = structuredClone(vault);
    officerSlot.userId = adminSlot.userId;
    writeVaultFile(app, vault);
    await expectRefusedAndAudited(app, OFFICER.username, OFFICER.password);
    writeVaultFile(app, { ...original, pendingAudit: vaultOf(app).pendingAudit });
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await app.call('audit.list', { action: 'auth.login', limit: 20 });
    expect(entries.some((e) => e.outcome === 'failure' && e.detail.reason === 'bad_password')).toBe(true);
  });

  it('upgrades an old-format slot at its next login, and refuses the old slot if it is put back', async () => {
    const { app, officerId, vault, officerSlot } = await storeWithOfficer();
    // Rebuild the officer's slot as Deflect wrote it before version 2: associated data = store and slot id only.
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const dataKey = Buffer.from(app.backend.requireDataKey());
    app.backend.requireDb().prepare('UPDATE users SET slot_version = 1 WHERE id = ?').run(officerId);
    app.backend.logout();
    const kdf = newKdfParams(TEST_KDF);
    const kek = await deriveKey(OFFICER.password, kdf);
    const legacy = {
      id: officerSlot.id,
      kind: 'user',
      userId: officerId,
      lookup: officerSlot.lookup,
      kdf,
      ...wrapKey(dataKey, kek, `deflect-slot:${vault.storeId}:${officerSlot.id}`),
      failedCount: 0,
      lockedUntil: null,
    };
    const v1 = { ...vaultOf(app), version: 1, slots: [...vaultOf(app).slots.filter((s) => s.userId !== officerId), legacy] };
    writeVaultFile(app, v1 as unknown as VaultFile);

    const login = await app.call('auth.login', { username: OFFICER.username, password: OFFICER.password });
    expect(login.user.id).toBe(officerId);
    const upgraded = vaultOf(app);
    expect(upgraded.version).toBe(2);
    const slot = upgraded.slots.find((s) => s.userId === officerId)!;
    expect(slot.aad).toBe(2);
    expect(slot.publicKey).toBeTruthy();
    app.backend.logout();

    // Putting the old-format slot back (from a copy of the old key file) no longer works.
    writeVaultFile(app, { ...upgraded, slots: [...upgraded.slots.filter((s) => s.userId !== officerId), legacy as Slot] });
    await expectRefusedAndAudited(app, OFFICER.username, OFFICER.password);
    writeVaultFile(app, upgraded);
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const { entries } = await app.call('audit.list', { action: 'auth.login', limit: 20 });
    expect(entries.some((e) => e.outcome === 'denied' && e.detail.reason === 'slot_downgraded')).toBe(true);
  });
});

describe('failed logins', () => {
  it('tries no more than 5 of 30 wrong passwords sent at once', async () => {
    const { app } = await storeWithOfficer();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.router.call('auth.login', { username: OFFICER.username, password: `guess-${i}-wrong` }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'bad_credentials')).toHaveLength(4);
    expect(codes.filter((c) => c === 'locked_out')).toHaveLength(26);
    // Five attempts were tried (and recorded as failures); the other 25 were refused before any key derivation.
    const restarted = makeApp(app.dataDir);
    const pending = vaultOf(restarted).pendingAudit;
    expect(pending.filter((p) => p.action === 'auth.login' && p.detail.reason === 'bad_password')).toHaveLength(5);
    expect(pending.filter((p) => p.action === 'auth.login' && p.outcome === 'denied')).toHaveLength(25);
  });

  it('counts an attempt before the key derivation, so a crash during it does not forget the attempt', async () => {
    const { app, vault, officerSlot } = await storeWithOfficer();
    // A slow derivation (the real cost) for this slot, so that the test can look while it runs.
    officerSlot.kdf.N = 2 ** 17;
    writeVaultFile(app, vault);
    const pending = app.router.call('auth.login', { username: OFFICER.username, password: 'guess-wrong-again' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Before the slow derivation finishes, the key file already holds the attempt.
    const during = vaultOf(app).slots.find((s) => s.id === officerSlot.id)!;
    expect(during.failedCount).toBe(1);
    await pending;
  });

  it('keeps usernames out of the key file, also in its pending audit entries', async () => {
    const { app } = await storeWithOfficer();
    await app.router.call('auth.login', { username: OFFICER.username, password: 'guess-wrong-again' });
    const text = readFileSync(join(app.dataDir, 'deflect.vault.json'), 'utf8');
    expect(text).not.toContain(OFFICER.username);
    expect(vaultOf(app).pendingAudit.length).toBeGreaterThan(0);
  });
});
