import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import {
  deriveKey,
  type Grant,
  hmacHex,
  type KdfCost,
  type KdfParams,
  newKdfParams,
  newSlotKeyPair,
  normaliseRecoveryKey,
  openSealedToPublicKey,
  purposeMac,
  sameHex,
  sealToPublicKey,
  type SlotKeyPair,
  unwrapKey,
  wrapKey,
} from './crypto';
import type { Slot, VaultFile } from './file';

/**
 * Key slots. A slot wraps, under a key derived from one secret (a password or the recovery key):
 * the data key (opens the database), the slot's X25519 private key and, for roles that may read
 * clinical content, the clinical key. Everything the slot asserts — kind, user id, username lookup,
 * public key — is in the AES-GCM associated data, so editing any of it makes the slot unusable
 * instead of turning one account into another.
 */

type Purpose = 'data' | 'private' | 'clinical';
type SlotClaims = Pick<Slot, 'id' | 'kind' | 'userId' | 'lookup' | 'publicKey'>;

function slotAad(vault: Pick<VaultFile, 'storeId'>, slot: SlotClaims & { aad?: 2 | undefined }, purpose: Purpose): string {
  if (slot.aad !== 2) return `deflect-slot:${vault.storeId}:${slot.id}`; // legacy: data key only
  return [
    'deflect-slot',
    '2',
    purpose,
    vault.storeId,
    slot.id,
    slot.kind,
    slot.userId ?? '-',
    slot.lookup ?? '-',
    slot.publicKey ?? '-',
  ].join(':');
}

function grantAad(vault: Pick<VaultFile, 'storeId'>, slot: Pick<Slot, 'userId' | 'kind' | 'publicKey'>): string {
  return `deflect-grant:${vault.storeId}:${slot.kind}:${slot.userId ?? '-'}:${slot.publicKey ?? '-'}`;
}

function rekeyAad(
  vault: Pick<VaultFile, 'storeId'>,
  slot: Pick<Slot, 'userId' | 'kind' | 'publicKey'>,
  part: 'data' | 'clinical',
): string {
  return `deflect-rekey:${part}:${vault.storeId}:${slot.kind}:${slot.userId ?? '-'}:${slot.publicKey ?? '-'}`;
}

export function lookupFor(vault: Pick<VaultFile, 'lookupSalt'>, username: string): string {
  return hmacHex(vault.lookupSalt, username.trim().toLowerCase());
}

export function findUserSlot(vault: VaultFile, username: string): Slot | undefined {
  const lookup = lookupFor(vault, username);
  return vault.slots.find((s) => s.kind === 'user' && s.lookup === lookup);
}

export function userSlotOf(vault: VaultFile, userId: string): Slot | undefined {
  return vault.slots.find((s) => s.kind === 'user' && s.userId === userId);
}

/** The clinical key's word that `publicKey` belongs to this slot's owner: only a holder of the clinical key can give it. */
export function vouchFor(
  vault: Pick<VaultFile, 'storeId'>,
  clinicalKey: Buffer,
  slot: Pick<Slot, 'kind' | 'userId' | 'publicKey'>,
) {
  return purposeMac(clinicalKey, 'slot-public-key', `${vault.storeId}:${slot.kind}:${slot.userId ?? '-'}:${slot.publicKey}`);
}

export interface SlotContent {
  kind: Slot['kind'];
  userId: string | null;
  lookup: string | null;
  dataKey: Buffer;
  /** Wrapped into the slot only for roles that may read clinical content. */
  clinicalKey: Buffer | null;
  keyPair: SlotKeyPair;
  /** A clinical key to vouch for the key pair with (the creator's own); null leaves the public key unvouched. */
  voucher: Buffer | null;
}

function sealSlot(vault: Pick<VaultFile, 'storeId'>, content: SlotContent, kek: Buffer, kdf: KdfParams): Slot {
  const claims: SlotClaims & { aad: 2 } = {
    id: randomUUID(),
    kind: content.kind,
    userId: content.userId,
    lookup: content.lookup,
    publicKey: content.keyPair.publicKey,
    aad: 2,
  };
  return {
    ...claims,
    kdf,
    ...wrapKey(content.dataKey, kek, slotAad(vault, claims, 'data')),
    publicKeyMac: content.voucher ? vouchFor(vault, content.voucher, claims) : null,
    privateKey: wrapKey(content.keyPair.privateKeyDer, kek, slotAad(vault, claims, 'private')),
    clinical: content.clinicalKey ? wrapKey(content.clinicalKey, kek, slotAad(vault, claims, 'clinical')) : null,
    grant: null,
    rekey: null,
    failedCount: 0,
    lockedUntil: null,
  };
}

