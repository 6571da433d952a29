import type { TtaAnswerRow } from '../../../shared/contract/reports';
import { keysOf, type Measure, MEASURES } from '../../../shared/domain/reports/catalogue';
import type { Period } from '../../../shared/domain/reports/periods';
import type { Db } from '../db/open';
import { sql } from '../providers/store';
import { columnsOf, tally } from './columns';
import { addBits, contactFigures, type ReportBits } from './contacts';
import { Figures, type Values } from './figures';
import { participantFigures, programmeFigures, ttaAnswers } from './participants';
import { boundsOf } from './period';

export type { Values };

/**
 * Computes every figure of the measure catalogue for a period over the indexed tables: one range of the
 * period's contacts and a lookup of each of its people (contacts.ts; covering indexes `contacts_report`
 * and `persons_report`), one range of its referrals (`referrals_report`), and reads of the participant
 * milestones and the plan (participants.ts), never a pass over the whole store. The result is keyed as the
 * catalogue keys figures (catalogue.ts); rates and statistics are worked out from the counts here.
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

/** The bit of each need and service type in the masks the migration keeps (report_bits). */
export function reportBits(db: Db): ReportBits {
  const rows = sql(db, 'SELECT vocab, code, bit FROM report_bits').all() as { vocab: string; code: string; bit: number }[];
  // The masks are counted as JavaScript numbers, exact up to 2^53.
  const beyond = rows.find((r) => r.bit > 52);
  if (beyond) throw new Error(`report_bits: bit ${beyond.bit} of ${beyond.code} is above 52 and cannot be counted exactly`);
  const of = (vocab: string) => new Map(rows.filter((r) => r.vocab === vocab).map((r) => [r.code, r.bit]));
  return { need: of('need'), serviceType: of('service_type') };
}

function referralFigures(db: Db, f: Figures, period: Period, officerId: string | null, bits: ReportBits): void {
  const scope = officerId
    ? `AND (r.created_by = @officer OR r.contact_id IN (SELECT contact_id FROM contact_officers WHERE user_id = @officer))`
    : '';
  const params = { from: period.from, to: period.to, ...(officerId ? { officer: officerId } : {}) };
  const where = `r.referred_on BETWEEN @from AND @to AND r.sent_at IS NOT NULL ${scope}`;
  // The period's referrals made, column by column (columns.ts): status, accepted and engaged, closure reason, service types.
  const r = columnsOf<{ status: string[]; flags: number[]; reason: (string | null)[]; types: number[] }>(
    db,
    `SELECT json_group_array(r.status) AS status,
            json_group_array((r.accepted_at IS NOT NULL) + 2 * (r.engaged_on IS NOT NULL)) AS flags,
            json_group_array(r.closure_reason) AS reason, json_group_array(r.types_mask) AS types
       FROM referrals r INDEXED BY referrals_report WHERE ${where}`,
    params,
  );
  const byStatus = new Map<string, number>();
  const byReason = new Map<string, number>();
  const byTypes = new Map<number, number>();
  let accepted = 0;
  let engaged = 0;
  for (let i = 0; i < r.status.length; i++) {
    tally(byStatus, r.status[i]!);
    const reason = r.reason[i];
    if (reason) tally(byReason, reason);
    tally(byTypes, r.types[i]!);
    if (r.flags[i]! & 1) accepted++;
    if (r.flags[i]! & 2) engaged++;
  }
  f.add('referrals_made', [], r.status.length);
  for (const [status, n] of byStatus) f.add('referrals_by_status', [status], n);
  f.add('referral_funnel', ['accepted'], accepted);
  f.add('referral_funnel', ['engaged'], engaged);
  for (const [reason, n] of byReason) f.add('closure_reasons', [reason], n);
  for (const [mask, n] of byTypes) addBits(f, 'referrals_by_service_type', bits.serviceType, mask, n);
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
