import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobInput, JobOutput, WorkerMessage } from './jobTypes';

/** An error from a store job, carrying the SQLite or file-system code it failed with (see faults.ts). */
export class JobError extends Error {
  constructor(
    readonly code: string | null,
    readonly cancelled = false,
  ) {
    super(cancelled ? 'job cancelled' : `store job failed${code ? ` (${code})` : ''}`);
    this.name = 'JobError';
  }
}

/**
 * Where the worker's code is: beside the bundle in the built app (out/main/storeWorker.js), or the
 * TypeScript source, loaded through tsx, when run from source (tests, command line, harness).
 */
function workerFor(input: JobInput): Worker {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'storeWorker.ts');
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
    return new Worker(bootstrap, { eval: true, workerData: input });
  }
  const built = [join(__dirname, 'storeWorker.js'), join(__dirname, '..', 'storeWorker.js')].find((p) => existsSync(p));
  if (!built) throw new Error('storeWorker.js is missing from the build');
  return new Worker(built, { workerData: input });
}

export interface RunningJob<T extends JobOutput> {
  result: Promise<T>;
  /** Stops the job; `result` rejects with a cancelled JobError once the worker has stopped. */
  cancel(): Promise<void>;
}

/** Runs one job in its own worker thread; `onProgress` gets the job's phase and 0–1 within it. */
export function startJob<J extends JobInput['job']>(
  input: Extract<JobInput, { job: J }>,
  onProgress?: (phase: string, fraction: number) => void,
): RunningJob<Extract<JobOutput, { job: J }>> {
  const worker = workerFor(input);
  let cancelled = false;
  const result = new Promise<Extract<JobOutput, { job: J }>>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.phase, m.fraction);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.output as Extract<JobOutput, { job: J }>);
      } else {
        settled = true;
        reject(new JobError(m.code));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(new JobError((err as { code?: string }).code ?? null));
    });
    worker.on('exit', () => {
      if (!settled) reject(new JobError(null, cancelled));
    });
  });
  return {
    result,
    async cancel() {
      cancelled = true;
      await worker.terminate();
    },
  };
}

export function runJob<J extends JobInput['job']>(
  input: Extract<JobInput, { job: J }>,
  onProgress?: (phase: string, fraction: number) => void,
): Promise<Extract<JobOutput, { job: J }>> {
  return startJob(input, onProgress).result;
}
