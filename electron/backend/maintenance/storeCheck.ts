import { existsSync } from 'node:fs';
import type { Backend } from '../backend';
import { faultKind, faultMessage } from '../faults';
import { logError } from '../log';
import { JobError, startJob } from './jobs';

/**
 * Reads every page of the database once after the first unlock of each run (`quick_check` of each table
 * and its indexes, in a worker thread: the app is usable meanwhile). SQLCipher checks each page's HMAC as it
 * reads it, so a damaged or tampered page anywhere is found at start, not months later when someone opens
 * that record. A damaged store is marked: changes are refused and every screen says what to do.
 *
 * Locking or closing the app stops a check that is still running (the worker stops after the table in
 * hand): it records nothing — neither damaged nor checked — and the next unlock checks again.
 */
export class StoreCheck {
  private checked = new Set<string>();
  private running: Promise<void> | null = null;
  private stop: (() => Promise<void>) | null = null;
  /** Unlocked again while a stopped check was still winding down: start a new one when it has. */
  private again = false;
  /** The share of the tables the running (or last) check has done, 0–1. */
  progress = 0;

  constructor(private readonly backend: Backend) {
    backend.onStore((event) => {
      if (event === 'open') this.start();
      else this.cancel();
    });
  }

  private start(): void {
    const backend = this.backend;
    const dbPath = backend.dbPath;
    if (this.checked.has(dbPath)) return;
    if (this.running) {
      this.again = this.stop === null;
      return;
    }
    this.progress = 0;
    const job = startJob(
      { job: 'check', dbPath, keyHex: backend.requireDataKey().toString('hex'), nativeBinding: backend.options.nativeBinding },
      (_phase, fraction) => (this.progress = fraction),
    );
    this.stop = job.cancel;
    this.running = job.result
      .then((r) => {
        this.checked.add(dbPath);
        if (!r.ok && backend.dbPath === dbPath) backend.damage = faultMessage('damaged');
      })
      .catch((err: unknown) => {
        if (err instanceof JobError && err.cancelled) return; // locked before it finished: checked at the next unlock
        this.checked.add(dbPath);
        if (faultKind(err) === 'damaged' && backend.dbPath === dbPath) backend.damage = faultMessage('damaged');
        else if (existsSync(dbPath)) logError('store check', err);
      })
      .finally(() => {
        this.running = null;
        this.stop = null;
        const again = this.again && backend.isOpen();
        this.again = false;
        if (again) this.start();
      });
  }

  /** Stops a running check (the store is closing); it settles as not checked. */
  private cancel(): void {
    const stop = this.stop;
    this.stop = null;
    this.again = false;
    if (stop) void stop();
  }

  /** Forgets that a store was checked (it was replaced by a restore or re-encrypted). */
  forget(dbPath: string): void {
    this.checked.delete(dbPath);
  }

  /** Resolves when no check is running (tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}

const checks = new WeakMap<Backend, StoreCheck>();

export function storeCheckOf(backend: Backend): StoreCheck {
  let c = checks.get(backend);
  if (!c) {
    c = new StoreCheck(backend);
    checks.set(backend, c);
  }
  return c;
}
