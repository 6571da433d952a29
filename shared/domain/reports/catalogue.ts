import { DIMENSIONS } from './dimensions';
import { ACTIVITY_MEASURES } from './measuresActivity';
import { ENGAGEMENT_MEASURES, PROGRAMME_MEASURES, TTA_ANSWERS, ttaAnswerHidden } from './measuresEngagement';
import { OUTCOME_MEASURES } from './measuresOutcomes';
import type { Measure, Profile, Section } from './types';
import { SECTIONS } from './types';
import type { VocabItem } from '../vocab';

/**
 * THE MEASURE CATALOGUE. Every figure the unit reports is declared once (measuresActivity.ts,
 * measuresOutcomes.ts) — its code, label, plain-words definition, numerator and denominator, unit, which
 * records count and which date puts a record in the period — and everything else is generated from it: the
 * backend's computation fills the figures by these codes, the Reports screen lists them with their
 * definitions, the data packages write one CSV per measure with a Table Schema and a data dictionary made
 * of these words, the PDF summary draws the headline figures, and small-cell suppression reads from here
 * which figures add up to which.
 *
 * Sources: 5 ILCS 820/25 (Illinois deflection law: demographics, encounters resulting in a treatment
 * referral, time from encounter to treatment engagement, 30-day engagement rate; quarterly to ICJIA) and the
 * BJA COSSUP / PTACC deflection performance measures.
 *
 * Figures are addressed by KEYS: the measure code for a single figure (`contacts`), with the category for a
 * breakdown (`contacts_by_pathway.self_referral`), with row and column for a two-way table
 * (`contacts_by_month_pathway.2026-07.self_referral`).
 */

export * from './types';

export const MEASURES: readonly Measure[] = [
  ...ACTIVITY_MEASURES,
  ...OUTCOME_MEASURES,
  ...ENGAGEMENT_MEASURES,
  ...PROGRAMME_MEASURES,
];

/** Not a figure: the quarter's TTA question-and-answer rows (a table of its own in the TTA package). */
export { TTA_ANSWERS, ttaAnswerHidden };

const BY_CODE: ReadonlyMap<string, Measure> = new Map(MEASURES.map((m) => [m.code, m]));

export function measure(code: string): Measure {
  const m = BY_CODE.get(code);
  if (!m) throw new Error(`no measure ${code}`);
  return m;
}

export function measuresOf(section: Section): Measure[] {
  return MEASURES.filter((m) => m.section === section);
}

export function measuresFor(profile: Profile): Measure[] {
  return MEASURES.filter((m) => m.profiles.includes(profile));
}

export { SECTIONS };

/** The key of a figure: `code`, `code.category` or `code.row.column`. Aliased categories resolve to the other figure. */
export function keyOf(code: string, ...parts: string[]): string {
  if (parts.length === 1) {
    const m = BY_CODE.get(code);
    const alias = m && m.kind === 'count' ? m.alias?.[parts[0]!] : undefined;
    if (alias) return alias;
  }
  return [code, ...parts].join('.');
}

/** The categories of a measure's breakdown; months are those of the period. */
export function categoriesOf(m: Measure, months: readonly string[]): readonly VocabItem[] {
  if (m.kind === 'table' || !m.by) return [];
  if (m.by === 'month') return months.map((code) => ({ code, label: code }));
  return DIMENSIONS[m.by].items;
}

/** Every key a measure fills for a period (for a table: its cells only; its margins belong to `rows` and `cols`). */
export function keysOf(m: Measure, months: readonly string[]): string[] {
  if (m.kind === 'table') {
    const rows = categoriesOf(measure(m.rows), months);
    const cols = categoriesOf(measure(m.cols), months);
    return rows.flatMap((r) => cols.map((c) => keyOf(m.code, r.code, c.code)));
  }
  if (!m.by) return [m.code];
  return categoriesOf(m, months).map((c) => keyOf(m.code, c.code));
}

/**
 * A relation for suppression: the figure `total` equals the sum of `parts`. Keys starting with `~` are
 * quantities that are never published (how many referrals were closed at each stage) but tie published
 * figures together, so that a hidden figure cannot be worked out from the others through them.
 */
export interface Relation {
  total: string;
  parts: string[];
}

/** Referrals closed at each stage, never published: they tie the status table to the funnel. */
const FUNNEL_RELATIONS: Relation[] = [
  { total: 'referrals_by_status.closed', parts: ['~closed_sent', '~closed_accepted', '~closed_engaged'] },
  {
    total: 'referral_funnel.accepted',
    parts: ['referrals_by_status.accepted', '~closed_accepted', 'referral_funnel.engaged'],
  },
  {
    total: 'referral_funnel.engaged',
    parts: ['referrals_by_status.engaged', '~closed_engaged', 'referrals_by_status.completed'],
  },
];

/** Every additive relation between the figures of a period: breakdowns to their totals, table margins, the funnel. */
export function relationsOf(months: readonly string[]): Relation[] {
  const out: Relation[] = [];
  for (const m of MEASURES) {
    if (m.kind === 'count' && m.by && m.partOf && !m.overlapping) {
      out.push({ total: m.partOf, parts: keysOf(m, months) });
    }
    if (m.kind === 'table') {
      const rows = categoriesOf(measure(m.rows), months);
      const cols = categoriesOf(measure(m.cols), months);
      for (const r of rows) out.push({ total: keyOf(m.rows, r.code), parts: cols.map((c) => keyOf(m.code, r.code, c.code)) });
      for (const c of cols) out.push({ total: keyOf(m.cols, c.code), parts: rows.map((r) => keyOf(m.code, r.code, c.code)) });
    }
  }
  return [...out, ...FUNNEL_RELATIONS];
}
