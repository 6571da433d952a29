import { keysOf, MEASURES, type Relation, relationsOf } from '../../../shared/domain/reports/catalogue';
import type { Values } from './compute';

/**
 * Small-cell suppression for everything that leaves the building (data packages, the PDF summary).
 *
 * 1. Primary: every count from 1 to the threshold is hidden (0 is shown: it discloses nobody).
 * 2. Complementary: the catalogue says which figures add up to which (a breakdown to its total, a table's
 *    cells to its margins, the status table and the funnel through the never-published numbers of referrals
 *    closed at each stage). Across all of them at once — every table of the period, both profiles, so that
 *    no export of the same period can be played against another:
 *    a. no line (a total and its parts) may leave exactly one hidden figure: it would be its total minus
 *       the rest;
 *    b. where a line's total is shown, the hidden parts together must come to more than the threshold, or
 *       the total would pin them all down as small (two hidden 1s under a total of 2);
 *    c. and no hidden figure may be worked out from any combination of lines, across tables: the lines are
 *       solved as a system of linear equations (exact Gaussian elimination over the rationals) and a hidden
 *       figure that the system determines gets another figure hidden beside it.
 *    Each time, the figure hidden next is the smallest non-zero figure shown in a line of the figure at risk
 *    (a part before a total), so that as little as possible is lost; this repeats until nothing is at risk.
 * 3. Dependent: a rate is hidden when its numerator or denominator is; a median or quartile when its
 *    population is; a sum (naloxone doses) when the count it goes with is.
 *
 * What this does not promise: bounds from inequalities beyond rule b (someone may still learn that a hidden
 * figure is "small"); figures not in the package (say, last quarter's, combined with this quarter's year-to-
 * date total) are not part of the system.
 */

export interface Suppression {
  threshold: number;
  /** Every figure hidden in exports, for whatever reason. */
  hidden: Set<string>;
  primary: Set<string>;
  complementary: Set<string>;
  dependent: Set<string>;
}

const isAtom = (key: string) => key.startsWith('~');

/** Integer row reduction without fractions: each row kept divided by the gcd of its entries. */
function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The unknowns (by index) that the equations determine: reduced row echelon form over the rationals, then
 * every row left with a single non-zero coefficient names one. Coefficients stay small integers.
 */
export function determinedUnknowns(rows: number[][], width: number): Set<number> {
  const m = rows.map((r) => [...r]);
  let pivotRow = 0;
  for (let col = 0; col < width && pivotRow < m.length; col++) {
    const found = m.findIndex((r, i) => i >= pivotRow && r[col] !== 0);
    if (found < 0) continue;
    [m[pivotRow], m[found]] = [m[found]!, m[pivotRow]!];
    const p = m[pivotRow]!;
    for (let i = 0; i < m.length; i++) {
      if (i === pivotRow || m[i]![col] === 0) continue;
      const r = m[i]!;
      const a = p[col]!;
      const b = r[col]!;
      let g = 0;
      for (let j = 0; j < width; j++) {
        r[j] = r[j]! * a - p[j]! * b;
        g = gcd(g, r[j]!);
      }
      if (g > 1) for (let j = 0; j < width; j++) r[j] = r[j]! / g;
      if (r.some((v) => !Number.isSafeInteger(v))) throw new Error('suppression: coefficients overflowed');
    }
    pivotRow++;
  }
  const out = new Set<number>();
  for (const r of m) {
    const nonZero = r.flatMap((v, j) => (v !== 0 ? [j] : []));
    if (nonZero.length === 1) out.add(nonZero[0]!);
  }
  return out;
}

class Suppressor {
  readonly hidden = new Set<string>();
  readonly primary = new Set<string>();
  readonly complementary = new Set<string>();
  private readonly byKey = new Map<string, Relation[]>();

  constructor(
    private readonly values: Values,
    private readonly protectable: ReadonlySet<string>,
    private readonly relations: Relation[],
    private readonly threshold: number,
  ) {
    for (const r of relations) for (const k of [r.total, ...r.parts]) this.byKey.set(k, [...(this.byKey.get(k) ?? []), r]);
  }

  private value(key: string): number {
    return this.values[key] ?? 0;
  }

  unknown(key: string): boolean {
    return isAtom(key) || this.hidden.has(key);
  }

  private shown(key: string): boolean {
    return this.protectable.has(key) && !this.hidden.has(key);
  }

  private hide(key: string): void {
    this.hidden.add(key);
    if (!this.primary.has(key)) this.complementary.add(key);
  }

  /** The best figure to hide among these lines: shown, non-zero (unless `zero`), a part before a total, the smallest. */
  private pick(lines: readonly Relation[], zero: boolean): string | null {
    const ok = (k: string) => this.shown(k) && (zero || this.value(k) > 0);
    const candidates = lines.flatMap((r) => [
      ...r.parts.filter(ok).map((key) => ({ key, total: 0 })),
      ...(ok(r.total) ? [{ key: r.total, total: 1 }] : []),
    ]);
    candidates.sort((x, y) => x.total - y.total || this.value(x.key) - this.value(y.key) || x.key.localeCompare(y.key));
    return candidates[0]?.key ?? null;
  }

