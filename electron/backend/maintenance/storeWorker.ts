/**
 * The slow store jobs — copying, checking and re-encrypting a whole database — run here, in a worker
 * thread with its own SQLite connection, so that the app stays responsive and can show progress.
 * Each job is a plain function of its input (see jobs.ts for the calls); nothing here keeps state.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { auditHead } from '../audit/anchor';
import { tableCounts } from '../db/open';
import type { JobInput, JobOutput, Verified, WorkerMessage } from './jobTypes';

type Db = Database.Database;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function progress(phase: string, fraction: number): void {
  post({ type: 'progress', phase, fraction });
}

function open(path: string, keyHex: string, nativeBinding: string | undefined, readonly: boolean): Db {
  const db = new Database(path, { fileMustExist: true, readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Opens a copy and proves it: readable with the key, `integrity_check` ok; returns its schema version and counts. */
function verifyCopy(path: string, keyHex: string, nativeBinding: string | undefined): Verified {
  const db = open(path, keyHex, nativeBinding, true);
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
      throw Object.assign(new Error('integrity check failed'), { code: 'SQLITE_CORRUPT' });
    }
    const anchor = auditHead(db);
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number, counts: tableCounts(db), anchor };
  } finally {
    db.close();
  }
}

const CHUNK = 4 * 1024 * 1024;

/** Copies `length` bytes from `src` at `srcOffset` to `fd` at its current end, hashing them. */
function copyBytes(src: string, srcOffset: number, length: number, fd: number, onProgress: (done: number) => void): string {
  const hash = createHash('sha256');
  const input = openSync(src, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < length) {
      const n = readSync(input, buf, 0, Math.min(CHUNK, length - done), srcOffset + done);
      if (n === 0) throw Object.assign(new Error('file ended early'), { code: 'ETRUNC' });
      hash.update(buf.subarray(0, n));
      let written = 0;
      while (written < n) written += writeSync(fd, buf, written, n - written);
      done += n;
      onProgress(done);
    }
  } finally {
    closeSync(input);
  }
  return hash.digest('hex');
}

function hashRange(path: string, offset: number, length: number, onProgress: (done: number) => void): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, length - done), offset + done);
      if (n === 0) throw Object.assign(new Error('file ended early'), { code: 'ETRUNC' });
      hash.update(buf.subarray(0, n));
      done += n;
      onProgress(done);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function run(input: JobInput): JobOutput {
  switch (input.job) {
    case 'check': {
      const db = open(input.dbPath, input.keyHex, input.nativeBinding, true);
      try {
        // One table (with its indexes) at a time. A worker that is stopped (the app closing, the store locked)
        // stops when the check in hand returns — SQLite's one check of the whole file could not be cut short,
        // and a closing app waited for it to the end (9 s on a ten-year store).
        const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
        for (const [i, table] of tables.entries()) {
          const rows = db.pragma(`quick_check('${table.replaceAll("'", "''")}')`) as { quick_check: string }[];
          if (rows.length !== 1 || rows[0]!.quick_check !== 'ok') return { job: 'check', ok: false };
          progress('check', (i + 1) / tables.length);
        }
        return { job: 'check', ok: true };
      } finally {
        db.close();
      }
    }
    case 'snapshot': {
      // VACUUM INTO reads the database in one read transaction (a consistent snapshot even while the
      // app writes) and writes a new file encrypted with the same key.
      const source = open(input.dbPath, input.keyHex, input.nativeBinding, false);
      try {
        progress('copy', 0);
        source.prepare('VACUUM INTO ?').run(input.target);
      } finally {
        source.close();
      }
      const fd = openSync(input.target, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      progress('check', 0);
      return {
        job: 'snapshot',
        ...verifyCopy(input.target, input.keyHex, input.nativeBinding),
        bytes: statSync(input.target).size,
      };
    }
    case 'pack': {
      // [header][database]: write, flush, then read the database part back and compare its hash.
      const size = statSync(input.dbFile).size;
      const fd = openSync(input.target, 'wx', 0o600);
      let sha: string;
      try {
        let written = 0;
        while (written < input.head.length) written += writeSync(fd, input.head, written, input.head.length - written);
        sha = copyBytes(input.dbFile, 0, size, fd, (done) => progress('write', done / size));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (sha !== input.expectSha256) throw Object.assign(new Error('copy changed while writing'), { code: 'EIO' });
      const again = hashRange(input.target, input.head.length, size, (done) => progress('verify', done / size));
      if (again !== sha) throw Object.assign(new Error('read-back differs'), { code: 'EIO' });
      return { job: 'pack', bytes: input.head.length + size };
    }
    case 'hash': {
      const size = statSync(input.file).size - input.offset;
      return {
        job: 'hash',
        sha256: hashRange(input.file, input.offset, size, (done) => progress(input.phase, done / size)),
        bytes: size,
      };
    }
    case 'unpack': {
      const fd = openSync(input.target, 'wx', 0o600);
      let sha: string;
      try {
        sha = copyBytes(input.file, input.offset, input.length, fd, (done) => progress('copy', done / input.length));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (sha !== input.sha256)
        throw Object.assign(new Error('backup content does not match its checksum'), { code: 'EBADBACKUP' });
      progress('check', 0);
      return { job: 'unpack', ...verifyCopy(input.target, input.keyHex, input.nativeBinding) };
    }
    case 'rekeyCopy': {
      const source = open(input.dbPath, input.keyHex, input.nativeBinding, false);
      try {
        progress('copy', 0);
        source.prepare('VACUUM INTO ?').run(input.target);
      } finally {
        source.close();
      }
      progress('encrypt', 0);
      const copy = open(input.target, input.keyHex, input.nativeBinding, false);
      try {
        // SQLite3 Multiple Ciphers cannot re-key a WAL database; the copy is re-keyed in rollback mode.
        copy.pragma('journal_mode = DELETE');
        copy.pragma(`rekey="x'${input.newKeyHex}'"`);
        copy.pragma('journal_mode = WAL');
      } finally {
        copy.close();
      }
      progress('check', 0);
      return { job: 'rekeyCopy', ...verifyCopy(input.target, input.newKeyHex, input.nativeBinding) };
    }
  }
}

try {
  post({ type: 'done', output: run(workerData as JobInput) });
} catch (err) {
  const code = (err as { code?: unknown }).code;
  post({ type: 'error', code: typeof code === 'string' ? code : null, name: (err as Error).name ?? 'Error' });
}
