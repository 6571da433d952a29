import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionUser } from '../../shared/contract/users';
import { clampIdleLockMinutes } from '../../shared/domain/session';
import { auditHead } from './audit/anchor';
import { type AuditInput, appendAudit } from './audit/log';
import { FolderLock } from './db/folderLock';
import { type Db, openDatabase, type OpenOptions } from './db/open';
import { recoverInterruptedSwap, SWAP_JOURNAL } from './maintenance/swap';
import { keepRollbackCopy } from './maintenance/rollbackCopy';
import { getIdleLockMinutes } from './system/idleLock';
import { AppError } from './errors';
import { faultMessage } from './faults';
import { logError } from './log';
import { checkDataFolder, type DataDirSource, rememberStoreFolder } from './system/dataFolder';
import type { DataFolder } from '../../shared/contract/system';
import type { KdfCost } from './vault/crypto';
import { DB_FILE, type PendingAudit, readVault, type VaultFile, vaultExists, writeVault } from './vault/file';

/** Creates an empty file readable and writable by its owner only (0600), so SQLite inherits that mode. */
function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function restrictToOwner(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch {
    // Missing (no WAL yet) or a file system without modes (Windows): nothing to tighten.
  }
}

export interface BackendOptions {
  /** The folder that holds the database and its key file. */
  dataDir: string;
  /** Native addon built for Electron's ABI (the main process passes it; Node uses npm's build). */
  nativeBinding?: string;
  /** KDF cost for new key slots; tests lower it, the app keeps the OWASP default. */
  kdfCost?: KdfCost;
  /** Clock, for tests. */
  now?: () => number;
  /** Run the daily backup on its schedule while the store is open (the app and the harness; not the command line). */
  scheduleBackups?: boolean;
  /** Where `dataDir` came from; a folder named at start gets a new store only after the user confirms. Default 'default'. */
  dataDirSource?: DataDirSource;
  /** The list of folders that held a store on this computer (system/dataFolder.ts); none when not given. */
  knownFoldersFile?: string;
}

export interface Session {
  user: SessionUser;
  locked: boolean;
  lastActivity: number;
}

export type LockReason = 'idle' | 'manual' | 'os';

/**
 * The workstation's state: at most one session, and the database open only while that
 * session is unlocked. Locking closes the database and forgets the data key.
 */
export class Backend {
  session: Session | null = null;
  private db: Db | null = null;
  private dataKey: Buffer | null = null;
  /** Which file the open store is (device and inode), to notice it vanishing from under the app. */
  private storeFile: FileIdentity | null = null;
  private clinicalKey: Buffer | null = null;
  /** The unlocked store's idle-lock minutes (read from the database at open, clamped to 1–30). */
  private idleMinutes: number | null = null;
  private readonly lockListeners = new Set<(reason: LockReason) => void>();
  private readonly storeListeners = new Set<(event: 'open' | 'close') => void>();
  private readonly folderLocks = new Map<string, FolderLock>();
  /** Said once on the next login screen: an interrupted key rotation or restore that was finished or undone at start. */
  notice: string | null = null;
  /** Set when the store in use failed an integrity check: changes are refused and every screen says so. */
  damage: string | null = null;

  constructor(readonly options: BackendOptions) {}

  /**
   * Takes this program's lock on the data folder (one program per folder: the app, the harness or the
   * command line), then finishes or undoes a key rotation or restore that a crash interrupted. Called
   * before every call; a folder that does not exist yet is claimed when it is created.
   */
  claimFolder(dir: string = this.dataDir, { evenWithoutStore = false }: { evenWithoutStore?: boolean } = {}): void {
    if (this.folderLocks.has(dir) || !existsSync(dir)) return;
    // A folder that held a store which is gone, or that is not confirmed for a new one, gets no lock file either:
    // nothing is written there until the user has decided (system/dataFolder.ts).
    // A switch to a restored store that a crash interrupted (its journal is there) is finished below, never skipped.
    if (!evenWithoutStore && dir === this.options.dataDir && !vaultExists(dir) && !existsSync(join(dir, SWAP_JOURNAL))) {
      const state = checkDataFolder(dir, {
        source: this.options.dataDirSource ?? 'default',
        knownFoldersFile: this.options.knownFoldersFile,
      }).state;
      if (state !== 'new' && state !== 'ready') return;
    }
    this.folderLocks.set(dir, FolderLock.acquire(dir, this.options.nativeBinding));
    const recovered = recoverInterruptedSwap(dir);
    if (recovered) {
      this.notice = recovered.notice;
      // Into the audit log at the next login (of the store now in place).
      if (dir === this.dataDir) {
        this.recordPending({
          userId: null,
          action: recovered.op === 'rotate' ? 'keys.rotate' : 'restore.switch',
          outcome: recovered.finished ? 'success' : 'failure',
          detail: { interrupted: true, completedAtStart: recovered.finished },
        });
      }
    }
  }

