import { randomUUID } from 'node:crypto';
import type { JobState } from '../../../shared/contract/backups';
import type { Backend } from '../backend';
import { AppError } from '../errors';

type Kind = JobState['kind'];

/** A step of a job, with its share of the whole progress bar. */
export interface StepPlan {
  [step: string]: { label: string; weight: number };
}

export interface TaskHandle {
  /** Moves the bar: `step` from the job's plan, `fraction` 0–1 within it. */
  progress(step: string, fraction: number): void;
  /** Registers how to stop the work in progress (a worker thread). */
  onCancel(stop: () => Promise<void>): void;
  /** From here on the job finishes even if the store closes (it is switching files itself). */
  commit(): void;
  readonly cancelled: boolean;
}

interface Running {
  state: JobState;
  plan: StepPlan;
  stops: (() => Promise<void>)[];
  cancelled: boolean;
  /** Backups and rotations hold the data key: they stop when the store closes (lock, logout). */
  needsStore: boolean;
  /** While set, the router refuses other calls with this message (the store must not change under the job). */
  exclusive: string | null;
}

/**
 * The one long store job a backend runs at a time — a backup, a restore or a key rotation — and
 * its progress for the window's progress bar. Jobs that use the data key are stopped when the
 * store closes: locking the workstation forgets the key, in a worker thread as well.
 */
export class Tasks {
  private running: Running | null = null;
  private last: JobState | null = null;

  constructor(private readonly backend: Backend) {
    backend.onStore((event) => {
      if (event === 'close' && this.running?.needsStore) void this.cancel();
    });
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** The message for calls refused while an exclusive job (a key rotation) runs, or null. */
  get exclusive(): string | null {
    return this.running?.exclusive ?? null;
  }

  /** The running job, or the last finished one. */
  current(kind?: Kind): JobState | null {
    const job = this.running?.state ?? this.last;
    return job && (!kind || job.kind === kind) ? { ...job } : null;
  }

  start<T extends Partial<JobState>>(
    kind: Kind,
    plan: StepPlan,
    opts: { needsStore: boolean; exclusive?: string },
    work: (task: TaskHandle) => Promise<T>,
    onFinish?: (state: JobState) => void,
  ): JobState {
    if (this.running) {
      const what = { backup: 'A backup', restore: 'A restore', rotate: 'A key rotation' }[this.running.state.kind];
      throw new AppError('conflict', `${what} is already running. Wait for it to finish.`);
    }
    const first = Object.keys(plan)[0]!;
    const running: Running = {
      state: {
        id: randomUUID(),
        kind,
        startedAt: this.backend.nowIso(),
        step: plan[first]!.label,
        fraction: 0,
        done: false,
        ok: null,
        message: null,
        field: null,
        backup: null,
        restore: null,
        rotation: null,
      },
      plan,
      stops: [],
      cancelled: false,
      needsStore: opts.needsStore,
      exclusive: opts.exclusive ?? null,
    };
    this.running = running;
    const handle: TaskHandle = {
      progress: (step, fraction) => {
        const steps = Object.keys(plan);
        const i = steps.indexOf(step);
        if (i < 0) return;
        const total = steps.reduce((sum, s) => sum + plan[s]!.weight, 0);
        const before = steps.slice(0, i).reduce((sum, s) => sum + plan[s]!.weight, 0);
        const within = Math.max(0, Math.min(1, fraction));
        running.state.step = plan[step]!.label;
        running.state.fraction = Math.max(running.state.fraction, (before + within * plan[step]!.weight) / total);
      },
      onCancel: (stop) => running.stops.push(stop),
      commit: () => {
        running.needsStore = false;
      },
      get cancelled() {
        return running.cancelled;
      },
    };
    const finish = (patch: Partial<JobState>) => {
      const state: JobState = { ...running.state, ...patch, done: true };
      this.last = state;
      this.running = null;
      onFinish?.(state);
    };
    void (async () => {
      // Let the caller return the job first.
      await Promise.resolve();
      try {
        const result = await work(handle);
        finish({ ok: true, fraction: 1, step: 'Done', ...result });
      } catch (err) {
        const message =
          err instanceof AppError
            ? err.message
            : 'The job failed unexpectedly; nothing was changed. Try again, and tell your administrator if it keeps happening.';
        finish({ ok: false, step: 'Failed', message, field: err instanceof AppError ? (err.field ?? null) : null });
      }
    })();
    return { ...running.state };
  }

  /** Stops the running job; it finishes as failed with its own message. */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running || running.cancelled) return;
    running.cancelled = true;
    await Promise.all(running.stops.map((stop) => stop().catch(() => undefined)));
  }

  /** For the command line and tests: resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 50));
  }
}

const registry = new WeakMap<Backend, Tasks>();

/** The backend's job runner (one per backend). */
export function tasksOf(backend: Backend): Tasks {
  let tasks = registry.get(backend);
  if (!tasks) {
    tasks = new Tasks(backend);
    registry.set(backend, tasks);
  }
  return tasks;
}
