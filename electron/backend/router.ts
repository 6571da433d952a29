import type { z } from 'zod';
import {
  contract,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type ProcedureName,
  isProcedureName,
} from '../../shared/contract';
import type { ApiError, Result } from '../../shared/contract/procedure';
import type { SessionUser } from '../../shared/contract/users';
import type { AuditDetail } from './audit/log';
import { Backend, type BackendOptions, type Session } from './backend';
import type { Db } from './db/open';
import { AppError } from './errors';
import { faultError, faultKind, faultMessage } from './faults';
import { logError } from './log';
import { tasksOf } from './maintenance/tasks';

/** What a handler sees: the backend, the caller, and the audit entry being built for this call. */
export class Ctx {
  readonly audit: { targetType?: string; targetId?: string; detail?: AuditDetail } = {};
  audited = false;

  constructor(
    readonly backend: Backend,
    readonly name: ProcedureName,
    /** The router this call came through (for handlers that drive another store, like the demo). */
    readonly router: Router,
  ) {}

  get session(): Session | null {
    return this.backend.session;
  }

  get user(): SessionUser {
    const session = this.backend.session;
    if (!session || session.locked) throw new AppError('unauthenticated', 'Log in to continue.');
    return session.user;
  }

  get db(): Db {
    return this.backend.requireDb();
  }

  /**
   * The session's clinical key, for sealing and opening clinical content with clinical/seal.ts.
   * Throws `forbidden` (with a plain reason) when the caller's key slot does not hold it.
   */
  get clinicalKey(): Buffer {
    return this.backend.requireClinicalKey();
  }

  /** Runs `fn` in one transaction together with this call's audit entry. */
  tx<T>(fn: () => T): T {
    return this.db
      .transaction(() => {
        const value = fn();
        this.writeAudit('success');
        return value;
      })
      .immediate();
  }

  /**
   * An audited read: the handler and its audit entry in one transaction, committed without waiting for the
   * disk (`synchronous = NORMAL` for this commit only). A read changes no record; its log entry is on disk
   * at the next write's commit or checkpoint, and a crash of the app loses nothing — only a power cut in
   * that moment could drop the latest reads' entries (the chain stays whole). Without this every keystroke
   * of a person search waited for an fsync: 4–12 ms here, more on an office PC's disk.
   */
  readTx<T>(fn: () => T): T {
    const db = this.db;
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      return this.tx(fn);
    } finally {
      db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
    }
  }

  /** For calls that audit themselves (login, lock). */
  skipAudit(): void {
    this.audited = true;
  }

  writeAudit(outcome: 'success' | 'failure' | 'denied', extra?: AuditDetail): void {
    const session = this.backend.session;
    this.backend.audit({
      userId: session?.user.id ?? null,
      username: session?.user.username ?? null,
      action: this.name,
      outcome,
      targetType: this.audit.targetType ?? null,
      targetId: this.audit.targetId ?? null,
      detail: { ...this.audit.detail, ...extra },
    });
    this.audited = true;
  }
}

export type SyncHandler<N extends ProcedureName> = (ctx: Ctx, input: ParsedInputOf<N>) => OutputOf<N>;
/** Handlers that must await (the KDF) before they write: they call `ctx.tx` for the write. */
export type AsyncHandler<N extends ProcedureName> = { async: (ctx: Ctx, input: ParsedInputOf<N>) => Promise<OutputOf<N>> };
export type Handler<N extends ProcedureName> = SyncHandler<N> | AsyncHandler<N>;
export type HandlersFor<C> = { [N in keyof C & ProcedureName]: Handler<N> };

/** Calls that stay allowed while the user must first change a temporary password. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<string>([
  'auth.changePassword',
  'auth.logout',
  'auth.lock',
  'auth.heartbeat',
  'system.state',
  'settings.get',
]);

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

/** One zod issue as the field it names and a message in plain words. */
function describe(issue: z.core.$ZodIssue): { field: string | undefined; message: string } {
  if (issue.code === 'unrecognized_keys') {
    return { field: fieldOf([...issue.path, issue.keys[0]!]), message: `Unknown field: ${issue.keys.join(', ')}.` };
  }
  const field = fieldOf(issue.path);
  const message =
    issue.message.startsWith('Invalid input') || issue.message.startsWith('Invalid option')
      ? `${field ?? 'Input'}: ${issue.message}.`
      : issue.message;
  return { field, message };
}

