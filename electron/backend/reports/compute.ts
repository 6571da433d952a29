import { TREATMENT_SERVICE_TYPES } from '../../../shared/domain/consents';
import { AGE_BANDS, raceGroupOf } from '../../../shared/domain/reports/dimensions';
import { keysOf, type Measure, MEASURES } from '../../../shared/domain/reports/catalogue';
import type { Period } from '../../../shared/domain/reports/periods';
import type { Db } from '../db/open';
import { Figures, type Values } from './figures';
import type { TtaAnswerRow } from '../../../shared/contract/reports';
import { participantFigures, programmeFigures, ttaAnswers } from './participants';
import { boundsOf, type PeriodBounds } from './period';

export type { Values };

/**
 * Computes every figure of the measure catalogue for a period, in SQL over the indexed tables: a handful of
 * grouped scans of the period's contacts (by their UTC moment, `contacts_occurred`) and referrals (by their
 * date, `referrals_referred`), and of the participant milestones and the plan (participants.ts), never a
 * pass over the whole store. The result is keyed as the catalogue keys figures (catalogue.ts); rates and
 * statistics are worked out from the counts here.
 *
 * This is the function the benchmark times (scripts/bench-reports.ts).
 */

export interface ReportOptions {
  timeZone: string;
  /** The department's today: what "on the day the report is made" means. */
  today: string;
  /** An officer's own counts: only contacts they were on and referrals they made or that came from those contacts. */
  officerId?: string | null;
}

export interface ComputedReport {
  period: Period;
  months: string[];
  timeZone: string;
  today: string;
  scope: 'unit' | 'own';
  /** The measures computed (an officer's own counts leave some out). */
  measures: string[];
  values: Values;
  /** The TTA answers of the quarters wholly in the period (the unit's report only). */
  ttaAnswers: TtaAnswerRow[];
}

const NOT_RECORDED = 'not_recorded';

/** A person's age in whole years on `day` (SQL over `p`, a persons row): from the date of birth, else the year of birth. */
function ageSql(day: string): string {
  return `CASE WHEN p.date_of_birth IS NOT NULL
      THEN CAST(substr(${day}, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
           - (substr(${day}, 6, 5) < substr(p.date_of_birth, 6, 5))
    WHEN p.birth_year IS NOT NULL THEN CAST(substr(${day}, 1, 4) AS INTEGER) - p.birth_year END`;
}

/** The catalogue's age bands as SQL over a column `age`. */
const AGE_BAND_SQL = `CASE ${AGE_BANDS.map((b) => `WHEN age BETWEEN ${b.min} AND ${b.max} THEN '${b.code}'`).join(' ')} ELSE '${NOT_RECORDED}' END`;

/** The bit of each need and service type in the masks the migration keeps (report_bits). */
export function reportBits(db: Db): { need: Map<string, number>; serviceType: Map<string, number> } {
  const rows = db.prepare('SELECT vocab, code, bit FROM report_bits').all() as { vocab: string; code: string; bit: number }[];
  const of = (vocab: string) => new Map(rows.filter((r) => r.vocab === vocab).map((r) => [r.code, r.bit]));
  return { need: of('need'), serviceType: of('service_type') };
}

function maskOf(bits: Map<string, number>, codes: readonly string[]): number {
  let mask = 0;
  for (const c of codes) {
    const bit = bits.get(c);
    if (bit === undefined) throw new Error(`report_bits has no bit for ${c}: add it in a migration`);
    mask += 2 ** bit;
  }
  return mask;
}

/** Adds `n` to each category whose bit is set in `mask`. */
function addBits(f: Figures, code: string, bits: Map<string, number>, mask: number, n: number): void {
  for (const [cat, bit] of bits) if (Math.floor(mask / 2 ** bit) % 2 === 1) f.add(code, [cat], n);
}