/** A new slot for `secret`, with a fresh salt. */
export async function makeSlot(
  vault: Pick<VaultFile, 'storeId'>,
  content: SlotContent,
  secret: string,
  cost?: KdfCost,
): Promise<Slot> {
  const kdf = newKdfParams(cost);
  const kek = await deriveKey(content.kind === 'recovery' ? normaliseRecoveryKey(secret) : secret, kdf);
  try {
    return sealSlot(vault, content, kek, kdf);
  } finally {
    kek.fill(0);
  }
}

export interface NewUserSlot {
  userId: string;
  username: string;
  password: string;
  dataKey: Buffer;
  clinicalKey: Buffer | null;
  voucher: Buffer | null;
  keyPair?: SlotKeyPair;
}

export function makeUserSlot(vault: Pick<VaultFile, 'storeId' | 'lookupSalt'>, s: NewUserSlot, cost?: KdfCost): Promise<Slot> {
  return makeSlot(
    vault,
    {
      kind: 'user',
      userId: s.userId,
      lookup: lookupFor(vault, s.username),
      dataKey: s.dataKey,
      clinicalKey: s.clinicalKey,
      keyPair: s.keyPair ?? newSlotKeyPair(),
      voucher: s.voucher,
    },
    s.password,
    cost,
  );
}

export function makeRecoverySlot(
  vault: Pick<VaultFile, 'storeId'>,
  recoveryKey: string,
  dataKey: Buffer,
  clinicalKey: Buffer | null,
  cost?: KdfCost,
): Promise<Slot> {
  return makeSlot(
    vault,
    { kind: 'recovery', userId: null, lookup: null, dataKey, clinicalKey, keyPair: newSlotKeyPair(), voucher: clinicalKey },
    recoveryKey,
    cost,
  );
}

/** What a right secret opens. `clinicalKey` comes from the slot's own wrap or from a pending grant. */
export interface OpenedSlot {
  dataKey: Buffer;
  /** The key derived from the secret: lets the caller rewrap this slot without deriving again. */
  kek: Buffer;
  kdf: KdfParams;
  /** Null for slots written before version 2. */
  keyPair: SlotKeyPair | null;
  clinicalKey: Buffer | null;
  /** True when the clinical key came from a grant (so the slot should be rewritten with it wrapped). */
  fromGrant: boolean;
  legacy: boolean;
}

export function wipe(opened: OpenedSlot | null): void {
  if (!opened) return;
  opened.dataKey.fill(0);
  opened.kek.fill(0);
  opened.keyPair?.privateKeyDer.fill(0);
  opened.clinicalKey?.fill(0);
}

/** Null when the secret is wrong or the slot was edited. Always costs one full KDF run. */
export async function unlockSlot(vault: VaultFile, slot: Slot, secret: string): Promise<OpenedSlot | null> {
  const normalised = slot.kind === 'recovery' ? normaliseRecoveryKey(secret) : secret;
  const kek = await deriveKey(normalised, slot.kdf);
  const dataKey = unwrapKey(slot, kek, slotAad(vault, slot, 'data'));
  if (!dataKey) {
    kek.fill(0);
    return null;
  }
  const legacy = slot.aad !== 2;
  let keyPair: SlotKeyPair | null = null;
  let clinicalKey: Buffer | null = null;
  let fromGrant = false;
  if (!legacy && slot.privateKey && slot.publicKey) {
    const der = unwrapKey(slot.privateKey, kek, slotAad(vault, slot, 'private'));
    if (!der || !publicKeyMatches(der, slot.publicKey)) {
      kek.fill(0);
      dataKey.fill(0);
      return null;
    }
    keyPair = { publicKey: slot.publicKey, privateKeyDer: der };
    if (slot.rekey) {
      // The keys were rotated since this slot was written: its own wraps hold the old keys.
      const rotated = openSealedToPublicKey(slot.rekey.data, der, slot.publicKey, rekeyAad(vault, slot, 'data'));
      dataKey.fill(0);
      if (!rotated) {
        kek.fill(0);
        der.fill(0);
        return null;
      }
      // A promotion after the rotation leaves its grant (sealed with the new clinical key) beside it.
      const clinical = slot.rekey.clinical
        ? openSealedToPublicKey(slot.rekey.clinical, der, slot.publicKey, rekeyAad(vault, slot, 'clinical'))
        : slot.grant
          ? openSealedToPublicKey(slot.grant, der, slot.publicKey, grantAad(vault, slot))
          : null;
      return { dataKey: rotated, kek, kdf: slot.kdf, keyPair, clinicalKey: clinical, fromGrant: true, legacy };
    }
    if (slot.clinical) clinicalKey = unwrapKey(slot.clinical, kek, slotAad(vault, slot, 'clinical'));
    if (!clinicalKey && slot.grant) {
      clinicalKey = openSealedToPublicKey(slot.grant, der, slot.publicKey, grantAad(vault, slot));
      fromGrant = clinicalKey !== null;
    }
  }
  return { dataKey, kek, kdf: slot.kdf, keyPair, clinicalKey, fromGrant, legacy };
}

