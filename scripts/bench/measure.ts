/** Timing, statistics and the two outputs (the table on stdout, the JSON file). */
import type { StoreKind } from './plain';

export interface Stats {
  median: number;
  p95: number;
  min: number;
  mean: number;
  iterations: number;
}

export interface Result {
  id: string;
  label: string;
  /** ARCHITECTURE.md budget for the median, in ms (none for measures without one). */
  budgetMs: number | null;
  encrypted: Stats;
  plain: Stats | null;
  /** Encrypted median ÷ unencrypted median. */
  ratio: number | null;
  /** Anything else the workload found out (e.g. the share of misspelled names found). */
  extra?: Record<string, number | string>;
  /** A check of the workload's own that failed (e.g. a list that is not virtualised). */
  failure?: string;
}

export function stats(samples: readonly number[]): Stats {
  if (!samples.length) throw new Error('no samples');
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
  };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(s[0]!),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    iterations: s.length,
  };
}

/** What a step that times itself resolves to (the cold start: its sample ends before the step does). */
export interface Timed {
  measuredMs: number;
}

function isTimed(x: unknown): x is Timed {
  return typeof x === 'object' && x !== null && typeof (x as Partial<Timed>).measuredMs === 'number';
}

/**
 * Runs `step(kind, i)` for both stores, alternating encrypted and unencrypted iteration by iteration so
 * that a burst of load on the machine hits both alike; warm-up iterations are not counted. A step is timed
 * from start to end, unless it resolves to its own measure (`Timed`).
 */
export async function timeBoth(
  kinds: readonly StoreKind[],
  warmup: number,
  iterations: number,
  step: (kind: StoreKind, i: number) => Promise<unknown>,
): Promise<Record<StoreKind, number[]>> {
  const samples: Record<StoreKind, number[]> = { encrypted: [], plain: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    for (const kind of i % 2 ? [...kinds].reverse() : kinds) {
      const t = performance.now();
      const done = await step(kind, i);
      const ms = isTimed(done) ? done.measuredMs : performance.now() - t;
      if (i >= warmup) samples[kind].push(ms);
    }
  }
  return samples;
}

function ms(x: number): string {
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

/** The readable table: one row per workload, budget verdict on the encrypted median. */
export function table(results: readonly Result[]): string {
  const head = ['workload', 'median', 'p95', 'plain median', 'ratio', 'budget', 'n', ''];
  const rows = results.map((r) => [
    r.label,
    ms(r.encrypted.median),
    ms(r.encrypted.p95),
    r.plain ? ms(r.plain.median) : '—',
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.budgetMs === null ? '—' : `≤ ${ms(r.budgetMs)}`,
    String(r.encrypted.iterations),
    verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Markdown version of the same table, for the README. */
export function markdown(results: readonly Result[]): string {
  const out = [
    '| workload | median | p95 | unencrypted median | ratio | budget | iterations | |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of results) {
    out.push(
      `| ${r.label} | ${ms(r.encrypted.median)} | ${ms(r.encrypted.p95)} | ${r.plain ? ms(r.plain.median) : '—'} | ${
        r.ratio === null ? '—' : r.ratio.toFixed(2)
      } | ${r.budgetMs === null ? '—' : `≤ ${ms(r.budgetMs)}`} | ${r.encrypted.iterations} | ${verdict(r)} |`,
    );
  }
  return out.join('\n');
}

export const RATIO_LIMIT = 1.3;

export function verdict(r: Result): string {
  const problems: string[] = r.failure ? [r.failure] : [];
  if (r.budgetMs !== null && r.encrypted.median > r.budgetMs) problems.push('over budget');
  if (r.ratio !== null && r.ratio > RATIO_LIMIT) problems.push(`ratio > ${RATIO_LIMIT}`);
  return problems.length ? problems.join(', ') : r.budgetMs === null && !r.extra ? '' : 'ok';
}