function contactFigures(
  db: Db,
  f: Figures,
  b: PeriodBounds,
  scope: { sql: string; params: Record<string, string> },
  bits: ReturnType<typeof reportBits>,
): void {
  const params = { start: b.start, end: b.end, ...scope.params };
  const where = `c.occurred_at >= @start AND c.occurred_at < @end ${scope.sql}`;
  const from = 'FROM contacts c INDEXED BY contacts_report';
  // Month by month (each month its own range of the index): contacts by pathway, which add up to the rest.
  const byPathway = db.prepare(
    `SELECT c.pathway AS code, count(*) AS n ${from} WHERE c.occurred_at >= @start AND c.occurred_at < @end ${scope.sql} GROUP BY 1`,
  );
  const edges = [b.start, ...b.monthStarts, b.end];
  b.months.forEach((month, i) => {
    for (const g of byPathway.all({ ...scope.params, start: edges[i], end: edges[i + 1] }) as { code: string; n: number }[]) {
      f.add('contacts', [], g.n);
      f.add('contacts_by_pathway', [g.code], g.n);
      f.add('contacts_by_month', [month], g.n);
      f.add('contacts_by_month_pathway', [month, g.code], g.n);
    }
  });
  const grouped = (column: string) =>
    db.prepare(`SELECT ${column} AS code, count(*) AS n ${from} WHERE ${where} GROUP BY 1`).all(params) as {
      code: string;
      n: number;
    }[];
  for (const g of grouped('c.disposition')) f.add('contacts_by_disposition', [g.code], g.n);
  for (const g of grouped('c.referral_source')) f.add('contacts_by_referral_source', [g.code], g.n);
  const charges = db
    .prepare(
      `SELECT c.charge_category AS charge, c.charges_in_abeyance AS abeyance, count(*) AS n ${from}
        WHERE ${where} AND c.charge_category IS NOT NULL GROUP BY 1, 2`,
    )
    .all(params) as { charge: string; abeyance: number; n: number }[];
  for (const g of charges) {
    const outcome = g.abeyance ? 'held_in_abeyance' : 'not_filed';
    f.add('charges_deflected', [], g.n);
    f.add('charges_by_category', [g.charge], g.n);
    f.add('charges_by_outcome', [outcome], g.n);
    f.add('charges_by_category_outcome', [g.charge, outcome], g.n);
  }
  const needBits = [...bits.need];
  const sums = db
    .prepare(
      `SELECT sum(c.person_id IS NULL) AS unidentified, sum(c.overdose) AS overdoses, sum(c.naloxone_doses) AS doses,
              sum(c.use_of_force) AS force, sum(c.injury) AS injury, sum((c.referred_types_mask & @treatment) <> 0) AS treated,
              ${needBits.map(([, bit], i) => `sum((c.needs_mask >> ${bit}) & 1) AS need${i}`).join(', ')}
         ${from} WHERE ${where}`,
    )
    .get({ ...params, treatment: maskOf(bits.serviceType, TREATMENT_SERVICE_TYPES) }) as Record<string, number | null>;
  const sum = (name: string) => sums[name] ?? 0;
  f.add('unidentified_contacts', [], sum('unidentified'));
  f.add('overdoses', [], sum('overdoses'));
  f.add('naloxone_doses', [], sum('doses'));
  f.add('safety_events', ['use_of_force'], sum('force'));
  f.add('safety_events', ['injury'], sum('injury'));
  f.add('treatment_referral_encounters', [], sum('treated'));
  needBits.forEach(([need], i) => f.add('contacts_by_need', [need], sum(`need${i}`)));

  const people = db
    .prepare(
      `WITH pp AS (SELECT c.person_id, count(*) AS n, min(c.occurred_date) AS first_day,
                          max((c.needs_mask & @trafficking) <> 0) AS trafficking
                     FROM contacts c INDEXED BY contacts_report WHERE ${where} AND c.person_id IS NOT NULL GROUP BY c.person_id),
            pa AS (SELECT pp.n, pp.trafficking, ${ageSql('pp.first_day')} AS age, p.sex, p.veteran_status, p.housing_status,
                          p.race_ethnicity
                     FROM pp JOIN persons p INDEXED BY persons_report ON p.id = pp.person_id)
       SELECT ${AGE_BAND_SQL} AS age, coalesce(sex, @nr) AS sex, coalesce(veteran_status, @nr) AS veteran,
              coalesce(housing_status, @nr) AS housing, race_ethnicity AS race, count(*) AS people, sum(n >= 2) AS repeats,
              sum(trafficking) AS trafficking
         FROM pa GROUP BY 1, 2, 3, 4, 5`,
    )
    .all({ ...params, nr: NOT_RECORDED, trafficking: maskOf(bits.need, ['sex_trafficking', 'labour_trafficking']) }) as {
    age: string;
    sex: string;
    veteran: string;
    housing: string;
    race: string;
    people: number;
    repeats: number;
    trafficking: number;
  }[];
  for (const p of people) {
    f.add('unique_people', [], p.people);
    f.add('repeat_people', [], p.repeats);
    f.add('trafficking_people', [], p.trafficking);
    f.add('age_band', [p.age], p.people);
    f.add('sex', [p.sex], p.people);
    f.add('veteran_status', [p.veteran], p.people);
    f.add('housing_status', [p.housing], p.people);
    f.add('race_ethnicity', [raceGroupOf(JSON.parse(p.race) as string[])], p.people);
  }
}

