/**
 * `npm run bench [-- --size full|small|tiny] [--seed N] [--json PATH] [--only a,b] [--no-plain] [--no-renderer] [--rebuild]`
 *
 * Generates (once, cached in .bench-cache/ by seed and size) a large store and its unencrypted twin, then
 * times every workload of workloads.ts through the real router on both, alternating, with warm-up; prints a
 * table (progress on stderr) and, with --json, writes median, p95, iterations, dataset size and the
 * encrypted ÷ unencrypted ratio per workload. Budgets: ARCHITECTURE.md "Performance budgets".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { coldStart } from './coldStart';
import { type Result, RATIO_LIMIT, stats, table, timeBoth, verdict } from './measure';
import { benchBackend, settleStoreCheck, type StoreKind } from './plain';
import { rendererWorkloads } from './renderer';
import { ACCOUNTS, BENCH_NOW, CACHE_DIR, cachedStore, must, PASSWORD, SIZES, workingCopies } from './store';
import { type Env, WORKLOADS } from './workloads';

const USAGE = `Usage: npm run bench -- [--size full|small|tiny] [--seed N] [--json PATH] [--only ID,ID] [--no-plain] [--no-renderer] [--rebuild]
  --size      full (default): 50,000 people, 250,000 contacts, 2,000 services; small and tiny for development
  --seed      seed of the generated data (default 1)
  --json      also write the results as JSON to PATH
  --only      run only these workloads (ids as in the JSON)
  --no-plain  skip the unencrypted twin (no ratios)
  --no-renderer  skip the Playwright measures of the renderer
  --rebuild   generate the store again even if it is cached`;

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'full' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      only: { type: 'string' },
      'no-plain': { type: 'boolean', default: false },
      'no-renderer': { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const size = SIZES[values.size];
  if (!size) throw new UsageError(`--size must be one of ${Object.keys(SIZES).join(', ')} (got "${values.size}").`);
  if (!/^\d{1,9}$/.test(values.seed)) throw new UsageError('--seed must be a whole number.');
  const all = [...WORKLOADS.map((w) => w.id), 'cold_start', 'renderer_first_screen', 'renderer_scroll'];
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  for (const id of only ?? [])
    if (!all.includes(id)) throw new UsageError(`--only: unknown workload "${id}" (known: ${all.join(', ')}).`);
  return {
    size,
    seed: Number(values.seed),
    json: values.json ? resolve(values.json) : null,
    only,
    plain: !values['no-plain'],
    renderer: !values['no-renderer'],
    rebuild: values.rebuild,
  };
}

const progress = (message: string) =>
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

async function main(): Promise<void> {
  const opts = options();
  const started = performance.now();
  progress(`store: ${opts.size.name} (seed ${opts.seed})`);
  const store = await cachedStore(opts.size, opts.seed, progress, opts.rebuild);
  progress(
    store.generated ? `generated in ${store.info.generationSeconds} s (${store.info.megabytes} MB)` : `cached: ${store.dir}`,
  );
  const runDir = join(CACHE_DIR, `run-${process.pid}`);
  const kinds: StoreKind[] = opts.plain ? ['encrypted', 'plain'] : ['encrypted'];
  const results: Result[] = [];
  const wanted = (id: string) => !opts.only || opts.only.includes(id);
  try {
    const dirs = workingCopies(store, runDir);
    const stores = {} as Env['stores'];
    let checkMs = 0;
    for (const kind of kinds) {
      stores[kind] = benchBackend(kind, { dataDir: dirs[kind], now: () => BENCH_NOW });
      await must(stores[kind].router, 'auth.login', { username: ACCOUNTS.coordinator.username, password: PASSWORD });
      // The first unlock reads every page once in a worker (maintenance/storeCheck.ts); measured apart,
      // and awaited, so that it does not share the two cores with the first workloads.
      const t = performance.now();
      await settleStoreCheck(kind, stores[kind].backend);
      if (kind === 'encrypted') checkMs = performance.now() - t;
    }
    progress(`store check after the first unlock: ${(checkMs / 1000).toFixed(1)} s (background, in a worker)`);
    const env: Env = { kinds, stores, seed: opts.seed, scale: 1 };
    try {
      for (const w of WORKLOADS.filter((x) => wanted(x.id))) {
        progress(`${w.label}…`);
        const prepared = await w.prepare(env);
        const samples = await timeBoth(kinds, w.warmup, w.iterations, prepared.step);
        const extra = prepared.finish ? await prepared.finish() : undefined;
        results.push(result(w.id, w.label, w.budgetMs, samples, kinds, extra));
      }
    } finally {
      for (const kind of kinds) stores[kind].backend.shutdown();
    }
    if (!opts.only) {
      results.push({
        id: 'store_check',
        label: 'integrity check of every page after unlock (background worker)',
        budgetMs: null,
        encrypted: stats([checkMs]),
        plain: null,
        ratio: null,
      });
    }
    if (wanted('cold_start')) {
      progress('cold start of the backend…');
      const { samples, phases } = await coldStart(dirs, kinds, progress);
      const at = (k: keyof (typeof phases)[number]) => Math.round(stats(phases.map((p) => p[k])).median);
      results.push(
        result('cold_start', 'cold start: new process to first dashboard', null, samples, kinds, {
          modulesLoadedMs: at('loaded'),
          unlockedMs: at('unlocked'),
          dashboardMs: at('home'),
          exitAfterDashboardMs: at('exit'),
        }),
      );
    }
    if (opts.renderer && (wanted('renderer_first_screen') || wanted('renderer_scroll'))) {
      for (const r of await rendererWorkloads(dirs.encrypted, progress, wanted)) results.push(r);
    }
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
  const fsyncMs = fsyncProbe(runDir);
  rmSync(runDir, { recursive: true, force: true });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nDeflect benchmark: ${opts.size.name} store (seed ${opts.seed}) — ${Object.entries(store.info.counts)
      .filter(([t]) => DATASET_TABLES.includes(t))
      .map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`)
      .join(', ')}`,
  );
  console.log(`${machine()}; one durable commit (fsync) on this disk: ${fsyncMs.toFixed(2)} ms\n`);
  console.log(table(results));
  for (const r of results.filter((x) => x.extra)) {
    console.log(
      `  ${r.id}: ${Object.entries(r.extra!)
        .map(([k, v]) => `${k} ${typeof v === 'number' && v < 1 && v > 0 ? `${(v * 100).toFixed(0)} %` : v}`)
        .join(', ')}`,
    );
  }
  const failed = results.filter((r) => verdict(r) && verdict(r) !== 'ok');
  console.log(
    `\n${failed.length ? `${failed.length} over budget or ratio > ${RATIO_LIMIT}: ${failed.map((r) => r.id).join(', ')}` : 'every budget and ratio holds'}; ` +
      `total ${seconds.toFixed(0)} s${store.generated ? ` (generation ${store.info.generationSeconds} s)` : ' (store from the cache)'}.`,
  );
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(
      opts.json,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: machine(),
          fsyncMs,
          dataset: { size: opts.size, seed: opts.seed, counts: store.info.counts, megabytes: store.info.megabytes },
          generationSeconds: store.generated ? store.info.generationSeconds : null,
          totalSeconds: Math.round(seconds),
          ratioLimit: RATIO_LIMIT,
          workloads: results.map((r) => ({ ...r, verdict: verdict(r) || null })),
        },
        null,
        2,
      )}\n`,
    );
    progress(`JSON written to ${opts.json}`);
  }
}

const DATASET_TABLES = [
  'persons',
  'contacts',
  'referrals',
  'referral_events',
  'consents',
  'letters',
  'hsds_service',
  'programme_milestones',
  'participant_milestones',
  'tta_answers',
];

function result(
  id: string,
  label: string,
  budgetMs: number | null,
  samples: Record<StoreKind, number[]>,
  kinds: readonly StoreKind[],
  extra?: Record<string, number | string>,
): Result {
  const encrypted = stats(samples.encrypted);
  const plain = kinds.includes('plain') ? stats(samples.plain) : null;
  return {
    id,
    label,
    budgetMs,
    encrypted,
    plain,
    ratio: plain ? Math.round((encrypted.median / plain.median) * 100) / 100 : null,
    ...(extra ? { extra } : {}),
  };
}

/**
 * What one durable commit costs on this disk (WAL, synchronous=FULL, an unencrypted scratch file): the floor
 * under every save, whatever the app does.
 */
function fsyncProbe(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'fsync-probe.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (x)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const ms: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      db.transaction(() => insert.run(i)).immediate();
      ms.push(performance.now() - t);
    }
    return stats(ms.slice(5)).median;
  } finally {
    db.close();
  }
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${platform()} ${release()}, Node ${process.versions.node}`;
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