function publicKeyMatches(privateKeyDer: Buffer, publicKey: string): boolean {
  try {
    const jwk = createPublicKey(createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })).export({
      format: 'jwk',
    });
    return Buffer.from(jwk.x!, 'base64url').toString('base64') === publicKey;
  } catch {
    return false;
  }
}

/** The data key alone, or null when the secret is wrong. */
export async function openSlot(vault: VaultFile, slot: Slot, secret: string): Promise<Buffer | null> {
  const opened = await unlockSlot(vault, slot, secret);
  if (!opened) return null;
  const key = Buffer.from(opened.dataKey);
  wipe(opened);
  return key;
}

/**
 * The same slot rewritten in the current format with what it opened (same secret, same KDF salt,
 * same key pair, or a new one for a legacy slot): used after a login to upgrade a legacy slot,
 * to take up a grant, or to add or drop the clinical key.
 */
export function resealSlot(
  vault: Pick<VaultFile, 'storeId'>,
  slot: Slot,
  opened: OpenedSlot,
  clinicalKey: Buffer | null,
  voucher: Buffer | null,
): Slot {
  const keyPair = opened.keyPair ?? newSlotKeyPair();
  const resealed = sealSlot(
    vault,
    { kind: slot.kind, userId: slot.userId, lookup: slot.lookup, dataKey: opened.dataKey, clinicalKey, keyPair, voucher },
    opened.kek,
    opened.kdf,
  );
  if (!opened.keyPair) keyPair.privateKeyDer.fill(0);
  // An existing voucher stays valid (it covers the same public key); a new one replaces it when given.
  if (!voucher && opened.keyPair && slot.publicKeyMac) resealed.publicKeyMac = slot.publicKeyMac;
  return { ...resealed, failedCount: slot.failedCount, lockedUntil: slot.lockedUntil };
}

/** Whether the slot's public key is vouched for by this clinical key (so a grant to it reaches its owner). */
export function isVouched(vault: Pick<VaultFile, 'storeId'>, clinicalKey: Buffer, slot: Slot): boolean {
  return (
    slot.aad === 2 && !!slot.publicKey && !!slot.publicKeyMac && sameHex(slot.publicKeyMac, vouchFor(vault, clinicalKey, slot))
  );
}

/**
 * Hands the clinical key to an account without knowing its password (a promotion): sealed to the
 * slot's vouched public key, taken up at its next login. False when the key is not vouched for
 * (a slot from before version 2): then only a password reset can give that account the key.
 */
export function grantClinicalKey(vault: VaultFile, slot: Slot, clinicalKey: Buffer): boolean {
  if (slot.clinical || slot.grant) return true;
  if (!isVouched(vault, clinicalKey, slot)) return false;
  slot.grant = sealToPublicKey(clinicalKey, slot.publicKey!, grantAad(vault, slot)) satisfies Grant;
  return true;
}

/**
 * Key rotation, for an account whose password the administrator does not know: the new data key (and
 * the new clinical key for clinical roles) sealed to the slot's public key, vouched for with the old
 * clinical key. Null when the slot cannot take it (no vouched key pair: a slot from before version 2):
 * that account then needs a new password from an administrator.
 */
export function rekeySlot(
  vault: Pick<VaultFile, 'storeId'>,
  slot: Slot,
  oldClinicalKey: Buffer,
  dataKey: Buffer,
  clinicalKey: Buffer | null,
  newClinicalKey: Buffer,
): Slot | null {
  if (!isVouched(vault, oldClinicalKey, slot)) return null;
  return {
    ...slot,
    clinical: null,
    grant: null,
    publicKeyMac: vouchFor(vault, newClinicalKey, slot),
    rekey: {
      data: sealToPublicKey(dataKey, slot.publicKey!, rekeyAad(vault, slot, 'data')),
      clinical: clinicalKey ? sealToPublicKey(clinicalKey, slot.publicKey!, rekeyAad(vault, slot, 'clinical')) : null,
    },
  };
}

/** Removes the clinical key from a slot (a demotion). */
export function revokeClinicalKey(slot: Slot): void {
  slot.clinical = null;
  slot.grant = null;
  if (slot.rekey) slot.rekey = { ...slot.rekey, clinical: null };
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

export function putRecoverySlot(vault: VaultFile, slot: Slot): void {
  vault.slots = vault.slots.filter((s) => s.kind !== 'recovery');
  vault.slots.push(slot);
}

export function removeUserSlot(vault: VaultFile, userId: string): void {
  vault.slots = vault.slots.filter((s) => !(s.kind === 'user' && s.userId === userId));
}