  private releaseFolder(dir: string): void {
    this.folderLocks.get(dir)?.release();
    this.folderLocks.delete(dir);
  }

  /** Listens for the store opening (a login) and closing (lock, logout); returns an unsubscribe. */
  onStore(listener: (event: 'open' | 'close') => void): () => void {
    this.storeListeners.add(listener);
    return () => this.storeListeners.delete(listener);
  }

  /** Set while the app shows the demonstration store instead of the real one. */
  private demoDir: string | null = null;

  /** The folder of the store in use: the real one, or the demonstration store beside it. */
  get dataDir(): string {
    return this.demoDir ?? this.options.dataDir;
  }

  /** The real store's folder, whichever store is in use. */
  get primaryDataDir(): string {
    return this.options.dataDir;
  }

  /** Switches between the real store (null) and a demonstration store; any session ends first. */
  useDemoStore(dir: string | null): void {
    if (this.session) this.logout();
    this.closeStore();
    if (this.demoDir) this.releaseFolder(this.demoDir);
    this.demoDir = dir;
    this.damage = null;
    this.claimFolder();
  }

  get dbPath(): string {
    return join(this.dataDir, DB_FILE);
  }

  now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  isSetUp(): boolean {
    return vaultExists(this.dataDir);
  }

  /** What is in the store's folder now: a store, nothing yet, or a problem to explain (nothing is written). */
  dataFolder(): DataFolder {
    if (this.demoDir) return { path: this.demoDir, state: this.isSetUp() ? 'ready' : 'new', problem: null };
    return checkDataFolder(this.dataDir, {
      source: this.options.dataDirSource ?? 'default',
      knownFoldersFile: this.options.knownFoldersFile,
    });
  }

  /** Writes down (outside the folder) that the real store's folder holds a store; never fails a login over it. */
  rememberStoreFolder(): void {
    if (this.demoDir) return;
    try {
      rememberStoreFolder(this.options.knownFoldersFile, this.options.dataDir);
    } catch (err) {
      logError('remember data folder', err);
    }
  }

