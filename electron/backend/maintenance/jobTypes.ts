/** The store worker's jobs (storeWorker.ts), their inputs and outputs. */
interface Keyed {
  keyHex: string;
  nativeBinding?: string | undefined;
}

export type JobInput =
  /**
   * `quick_check` of every table and its indexes, one table at a time: reads every page of every table and
   * index, so it catches a damaged page (SQLCipher checks each page's HMAC as it reads it).
   */
  | ({ job: 'check'; dbPath: string } & Keyed)
  /** A consistent copy through VACUUM INTO, then `integrity_check` and the record counts of the copy. */
  | ({ job: 'snapshot'; dbPath: string; target: string } & Keyed)
  /** A backup file: `head` then the database file's bytes; flushed, read back and compared. */
  | { job: 'pack'; head: Uint8Array; dbFile: string; target: string; expectSha256: string }
  /** SHA-256 of a file from `offset` to its end. */
  | { job: 'hash'; file: string; offset: number; phase: string }
  /** The database part of a backup file copied out to `target`, checked against its hash, opened and checked. */
  | ({ job: 'unpack'; file: string; offset: number; length: number; sha256: string; target: string } & Keyed)
  /** A copy of the database re-encrypted under a new key, then checked. */
  | ({ job: 'rekeyCopy'; dbPath: string; target: string; newKeyHex: string } & Keyed);

export interface Verified {
  schemaVersion: number;
  counts: Record<string, number>;
  /** The audit log's head in the copy (sequence, hash, time). */
  anchor: { seq: number; hash: string; at: string } | null;
}

export type JobOutput =
  | { job: 'check'; ok: boolean }
  | ({ job: 'snapshot'; bytes: number } & Verified)
  | { job: 'pack'; bytes: number }
  | { job: 'hash'; sha256: string; bytes: number }
  | ({ job: 'unpack' } & Verified)
  | ({ job: 'rekeyCopy' } & Verified);

export type WorkerMessage =
  | { type: 'progress'; phase: string; fraction: number }
  | { type: 'done'; output: JobOutput }
  | { type: 'error'; code: string | null; name: string };
