/**
 * Cold start of the backend on the large store: a new Node process loads the bundled backend (as the app's
 * main process loads its electron-vite bundle), unlocks the store and answers the home screen's calls.
 * Timed from spawn to the first dashboard answered.
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
}

function runOnce(script: string, dataDir: string, kind: StoreKind, phases: ColdPhases[]): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [script, dataDir, kind, ACCOUNTS.coordinator.username, String(BENCH_NOW)], {
      cwd: ROOT,
      env: { ...process.env, BENCH_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t;
      if (code !== 0 || !out.includes('home')) reject(new Error(`cold start (${kind}) failed: ${err.trim() || `exit ${code}`}`));
      else {
        if (kind === 'encrypted') phases.push(JSON.parse(out) as ColdPhases);
        resolvePromise(ms);
      }
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