  /**
   * Creates the data folder for a new store. Only its last level: if the parent is missing (a drive
   * that is not connected), the store is not quietly set up somewhere else.
   */
  ensureDataDir(): void {
    try {
      mkdirSync(this.dataDir, { mode: 0o700 });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST') {
        throw new AppError(
          'unavailable',
          `The data folder ${this.dataDir} cannot be created: the folder it goes in is missing or not writable (is the drive connected?).`,
        );
      }
    }
    this.claimFolder(this.dataDir, { evenWithoutStore: true });
  }

  readVault(): VaultFile {
    return readVault(this.dataDir);
  }

  writeVault(vault: VaultFile): void {
    writeVault(this.dataDir, vault);
  }

  /** Records a security event that happened while the database is closed; it moves into the audit log at the next unlock. */
  recordPending(entry: Omit<PendingAudit, 'at' | 'username'>): void {
    if (this.db) {
      appendAudit(this.db, { ...entry, username: null, at: this.nowIso() });
      return;
    }
    if (!this.isSetUp()) return;
    const vault = this.readVault();
    // The key file is readable by anyone with the folder: user ids only, never the name typed.
    vault.pendingAudit.push({ ...entry, username: null, at: this.nowIso() });
    this.writeVault(vault);
  }

  isOpen(): boolean {
    return this.db !== null;
  }

  openStore(dataKey: Buffer, create = false): Db {
    if (this.db) return this.db;
    this.claimFolder();
    const dataDir = this.dataDir;
    if (create) createPrivateFile(this.dbPath);
    this.db = this.openDatabaseFile(dataKey, create, (db, from) => keepRollbackCopy(db, dataDir, from, this.now()));
    this.dataKey = Buffer.from(dataKey);
    this.storeFile = fileIdentity(this.dbPath);
    this.idleMinutes = getIdleLockMinutes(this.db);
    // SQLite gives the WAL and shared-memory files the database file's mode; older stores are tightened here.
    for (const suffix of ['', '-wal', '-shm']) restrictToOwner(this.dbPath + suffix);
    for (const listener of this.storeListeners) listener('open');
    return this.db;
  }

  /** Opens the SQLCipher file with the data key (the benchmark's unencrypted twin overrides only this). */
  protected openDatabaseFile(dataKey: Buffer, create: boolean, beforeMigrate: OpenOptions['beforeMigrate']): Db {
    return openDatabase(this.dbPath, dataKey.toString('hex'), {
      create,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      ...(beforeMigrate ? { beforeMigrate } : {}),
    });
  }

  /**
   * Before a change: the database file must still be where it was opened. A data folder on a drive
   * that was unplugged or a share that went away (or a folder moved or deleted under the app) can leave
   * an open file handle that still accepts writes that would never reach the store — refused instead.
   */
  requireStoreReachable(): void {
    if (!this.db || !this.storeFile) return;
    const now = fileIdentity(this.dbPath);
    if (!now || now.dev !== this.storeFile.dev || now.ino !== this.storeFile.ino)
      throw new AppError('unavailable', faultMessage('unreachable'));
  }

  closeStore(): void {
    this.storeFile = null;
    if (this.db) for (const listener of this.storeListeners) listener('close');
    if (this.db) {
      this.keepAuditHead(this.db);
      this.db.close();
      this.db = null;
    }
    if (this.dataKey) {
      this.dataKey.fill(0);
      this.dataKey = null;
    }
    this.setClinicalKey(null);
    this.idleMinutes = null;
  }

  /** Copies the audit log's head into the key file, so that entries deleted later show up (audit/anchor.ts). */
  private keepAuditHead(db: Db): void {
    try {
      if (!this.isSetUp()) return;
      const head = auditHead(db);
      if (!head) return;
      const vault = this.readVault();
      if (vault.auditHead?.seq === head.seq && vault.auditHead.hash === head.hash) return;
      vault.auditHead = head;
      this.writeVault(vault);
    } catch {
      // The copy is a convenience; the database itself is unaffected.
    }
  }

  /** The session's clinical key (a copy is kept; the caller may wipe its own). */
  setClinicalKey(key: Buffer | null): void {
    this.clinicalKey?.fill(0);
    this.clinicalKey = key ? Buffer.from(key) : null;
  }

  hasClinicalKey(): boolean {
    return this.clinicalKey !== null;
  }

  /** The clinical key, for sealing and opening clinical content (clinical/seal.ts). */
  requireClinicalKey(): Buffer {
    if (!this.clinicalKey) {
      throw new AppError(
        'forbidden',
        'Your account does not hold the clinical key, so clinical notes and screenings cannot be read or recorded. ' +
          'An administrator can give it to you by resetting your password.',
      );
    }
    return this.clinicalKey;
  }

  requireDb(): Db {
    if (!this.db) throw new AppError('locked', 'The workstation is locked. Log in to continue.');
    return this.db;
  }

  requireDataKey(): Buffer {
    if (!this.dataKey) throw new AppError('locked', 'The workstation is locked. Log in to continue.');
    return this.dataKey;
  }

  audit(input: AuditInput): void {
    appendAudit(this.requireDb(), { at: this.nowIso(), ...input });
  }

  /** From the database while unlocked; otherwise the key file's copy (for the pre-login screen). Always 1–30. */
  idleLockMinutes(): number {
    if (this.idleMinutes !== null) return this.idleMinutes;
    return clampIdleLockMinutes(this.isSetUp() ? this.readVault().public.idleLockMinutes : undefined);
  }

  /** After `settings.update` changed it. */
  setIdleLockMinutes(minutes: number): void {
    this.idleMinutes = clampIdleLockMinutes(minutes);
  }

  /** Locks the session: audited, database closed, key forgotten, listeners (the window) told. */
  lock(reason: LockReason): void {
    const session = this.session;
    if (!session || session.locked) return;
    if (this.db) {
      this.audit({
        userId: session.user.id,
        username: session.user.username,
        action: 'auth.lock',
        outcome: 'success',
        detail: { reason },
      });
    }
    session.locked = true;
    this.closeStore();
    for (const listener of this.lockListeners) listener(reason);
  }

  /** Ends the session entirely. */
  logout(action = 'auth.logout'): void {
    const session = this.session;
    if (session && this.db) {
      this.audit({ userId: session.user.id, username: session.user.username, action, outcome: 'success' });
    }
    this.session = null;
    this.closeStore();
  }

  onLock(listener: (reason: LockReason) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  shutdown(): void {
    try {
      this.logout('auth.shutdown');
    } finally {
      for (const dir of [...this.folderLocks.keys()]) this.releaseFolder(dir);
    }
  }
}

interface FileIdentity {
  dev: number;
  ino: number;
}

function fileIdentity(path: string): FileIdentity | null {
  try {
    const st = statSync(path);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}
