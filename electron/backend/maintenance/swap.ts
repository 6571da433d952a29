import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { DB_FILE, VAULT_FILE } from '../vault/file';
import { fsyncDir, pageFingerprint, writeFileAtomic } from './files';

/**
 * Replacing a store's two files — the database and its key file — as one step that survives a
 * crash. Key rotation (new keys) and "use the restored store" both prepare the new files beside the
 * old ones, then call `commitSwap`:
 *
 *   1. a journal names the prepared files and the fingerprint of the new database's first page;
 *   2. (restore) the old files are kept in a `replaced-…` folder;
 *   3. the new database is renamed over the old one   ← the point of no return;
 *   4. the new key file is renamed over the old one;
 *   5. the journal is removed.
 *
 * Renames within a folder are atomic, so at every moment `deflect.db` is either the old or the new
 * database. At the next start, `recoverInterruptedSwap` compares the database with the journal's
 * fingerprint: the new one → finish step 4; the old one → remove the prepared files. Either way the
 * store opens, with the old keys or with the new ones, and the login screen says which.
 */
export const SWAP_JOURNAL = 'deflect.swap.json';

const journalSchema = z.object({
  op: z.enum(['rotate', 'restore']),
  startedAt: z.string(),
  /** File names inside the data folder. */
  db: z.string().regex(/^deflect\.db\.[a-z]+$/),
  vault: z.string().regex(/^deflect\.vault\.json\.[a-z]+$/),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  aside: z
    .string()
    .regex(/^replaced-[0-9-]+$/)
    .nullable(),
});
export type SwapJournal = z.infer<typeof journalSchema>;

/** Prepared files are named `deflect.db.<suffix>` and `deflect.vault.json.<suffix>` in the data folder. */
export function preparedNames(suffix: 'rotating' | 'restoring'): { db: string; vault: string } {
  return { db: `${DB_FILE}.${suffix}`, vault: `${VAULT_FILE}.${suffix}` };
}

function walHasData(dataDir: string): boolean {
  const wal = join(dataDir, `${DB_FILE}-wal`);
  return existsSync(wal) && statSync(wal).size > 0;
}

/** Keeps the old store's files: a hard link where the file system allows it (instant), else a copy. */
function keepAside(dataDir: string, aside: string): void {
  const dir = join(dataDir, aside);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of [DB_FILE, VAULT_FILE]) {
    const from = join(dataDir, name);
    const to = join(dir, name);
    if (!existsSync(from) || existsSync(to)) continue;
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  fsyncDir(dir);
}

/**
 * Puts the prepared files in place (see above). The store must be closed, with its write-ahead log
 * folded into the database (SQLite does this when the last connection closes).
 */