function referralFigures(
  db: Db,
  f: Figures,
  period: Period,
  officerId: string | null,
  bits: ReturnType<typeof reportBits>,
): void {
  const scope = officerId
    ? `AND (r.created_by = @officer OR r.contact_id IN (SELECT contact_id FROM contact_officers WHERE user_id = @officer))`
    : '';
  const params = { from: period.from, to: period.to, ...(officerId ? { officer: officerId } : {}) };
  const where = `r.referred_on BETWEEN @from AND @to AND r.sent_at IS NOT NULL ${scope}`;
  const groups = db
    .prepare(
      `SELECT r.status, r.accepted_at IS NOT NULL AS accepted, r.engaged_on IS NOT NULL AS engaged, r.closure_reason AS reason,
              r.types_mask AS types, count(*) AS n
         FROM referrals r INDEXED BY referrals_report WHERE ${where} GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(params) as { status: string; accepted: number; engaged: number; reason: string | null; types: number; n: number }[];
  for (const g of groups) {
    f.add('referrals_made', [], g.n);
    f.add('referrals_by_status', [g.status], g.n);
    if (g.accepted) f.add('referral_funnel', ['accepted'], g.n);
    if (g.engaged) f.add('referral_funnel', ['engaged'], g.n);
    if (g.reason) f.add('closure_reasons', [g.reason], g.n);
    addBits(f, 'referrals_by_service_type', bits.serviceType, g.types, g.n);
  }
}

/** numerator ÷ denominator as a percentage with one decimal; null without a denominator. */
export function percent(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || !denominator) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

function rates(f: Figures, months: string[]): void {
  for (const m of MEASURES) {
    if (m.kind !== 'rate' || !f.included.has(m.code)) continue;
    for (const key of keysOf(m, months)) {
      const suffix = key.slice(m.code.length);
      f.values[key] = percent(f.get(m.rate.numerator + suffix), f.get(m.rate.denominator + suffix));
    }
  }
}

/** The measures a caller sees: all of them, or an officer's own counts. */
export function measuresInScope(officer: boolean): Measure[] {
  return MEASURES.filter((m) => !officer || m.officer === true);
}

export function computeReport(db: Db, period: Period, opts: ReportOptions): ComputedReport {
  const officerId = opts.officerId ?? null;
  const b = boundsOf(period, opts.timeZone);
  const included = new Set(measuresInScope(officerId !== null).map((m) => m.code));
  const f = new Figures(included, b.months);
  const scope: { sql: string; params: Record<string, string> } = officerId
    ? { sql: 'AND c.id IN (SELECT contact_id FROM contact_officers WHERE user_id = @officer)', params: { officer: officerId } }
    : { sql: '', params: {} };
  const bits = reportBits(db);
  contactFigures(db, f, b, scope, bits);
  referralFigures(db, f, period, officerId, bits);
  if (!officerId) {
    participantFigures(db, f, period, opts.today);
    programmeFigures(db, f, period, opts.today);
  }
  rates(f, b.months);
  return {
    period,
    months: b.months,
    timeZone: opts.timeZone,
    today: opts.today,
    scope: officerId ? 'own' : 'unit',
    measures: [...included],
    values: f.values,
    ttaAnswers: officerId ? [] : ttaAnswers(db, period),
  };
}
