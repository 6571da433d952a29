import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { AppError } from '../errors';

/**
 * The clinical compartment: clinical content (clinical notes, screening answers, scores and results,
 * and later a letter's clinical summary) is sealed inside the encrypted database with a separate
 * random 256-bit clinical key. The key is wrapped only in the key slots of roles that may read
 * clinical content (co-responder, coordinator, admin), so a SQLCipher client holding an officer's
 * data key sees these columns as ciphertext.
 *
 * One value = one AES-256-GCM seal with a fresh 96-bit nonce; the associated data is
 * `purpose + record id`, so a sealed value cannot be moved to another record or another column.
 * Stored as text: `dcs1.` + base64(nonce ‖ tag ‖ ciphertext).
 *
 * Use it everywhere clinical content is stored:
 *   const key = ctx.clinicalKey;                       // throws `forbidden` without the key
 *   row.note = seal(key, 'contact_clinical.note', contactId, text);
 *   const text = unseal(key, 'contact_clinical.note', contactId, row.note);
 * Purposes are `table.column` names; add yours to SEALED_COLUMNS (key rotation re-seals every value
 * listed there, and refuses to run while a sealed value sits in a column it does not know).
 */

/** Every column that holds sealed values, and the column with the record id each value is bound to. */
export const SEALED_COLUMNS = [
  { purpose: 'contact_clinical.note', table: 'contact_clinical', column: 'note', recordId: 'contact_id' },
  { purpose: 'screenings.result', table: 'screenings', column: 'result', recordId: 'id' },
  { purpose: 'letters.sealed', table: 'letters', column: 'sealed', recordId: 'id' },
  { purpose: 'participant_milestones.note', table: 'participant_milestones', column: 'note', recordId: 'id' },
] as const;

export const CLINICAL_PURPOSES = [...SEALED_COLUMNS.map((c) => c.purpose), 'meta.clinical_key_check'] as const;
export type ClinicalPurpose = (typeof SEALED_COLUMNS)[number]['purpose'] | 'meta.clinical_key_check' | `${string}.${string}`;

const PREFIX = 'dcs1.';

function aad(purpose: ClinicalPurpose, recordId: string): Buffer {
  return Buffer.from(`deflect-clinical:1:${purpose}:${recordId}`, 'utf8');
}

export function seal(key: Buffer, purpose: ClinicalPurpose, recordId: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(purpose, recordId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

/** Opens a sealed value; a wrong key, another record's value or an edited value is refused. */
export function unseal(key: Buffer, purpose: ClinicalPurpose, recordId: string, sealed: string): string {
  if (!isSealed(sealed)) throw new AppError('unavailable', 'A clinical record is not sealed as expected; it was not shown.');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(purpose, recordId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'unavailable',
      'A clinical record could not be opened with your clinical key (it was changed outside Deflect, or the key is out of date).',
    );
  }
}

export function sealJson(key: Buffer, purpose: ClinicalPurpose, recordId: string, value: unknown): string {
  return seal(key, purpose, recordId, JSON.stringify(value));
}

export function unsealJson<T>(key: Buffer, purpose: ClinicalPurpose, recordId: string, sealed: string): T {
  return JSON.parse(unseal(key, purpose, recordId, sealed)) as T;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

// ---- the store's clinical key -----------------------------------------------------------------

const CHECK_KEY = 'clinical_key_check';

/** Whether this store has a clinical key yet (stores created before version 2 get one at an administrator's first login). */
export function hasClinicalCompartment(db: Db): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(CHECK_KEY) !== undefined;
}

/** True when `key` is this store's clinical key (a stale key from an old key file is not). */
export function isStoreClinicalKey(db: Db, key: Buffer): boolean {
  const check = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CHECK_KEY) as string | undefined;
  if (!check) return false;
  try {
    return unseal(key, 'meta.clinical_key_check', 'store', check) === 'deflect-clinical-key';
  } catch {
    return false;
  }
}

/** Records `key` as the store's clinical key. Call inside the transaction that creates it. */
export function recordClinicalKey(db: Db, key: Buffer): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    CHECK_KEY,
    seal(key, 'meta.clinical_key_check', 'store', 'deflect-clinical-key'),
  );
}

export function newClinicalKey(): Buffer {
  return randomBytes(32);
}
