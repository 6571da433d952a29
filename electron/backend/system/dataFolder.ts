import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { DataFolder } from '../../../shared/contract/system';
import { BACKUP_LOG_FILE } from '../backup/log';
import { ROLLBACK_DIR } from '../maintenance/rollbackCopy';
import { DB_FILE, VAULT_FILE } from '../vault/file';

/** Where the data folder came from: `--data-dir`, `DEFLECT_DATA_DIR`, or the app's default folder. */
export type DataDirSource = 'argument' | 'environment' | 'default';

export interface DataFolderFacts {
  source: DataDirSource;
  /** The list of folders that held a store on this computer (outside those folders), when there is one. */
  knownFoldersFile?: string | undefined;
}

const knownFoldersSchema = z.object({ folders: z.array(z.string()).max(1000) });

/** The folders this computer has opened a store in (a damaged or missing list is an empty one). */
export function knownFolders(file: string | undefined): string[] {
  if (!file) return [];
  try {
    const parsed = knownFoldersSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.folders : [];
  } catch {
    return [];
  }
}

/**
 * Writes down that `dir` holds a store, so that a start that finds it gone says so instead of offering a new
 * store there. Only folder paths: no names, no keys. Written only after a store was set up or opened.
 */
export function rememberStoreFolder(file: string | undefined, dir: string): void {
  if (!file) return;
  const path = resolve(dir);
  const folders = knownFolders(file);
  if (folders.includes(path)) return;
  // Only into a folder that exists: the list never creates folders of its own.
  if (!existsSync(dirname(file))) return;
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ folders: [...folders, path].slice(-1000) }, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}

/** Files and folders that only a Deflect store leaves behind (the lock files are not among them: any start makes them). */
function hasStoreTraces(entries: string[]): boolean {
  return entries.some((e) => e === DB_FILE || e === BACKUP_LOG_FILE || e === ROLLBACK_DIR || e.startsWith('replaced-'));
}

/** The window says "press Try again"; the command line says "run the command again". */
export type Phrasing = 'window' | 'cli';

const WORDS = {
  window: { again: 'press "Try again"', restore: '"Restore from a backup"' },
  cli: { again: 'run the command again', restore: 'the "restore" command' },
} as const;

function errnoOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * What is in the data folder at start, before anything is written: a store, nothing yet (a new
 * installation), or a problem to explain. A folder that cannot be reached, or that held a store which is no
 * longer there, is never offered a new store: that would quietly split the unit's records in two.
 * A folder named at start (`--data-dir`, `DEFLECT_DATA_DIR`) that holds nothing is offered one only after
 * the user confirms it.
 */
export function checkDataFolder(dataDir: string, facts: DataFolderFacts, phrasing: Phrasing = 'window'): DataFolder {
  const words = WORDS[phrasing];
  const CONNECT = `If it is on a USB drive, plug the drive in; if it is on a network share, check that this computer is connected to it. Then ${words.again}.`;
  const RESTORE = `If the store is lost, an administrator can restore the last backup (${words.restore}).`;
  const path = resolve(dataDir);
  const known = knownFolders(facts.knownFoldersFile).includes(path);
  const gone = (problem: string): DataFolder => ({ path, state: 'store_missing', problem });
  const unreachable = (problem: string): DataFolder => ({ path, state: 'unreachable', problem });
  let entries: string[];
  try {
    if (!statSync(path).isDirectory())
      return unreachable(`The data folder ${path} is a file, not a folder. Check the data folder setting.`);
    entries = readdirSync(path);
  } catch (err) {
    const code = errnoOf(err);
    if (code !== 'ENOENT') {
      return unreachable(
        code === 'EACCES' || code === 'EPERM'
          ? `Deflect is not allowed to open its data folder ${path}. Ask IT to check the folder's permissions, then ${words.again}.`
          : `Deflect cannot reach its data folder ${path}. ${CONNECT}`,
      );
    }
    if (known)
      return gone(`The data folder ${path} held this unit's Deflect store, and it is not there now. ${CONNECT} ${RESTORE}`);
    if (!existsSync(dirname(path))) {
      return unreachable(
        `Deflect cannot reach its data folder ${path}: the drive or folder it is on (${dirname(path)}) is not there. ${CONNECT}`,
      );
    }
    if (facts.source === 'default') return { path, state: 'new', problem: null };
    return {
      path,
      state: 'confirm_new',
      problem: `The data folder ${path} does not exist. ${CONNECT} If this is a new installation, you can set up a new store in this folder.`,
    };
  }
  if (entries.includes(VAULT_FILE)) return { path, state: 'ready', problem: null };
  if (entries.includes(DB_FILE)) {
    return gone(
      `The data folder ${path} holds a Deflect database, but its key file (${VAULT_FILE}) is missing. Restore the key file, or the whole store, from a backup. A new store is not set up here.`,
    );
  }
  if (known || hasStoreTraces(entries)) {
    return gone(`The data folder ${path} held a Deflect store, and the store is not in it now. ${CONNECT} ${RESTORE}`);
  }
  if (facts.source === 'default') return { path, state: 'new', problem: null };
  return {
    path,
    state: 'confirm_new',
    problem: `The data folder ${path} holds no Deflect store. If it is on a drive or share that is not connected, connect it and ${words.again}. If this is a new installation, you can set up a new store in this folder.`,
  };
}