export function commitSwap(
  dataDir: string,
  journal: Omit<SwapJournal, 'fingerprint' | 'startedAt'>,
  now: Date,
  hooks: SwapHooks = swapTestHooks,
): void {
  if (walHasData(dataDir)) {
    throw new AppError(
      'unavailable',
      'The database is still in use, so it was not replaced. Close every other Deflect window and try again.',
    );
  }
  const fingerprint = pageFingerprint(join(dataDir, journal.db));
  if (!fingerprint || !existsSync(join(dataDir, journal.vault))) throw new Error('prepared store files are missing');
  const full: SwapJournal = { ...journal, fingerprint, startedAt: now.toISOString() };
  writeFileAtomic(join(dataDir, SWAP_JOURNAL), JSON.stringify(full));
  hooks?.after?.('journal');
  if (full.aside) keepAside(dataDir, full.aside);
  hooks?.after?.('aside');
  for (const stale of [`${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dataDir, stale), { force: true });
  renameSync(join(dataDir, full.db), join(dataDir, DB_FILE));
  fsyncDir(dataDir);
  hooks?.after?.('database');
  renameSync(join(dataDir, full.vault), join(dataDir, VAULT_FILE));
  fsyncDir(dataDir);
  hooks?.after?.('vault');
  rmSync(join(dataDir, SWAP_JOURNAL), { force: true });
  fsyncDir(dataDir);
}

/** Test hooks: called after each step (the crash tests kill the process there). */
export interface SwapHooks {
  after?: (step: SwapStep) => void;
}
export type SwapStep = 'journal' | 'aside' | 'database' | 'vault';

/** Set only by the crash tests' child program, to be killed at an exact step of a real rotation. */
export const swapTestHooks: SwapHooks = {};

const FINISHED: Record<SwapJournal['op'], string> = {
  rotate:
    'A key rotation was interrupted (the computer stopped or Deflect was closed) after the database had been re-encrypted. ' +
    'It has now been completed: the new keys are in use. Log in with your usual password; the administrator who ran it has the new recovery key.',
  restore:
    'Switching to a restored backup was interrupted after the restored database was in place. It has now been completed: ' +
    'the restored store is in use (the previous one is kept in a "replaced-…" folder inside the data folder).',
};

const UNDONE: Record<SwapJournal['op'], string> = {
  rotate:
    'A key rotation was interrupted (the computer stopped or Deflect was closed) before it took effect. ' +
    'The old keys are still in use and nothing was lost; the old recovery key stays valid. An administrator can run the rotation again.',
  restore:
    'Switching to a restored backup was interrupted before it took effect. The store in use is the one from before; nothing was lost. ' +
    'An administrator can switch again.',
};

/** What the start found and did: for the login screen and the audit log. */
export interface SwapRecovery {
  op: SwapJournal['op'];
  finished: boolean;
  notice: string;
}

/** Files prepared by a rotation or a switch that stopped before its journal was written: the store was never touched. */
function removeStrayPreparations(dataDir: string): SwapRecovery | null {
  let found: SwapRecovery | null = null;
  for (const op of ['rotate', 'restore'] as const) {
    const names = preparedNames(op === 'rotate' ? 'rotating' : 'restoring');
    const files = [names.db, names.vault].filter((n) => existsSync(join(dataDir, n)));
    for (const n of files) rmSync(join(dataDir, n), { force: true });
    if (files.length && op === 'rotate') found = { op, finished: false, notice: UNDONE.rotate };
  }
  return found;
}

/**
 * At start (with the folder lock held): finishes or undoes a swap a crash interrupted. Returns what it
 * did, with the sentence for the login screen, or null when there was nothing to do.
 */
export function recoverInterruptedSwap(dataDir: string): SwapRecovery | null {
  rmSync(join(dataDir, `${SWAP_JOURNAL}.tmp`), { force: true });
  const path = join(dataDir, SWAP_JOURNAL);
  if (!existsSync(path)) return removeStrayPreparations(dataDir);
  const parsed = journalSchema.safeParse(
    (() => {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success) {
    // Written atomically, so an unreadable journal was edited by hand: leave everything for a person to look at.
    throw new AppError(
      'unavailable',
      `${SWAP_JOURNAL} in the data folder is damaged; Deflect did not touch the store. Ask for help before removing it.`,
    );
  }
  const j = parsed.data;
  const replaced = pageFingerprint(join(dataDir, DB_FILE)) === j.fingerprint;
  if (replaced) {
    for (const stale of [`${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(dataDir, stale), { force: true });
    if (existsSync(join(dataDir, j.vault))) renameSync(join(dataDir, j.vault), join(dataDir, VAULT_FILE));
    rmSync(join(dataDir, j.db), { force: true });
  } else {
    rmSync(join(dataDir, j.db), { force: true });
    rmSync(join(dataDir, j.vault), { force: true });
    if (j.aside) rmSync(join(dataDir, j.aside), { recursive: true, force: true });
  }
  fsyncDir(dataDir);
  rmSync(path, { force: true });
  fsyncDir(dataDir);
  return { op: j.op, finished: replaced, notice: replaced ? FINISHED[j.op] : UNDONE[j.op] };
}