  /**
   * The figure to hide next to protect `key`: from `within` (the line at risk) if it has one, else from the
   * lines of `key`, then of the unknowns in those lines, and so on outwards.
   */
  private complementFor(key: string, within?: Relation): string {
    for (const zero of [false, true]) {
      const inLine = within ? this.pick([within], zero) : null;
      if (inLine) return inLine;
      const seen = new Set([key]);
      let level = [key];
      while (level.length) {
        const lines = level.flatMap((k) => this.byKey.get(k) ?? []);
        const found = this.pick(lines, zero);
        if (found) return found;
        level = [...new Set(lines.flatMap((r) => [r.total, ...r.parts]))].filter((k) => this.unknown(k) && !seen.has(k));
        for (const k of level) seen.add(k);
      }
    }
    throw new Error(`suppression: nothing left to hide beside ${key}`);
  }

  /** Rules a and b, line by line; true when it hid another figure, false when every line is safe. */
  private lineStep(): boolean {
    for (const r of this.relations) {
      const keys = [r.total, ...r.parts];
      const unknown = keys.filter((k) => this.unknown(k));
      if (!unknown.some((k) => this.hidden.has(k))) continue;
      if (unknown.length === 1) {
        this.hide(this.complementFor(unknown[0]!, r));
        return true;
      }
      if (!this.unknown(r.total)) {
        const hiddenParts = r.parts.filter((k) => this.unknown(k));
        const sum = hiddenParts.reduce((s, k) => s + this.value(k), 0);
        if (hiddenParts.some((k) => this.primary.has(k)) && sum <= this.threshold) {
          this.hide(
            this.complementFor(
              hiddenParts.find((k) => this.primary.has(k))!,
              r,
            ),
          );
          return true;
        }
      }
    }
    return false;
  }

  /** Rule c: a hidden figure the whole system of lines determines. */
  private determinedHidden(): string | null {
    const unknowns = [...new Set(this.relations.flatMap((r) => [r.total, ...r.parts]).filter((k) => this.unknown(k)))];
    const index = new Map(unknowns.map((k, i) => [k, i]));
    const rows: number[][] = [];
    for (const r of this.relations) {
      const row = new Array<number>(unknowns.length).fill(0);
      let any = false;
      for (const p of r.parts) {
        const i = index.get(p);
        if (i !== undefined) {
          row[i]! += 1;
          any = true;
        }
      }
      const t = index.get(r.total);
      if (t !== undefined) {
        row[t]! -= 1;
        any = true;
      }
      if (any) rows.push(row);
    }
    for (const i of determinedUnknowns(rows, unknowns.length)) {
      const key = unknowns[i]!;
      if (this.hidden.has(key)) return key;
    }
    return null;
  }

  run(): void {
    for (const key of this.protectable) {
      const v = this.value(key);
      if (v >= 1 && v <= this.threshold) {
        this.primary.add(key);
        this.hidden.add(key);
      }
    }
    for (;;) {
      if (this.lineStep()) continue;
      const exposed = this.determinedHidden();
      if (!exposed) return;
      this.hide(this.complementFor(exposed));
    }
  }
}

/** Which figures of a period's report are hidden at `threshold` (0: none). */
export function suppress(values: Values, months: readonly string[], threshold: number): Suppression {
  const present = (k: string) => k in values;
  const protectable = new Set<string>();
  for (const m of MEASURES) {
    if (m.kind !== 'count' && m.kind !== 'table') continue;
    for (const k of keysOf(m, months)) if (present(k)) protectable.add(k);
  }
  const relations = relationsOf(months).filter((r) => [r.total, ...r.parts].every((k) => isAtom(k) || present(k)));
  const s = new Suppressor(values, protectable, relations, threshold);
  if (threshold > 0) s.run();
  const dependent = new Set<string>();
  const hiddenNow = (k: string) => s.hidden.has(k) || dependent.has(k);
  for (const m of MEASURES) {
    for (const key of keysOf(m, months)) {
      if (!present(key) || s.hidden.has(key)) continue;
      const suffix = key.slice(m.code.length);
      const basis =
        m.kind === 'rate'
          ? [m.rate.numerator + suffix, m.rate.denominator + suffix]
          : m.kind === 'stat'
            ? [m.population]
            : m.kind === 'count' && m.dependsOn
              ? [m.dependsOn]
              : [];
      if (basis.some(hiddenNow)) dependent.add(key);
    }
  }
  return {
    threshold,
    hidden: new Set([...s.hidden, ...dependent]),
    primary: s.primary,
    complementary: s.complementary,
    dependent,
  };
}
