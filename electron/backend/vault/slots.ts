import { randomUUID } from 'node:crypto';
import { deriveKey, hmacHex, type KdfCost, newKdfParams, normaliseRecoveryKey, unwrapKey, wrapKey } from './crypto';
import type { Slot, VaultFile } from './file';

function aad(vault: Pick<VaultFile, 'storeId'>, slotId: string): string {
  return `deflect-slot:${vault.storeId}:${slotId}`;
}

export function lookupFor(vault: Pick<VaultFile, 'lookupSalt'>, username: string): string {
  return hmacHex(vault.lookupSalt, username.trim().toLowerCase());
}

export function findUserSlot(vault: VaultFile, username: string): Slot | undefined {
  const lookup = lookupFor(vault, username);
  return vault.slots.find((s) => s.kind === 'user' && s.lookup === lookup);
}

export async function makeUserSlot(
  vault: Pick<VaultFile, 'storeId' | 'lookupSalt'>,
  userId: string,
  username: string,
  password: string,
  dataKey: Buffer,
  cost?: KdfCost,
): Promise<Slot> {
  const id = randomUUID();
  const kdf = newKdfParams(cost);
  const kek = await deriveKey(password, kdf);
  return {
    id,
    kind: 'user',
    userId,
    lookup: lookupFor(vault, username),
    kdf,
    ...wrapKey(dataKey, kek, aad(vault, id)),
    failedCount: 0,
    lockedUntil: null,
  };
}

export async function makeRecoverySlot(
  vault: Pick<VaultFile, 'storeId'>,
  recoveryKey: string,
  dataKey: Buffer,
  cost?: KdfCost,
): Promise<Slot> {
  const id = randomUUID();
  const kdf = newKdfParams(cost);
  const kek = await deriveKey(normaliseRecoveryKey(recoveryKey), kdf);
  return {
    id,
    kind: 'recovery',
    userId: null,
    lookup: null,
    kdf,
    ...wrapKey(dataKey, kek, aad(vault, id)),
    failedCount: 0,
    lockedUntil: null,
  };
}

/** The data key, or null when the password is wrong. Always costs one full KDF run. */
export async function openSlot(vault: VaultFile, slot: Slot, secret: string): Promise<Buffer | null> {
  const normalised = slot.kind === 'recovery' ? normaliseRecoveryKey(secret) : secret;
  const kek = await deriveKey(normalised, slot.kdf);
  return unwrapKey(slot, kek, aad(vault, slot.id));
}

/** Spends the same time as a real attempt, so that unknown usernames cannot be told apart by timing. */
export async function burnKdf(cost?: KdfCost): Promise<void> {
  await deriveKey('not-a-password', newKdfParams(cost));
}

/** Replaces the user's slot (password change or reset) or adds one. */
export function putUserSlot(vault: VaultFile, slot: Slot): void {
  vault.slots = vault.slots.filter((s) => !(s.kind === 'user' && s.userId === slot.userId));
  vault.slots.push(slot);
}

export function removeUserSlot(vault: VaultFile, userId: string): void {
  vault.slots = vault.slots.filter((s) => !(s.kind === 'user' && s.userId === userId));
}
