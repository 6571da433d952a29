import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { IDLE_LOCK_DEFAULT_MINUTES } from '../../../shared/domain/session';
import { AppError } from '../errors';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const wrappedSchema = z.object({ iv: b64, tag: b64, ct: b64 });
const grantSchema = wrappedSchema.extend({ epk: b64 });

export const slotSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['user', 'recovery']),
  userId: z.uuid().nullable(),
  /** HMAC of the lower-case username: finds the slot without listing staff names in the file. */
  lookup: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(1024),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
    salt: b64,
  }),
  /** The wrapped data key. Without `aad` (slots written before version 2) the associated data covers only store and slot id. */
  iv: b64,
  tag: b64,
  ct: b64,
  /** 2: the associated data binds kind, userId, lookup and publicKey too (see slots.ts). */
  aad: z.literal(2).optional(),
  /** X25519 public key (raw, base64), also bound into the associated data. */
  publicKey: b64.nullable().default(null),
  /** Vouches for `publicKey`: an HMAC under the clinical key, so a granter knows the key belongs to this account. */
  publicKeyMac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .default(null),
  /** The slot's X25519 private key (PKCS#8), wrapped with the password-derived key. */
  privateKey: wrappedSchema.nullable().default(null),
  /** The clinical key, wrapped with the password-derived key: only in slots of roles that may read clinical content. */
  clinical: wrappedSchema.nullable().default(null),
  /** The clinical key sealed to `publicKey` by an administrator (a promotion); moved into `clinical` at the next login. */
  grant: grantSchema.nullable().default(null),
  /**
   * After a key rotation (keys/rotate.ts): the new data key, and for clinical roles the new clinical key,
   * sealed to `publicKey` by the administrator who rotated; taken up (and the slot rewritten) at the next login.
   */
  rekey: z.object({ data: grantSchema, clinical: grantSchema.nullable() }).nullable().default(null),
  failedCount: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});
export type Slot = z.infer<typeof slotSchema>;

/** Security events that happen while the database is locked (failed logins); moved into the audit log at the next unlock. */
const pendingAuditSchema = z.object({
  at: z.string(),
  userId: z.string().nullable(),
  /** Always null since version 2 (the user id is enough; the name is filled in when the entry moves into the log). */
  username: z.string().nullable().default(null),
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type PendingAudit = z.infer<typeof pendingAuditSchema>;

export const vaultSchema = z.object({
  format: z.literal('deflect-vault'),
  /** 1: before slot binding and the clinical key; read, and rewritten as 2. */
  version: z.union([z.literal(1), z.literal(2)]),
  storeId: z.uuid(),
  lookupSalt: b64,
  /** Shown before login, so not secret: the department's name, the system-use banner, the lock timeout. */
  public: z.object({
    departmentName: z.string(),
    banner: z.string(),
    idleLockMinutes: z.number().int().default(IDLE_LOCK_DEFAULT_MINUTES),
    demo: z.boolean().default(false),
  }),
  slots: z.array(slotSchema),
  pendingAudit: z.array(pendingAuditSchema),
  /** The audit log's head when the store was last closed: a copy outside the database (see audit/anchor.ts). */
  auditHead: z
    .object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() })
    .nullable()
    .default(null),
});
export type VaultFile = z.infer<typeof vaultSchema>;
export type WrappedField = z.infer<typeof wrappedSchema>;
export const VAULT_VERSION = 2;

export const DB_FILE = 'deflect.db';
export const VAULT_FILE = 'deflect.vault.json';
const MAX_PENDING_AUDIT = 1000;

export function vaultPath(dataDir: string): string {
  return join(dataDir, VAULT_FILE);
}

export function vaultExists(dataDir: string): boolean {
  return existsSync(vaultPath(dataDir));
}

export function readVault(dataDir: string): VaultFile {
  const path = vaultPath(dataDir);
  if (!existsSync(path)) {
    throw new AppError(
      'setup_required',
      `No Deflect data found in ${dataDir}. Run first-time setup, or choose the right data folder.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('unavailable', `The key file ${VAULT_FILE} is damaged and cannot be read. Restore it from a backup.`);
  }
  const result = vaultSchema.safeParse(parsed);
  if (!result.success) {
    throw new AppError('unavailable', `The key file ${VAULT_FILE} is not in a format this version of Deflect understands.`);
  }
  return result.data;
}

/** Atomic replace: write a temporary file, flush it to disk, rename over the old one, flush the folder. */
export function writeVault(dataDir: string, vault: VaultFile): void {
  if (vault.pendingAudit.length > MAX_PENDING_AUDIT) {
    vault.pendingAudit = vault.pendingAudit.slice(-MAX_PENDING_AUDIT);
  }
  vault.version = VAULT_VERSION;
  const path = vaultPath(dataDir);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(vault, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}
