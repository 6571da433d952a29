/**
 * Cold start of the backend on the large store: a new Node process loads the bundled backend (as the app's
 * main process loads its electron-vite bundle), unlocks the store and answers the home screen's calls.
 * Timed from spawn to the first dashboard answered (the child says so on stdout); the child then closes as
 * the app does, and the time it takes to exit after the dashboard is reported beside it (the page check that
 * the unlock started is stopped on closing, not waited for).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { timeBoth } from './measure';
import type { StoreKind } from './plain';
import { ACCOUNTS, BENCH_NOW, CACHE_DIR, PASSWORD, ROOT } from './store';

async function bundle(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      // The store check's worker is a second entry, beside the main one, as in the app's build.
      rollupOptions: {
        input: {
          'cold-start': join(ROOT, 'scripts/bench/coldStartChild.ts'),
          storeWorker: join(ROOT, 'electron/backend/maintenance/storeWorker.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  });
  return join(outDir, 'cold-start.js');
}

/** Milliseconds since the child process started, at each step (read from the child's own clock). */
export interface ColdPhases {
  loaded: number;
  unlocked: number;
  home: number;
  /** From the dashboard answered to the process gone (the parent's clock). */
  exit: number;
}

/** One cold start: resolves, once the child has exited, with the time from spawn to its dashboard. */
function runOnce(script: string, dataDir: string, kind: StoreKind, phases: ColdPhases[]): Promise<{ measuredMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [script, dataDir, kind, ACCOUNTS.coordinator.username, String(BENCH_NOW)], {
      cwd: ROOT,
      env: { ...process.env, BENCH_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let dashboardAt: number | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (dashboardAt === null && out.includes('\n')) dashboardAt = performance.now();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const exited = performance.now();
      if (code !== 0 || dashboardAt === null) {
        reject(new Error(`cold start (${kind}) failed: ${err.trim() || `exit ${code}`}`));
        return;
      }
      if (kind === 'encrypted') phases.push({ ...(JSON.parse(out) as Omit<ColdPhases, 'exit'>), exit: exited - dashboardAt });
      resolvePromise({ measuredMs: dashboardAt - t });
    });
  });
}

export async function coldStart(
  dirs: Record<StoreKind, string>,
  kinds: readonly StoreKind[],
  progress: (m: string) => void,
): Promise<{ samples: Record<StoreKind, number[]>; phases: ColdPhases[] }> {
  const outDir = join(CACHE_DIR, `cold-start-${process.pid}`);
  try {
    const script = await bundle(outDir);
    progress('bundled the backend for the cold start');
    const phases: ColdPhases[] = [];
    const samples = await timeBoth(kinds, 1, 5, (kind) => runOnce(script, dirs[kind], kind, phases));
    return { samples, phases: phases.slice(1) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