/** Every problem of the input at once (the first message per field); `field`/`message` repeat the first. */
function invalid(error: z.ZodError): ApiError {
  const described = error.issues.map(describe);
  const fields: Record<string, string> = {};
  for (const d of described) if (d.field) fields[d.field] ??= d.message;
  const first = described.find((d) => d.field) ?? described[0]!;
  return {
    code: 'invalid_input',
    message: first.message,
    ...(first.field ? { field: first.field } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
  };
}

/** Calls that stay possible while a key rotation has the store to itself (besides polling). */
const ALLOWED_DURING_EXCLUSIVE_JOB = new Set<string>(['auth.lock', 'auth.logout', 'auth.heartbeat']);

/** Changes still allowed while the store is marked damaged: ending the session, and the way out (restore). */
/** Logging out, locking and restoring stay possible when the data folder has gone away. */
const ALLOWED_WHILE_UNREACHABLE: ReadonlySet<ProcedureName> = new Set([
  'auth.logout',
  'auth.lock',
  'restore.start',
  'demo.leave',
]);

function allowedWhileDamaged(name: ProcedureName): boolean {
  return name.startsWith('auth.') || name.startsWith('restore.') || name === 'demo.leave';
}

export class Router {
  constructor(
    readonly backend: Backend,
    private readonly handlers: HandlersFor<typeof contract>,
  ) {}

  /** A backend for another data folder, served by the same handlers (the demo builds its store this way). */
  forStore(options: BackendOptions): { backend: Backend; router: Router } {
    const backend = new Backend(options);
    return { backend, router: new Router(backend, this.handlers) };
  }

  /** Typed form of `call` for callers inside the project (CLI, tests). */
  invoke<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
    return this.call(name, input) as Promise<Result<OutputOf<N>>>;
  }

  /** The boundary: the window, the harness and the CLI all come through here with untrusted input. */
  async call(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isProcedureName(name))
      return { ok: false, error: { code: 'not_found', message: `Unknown procedure: ${name.slice(0, 64)}` } };
    const ctx = new Ctx(this.backend, name, this);
    try {
      this.backend.claimFolder();
      this.authorise(ctx);
      const def = contract[name];
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
      const exclusive = tasksOf(this.backend).exclusive;
      if (exclusive && !def.passive && !ALLOWED_DURING_EXCLUSIVE_JOB.has(name)) {
        ctx.skipAudit();
        throw new AppError('unavailable', exclusive);
      }
      if (this.backend.damage && def.kind === 'mutation' && def.access !== 'public' && !allowedWhileDamaged(name)) {
        throw new AppError('unavailable', this.backend.damage);
      }
      if (def.kind === 'mutation' && !ALLOWED_WHILE_UNREACHABLE.has(name)) this.backend.requireStoreReachable();
      const value = await this.run(ctx, parsed.data);
      const out = def.output.safeParse(value);
      if (!out.success) throw new Error(`output of ${name} does not match its contract`);
      // Polling (a progress bar) is not the user being active: it must not hold off the idle lock.
      if (this.backend.session && !this.backend.session.locked && !def.passive)
        this.backend.session.lastActivity = this.backend.now();
      return { ok: true, value: out.data };
    } catch (err) {
      return { ok: false, error: this.failure(ctx, err) };
    }
  }

  private authorise(ctx: Ctx): void {
    const def = contract[ctx.name];
    if (def.access === 'public') return;
    const session = this.backend.session;
    if (!session) throw new AppError('unauthenticated', 'Log in to continue.');
    if (!session.locked && this.backend.now() - session.lastActivity > this.backend.idleLockMinutes() * 60_000) {
      this.backend.lock('idle');
    }
    if (session.locked) throw new AppError('locked', 'The workstation is locked. Log in to continue.');
    if (session.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(ctx.name)) {
      throw new AppError('password_change_required', 'Change your temporary password before you continue.');
    }
    if (def.access !== 'session' && !def.access.includes(session.user.role)) {
      ctx.writeAudit('denied', { role: session.user.role });
      throw new AppError('forbidden', 'Your role does not allow this.');
    }
  }

  private async run(ctx: Ctx, input: unknown): Promise<unknown> {
    const def = contract[ctx.name];
    const handler = this.handlers[ctx.name] as Handler<ProcedureName>;
    const audited = def.access !== 'public' && (def.kind === 'mutation' || def.auditRead === true);
    if (typeof handler === 'function') {
      if (!audited) return handler(ctx, input as never);
      if (def.kind === 'query') return ctx.readTx(() => handler(ctx, input as never));
      return ctx.tx(() => handler(ctx, input as never));
    }
    const value = await handler.async(ctx, input as never);
    if (audited && !ctx.audited && this.backend.isOpen()) ctx.writeAudit('success');
    return value;
  }

  private failure(ctx: Ctx, err: unknown): ApiError {
    const def = contract[ctx.name];
    const known = err instanceof AppError ? err.toApi() : faultError(err);
    if (faultKind(err) === 'damaged') this.backend.damage = faultMessage('damaged');
    if (!known) logError(`call ${ctx.name} failed`, err);
    // A refused change by a logged-in user is itself a security-relevant event.
    const session = this.backend.session;
    if (
      def.kind === 'mutation' &&
      def.access !== 'public' &&
      !ctx.audited &&
      session &&
      !session.locked &&
      this.backend.isOpen() &&
      known?.code !== 'invalid_input'
    ) {
      try {
        ctx.writeAudit('failure', { code: known?.code ?? 'internal' });
      } catch (auditErr) {
        logError('could not audit a failed call', auditErr);
      }
    }
    return (
      known ?? {
        code: 'internal',
        message: 'Something went wrong and nothing was saved. Try again; if it keeps happening, tell your administrator.',
      }
    );
  }
}
