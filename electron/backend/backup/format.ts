import { hkdfSync } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import { unwrapKey, type Wrapped, wrapKey } from '../vault/crypto';
import { slotSchema, type Slot, type VaultFile, vaultSchema } from '../vault/file';

/**
 * A backup is one file, `deflect-<store>-<date>-<time>.deflectbackup`:
 *
 *   16 bytes   "DEFLECT BACKUP\n\0"
 *    4 bytes   length of the header (big-endian)
 *    …         the header, JSON (below)
 *    …         the database: a SQLCipher 4 file, exactly as VACUUM INTO wrote it — encrypted with the
 *              store's data key at the time of the backup
 *
 * The header says what the backup is (store, time, schema version, the database part's size and
 * SHA-256, the audit log's anchor) and carries a copy of the store's **recovery slot**: the data key
 * wrapped with a key derived from the recovery key. The staff's key slots, and the record counts,
 * travel in `payload`, sealed (AES-256-GCM) under a key derived from the data key, with the rest of
 * the header as associated data.
 *
 * So a backup opens with the recovery key and nothing else: a lost or stolen backup cannot be
 * attacked through a weak staff password, and a backup survives the loss of every password. See
 * docs/backups.md.
 */
export const BACKUP_EXT = '.deflectbackup';
const MAGIC = Buffer.from('DEFLECT BACKUP\n\0', 'latin1');
const MAX_HEADER = 4 * 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const anchorSchema = z.object({ seq: z.number().int().min(0), hash: hex64, at: z.string() });
export type BackupAnchor = z.infer<typeof anchorSchema>;

export const backupHeaderSchema = z.object({
  format: z.literal('deflect-backup'),
  version: z.literal(1),
  storeId: z.uuid(),
  createdAt: z.string(),
  schemaVersion: z.number().int().min(1),
  db: z.object({ bytes: z.number().int().positive(), sha256: hex64 }),
  anchor: anchorSchema.nullable(),
  recovery: slotSchema,
  payload: z.object({ iv: b64, tag: b64, ct: b64 }),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

const payloadSchema = z.object({
  vault: vaultSchema,
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type BackupPayload = z.infer<typeof payloadSchema>;

function payloadKey(dataKey: Buffer, storeId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `deflect-backup-payload:${storeId}`, 32));
}

/** Everything but the payload, in a fixed order: the payload's associated data. */
function headerAad(h: Omit<BackupHeader, 'payload'>): string {
  return JSON.stringify([h.format, h.version, h.storeId, h.createdAt, h.schemaVersion, h.db, h.anchor, h.recovery]);
}

export function buildHeader(
  fields: Omit<BackupHeader, 'payload' | 'format' | 'version'>,
  payload: BackupPayload,
  dataKey: Buffer,
): BackupHeader {
  const base = { format: 'deflect-backup' as const, version: 1 as const, ...fields };
  const key = payloadKey(dataKey, fields.storeId);
  try {
    const payloadSealed: Wrapped = wrapKey(Buffer.from(JSON.stringify(payload), 'utf8'), key, headerAad(base));
    return { ...base, payload: payloadSealed };
  } finally {
    key.fill(0);
  }
}

/** The bytes before the database: magic, length, header. */
export function headBytes(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json]);
}

const NOT_A_BACKUP = 'This file is not a Deflect backup (or it is damaged at the start). Choose a file ending in .deflectbackup.';

/** Reads and checks the header; `dbOffset` is where the database part starts. */
export function readHeader(path: string): { header: BackupHeader; dbOffset: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new AppError(
      'not_found',
      code === 'ENOENT'
        ? `No file at ${path}.`
        : code === 'EISDIR'
          ? `${path} is a folder; choose the backup file in it.`
          : `${path} cannot be read (${code ?? 'error'}).`,
      'file',
    );
  }
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    if (readSync(fd, start, 0, start.length, 0) !== start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new AppError('invalid_input', NOT_A_BACKUP, 'file');
    }
    const len = start.readUInt32BE(MAGIC.length);
    if (len < 2 || len > MAX_HEADER) throw new AppError('invalid_input', NOT_A_BACKUP, 'file');
    const json = Buffer.alloc(len);
    if (readSync(fd, json, 0, len, start.length) !== len) throw new AppError('invalid_input', NOT_A_BACKUP, 'file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new AppError('invalid_input', NOT_A_BACKUP, 'file');
    }
    const header = backupHeaderSchema.safeParse(parsed);
    if (!header.success) {
      const version = (parsed as { version?: unknown } | null)?.version;
      throw new AppError(
        'invalid_input',
        typeof version === 'number' && version > 1
          ? 'This backup was written by a newer version of Deflect. Install that version to restore it.'
          : NOT_A_BACKUP,
        'file',
      );
    }
    return { header: header.data, dbOffset: start.length + len };
  } finally {
    closeSync(fd);
  }
}

/** Opens the sealed part with the data key (from the recovery slot); null when the header was altered. */
export function openPayload(header: BackupHeader, dataKey: Buffer): BackupPayload | null {
  const { payload, ...rest } = header;
  const key = payloadKey(dataKey, header.storeId);
  try {
    const bytes = unwrapKey(payload, key, headerAad(rest));
    if (!bytes) return null;
    const parsed = payloadSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

export type { Slot, VaultFile };
