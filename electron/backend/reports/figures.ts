import { keyOf, keysOf, MEASURES } from '../../../shared/domain/reports/catalogue';

/** A period's figures by the catalogue's keys (catalogue.ts); null: not applicable (a rate without a denominator). */
export type Values = Record<string, number | null>;

/** The figures being counted: every key of the included measures starts at 0 (counts) or null (rates, statistics). */
export class Figures {
  readonly values: Values = {};

  constructor(
    readonly included: ReadonlySet<string>,
    months: string[],
  ) {
    for (const m of MEASURES) {
      if (!included.has(m.code)) continue;
      for (const key of keysOf(m, months)) this.values[key] = m.kind === 'count' || m.kind === 'table' ? 0 : null;
    }
  }

  add(code: string, parts: string[], n: number): void {
    if (!this.included.has(code) || !n) return;
    const key = keyOf(code, ...parts);
    if (key in this.values) this.values[key] = (this.values[key] ?? 0) + n;
  }

  /** A worked-out figure (a median, a quartile) of an included measure. */
  set(code: string, parts: string[], value: number | null): void {
    if (!this.included.has(code)) return;
    const key = keyOf(code, ...parts);
    if (key in this.values) this.values[key] = value;
  }

  get(key: string): number | null {
    return this.values[key] ?? null;
  }
}
