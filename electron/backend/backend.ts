import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionUser } from '../../shared/contract/users';
import { type AuditInput, appendAudit } from './audit/log';
import { type Db, openDatabase } from './db/open';
import { AppError } from './errors';
import type { KdfCost } from './vault/crypto';
import { DB_FILE, type PendingAudit, readVault, type VaultFile, vaultExists, writeVault } from './vault/file';

export interface BackendOptions {
  /** The folder that holds the database and its key file. */
  dataDir: string;
  /** Native addon built for Electron's ABI (the main process passes it; Node uses npm's build). */
  nativeBinding?: string;
  /** KDF cost for new key slots; tests lower it, the app keeps the OWASP default. */
  kdfCost?: KdfCost;
  /** Clock, for tests. */
  now?: () => number;
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
  private readonly lockListeners = new Set<(reason: LockReason) => void>();

  constructor(readonly options: BackendOptions) {}

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
    this.demoDir = dir;
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

  ensureDataDir(): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
  }

  readVault(): VaultFile {
    return readVault(this.dataDir);
  }

  writeVault(vault: VaultFile): void {
    writeVault(this.dataDir, vault);
  }

  /** Records a security event that happened while the database is closed; it moves into the audit log at the next unlock. */
  recordPending(entry: Omit<PendingAudit, 'at'>): void {
    if (this.db) {
      appendAudit(this.db, { ...entry, at: this.nowIso() });
      return;
    }
    if (!this.isSetUp()) return;
    const vault = this.readVault();
    vault.pendingAudit.push({ ...entry, at: this.nowIso() });
    this.writeVault(vault);
  }

  isOpen(): boolean {
    return this.db !== null;
  }

  openStore(dataKey: Buffer, create = false): Db {
    if (this.db) return this.db;
    this.db = openDatabase(this.dbPath, dataKey.toString('hex'), {
      create,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    });
    this.dataKey = Buffer.from(dataKey);
    return this.db;
  }

  closeStore(): void {
    if (this.db) {
      this.db.close();
      this.db = null;
    }
    if (this.dataKey) {
      this.dataKey.fill(0);
      this.dataKey = null;
    }
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

  idleLockMinutes(): number {
    return this.isSetUp() ? this.readVault().public.idleLockMinutes : 15;
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
    this.logout('auth.shutdown');
  }
}
