import { addDays, daysBetween } from '../calendar';
import { quarterOf, quarterRange, shiftQuarter } from '../tta';

export { addDays };

/**
 * Report periods: a quarter (the default: the last full one), a calendar year, or any range of days. Dates
 * are calendar days (YYYY-MM-DD, both ends included) in the department's time zone; the backend turns
 * them into moments for contact times (reports/period.ts).
 */

export interface Period {
  from: string;
  to: string;
}

export const PERIOD_KINDS = ['quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Reports go back to 2000 (as contacts do) and cover at most this many days at once. */
export const EARLIEST_REPORT_DATE = '2000-01-01';
export const MAX_REPORT_DAYS = 366 * 20;

const pad = (n: number) => String(n).padStart(2, '0');
/** Days from `from` to `to` (calendar days; no time zone involved). */
export const dayDiff = daysBetween;

/** Number of days a period covers, both ends included. */
export function periodDays(p: Period): number {
  return dayDiff(p.from, p.to) + 1;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The quarter holding a day: year and 1–4. */
export function quarterOfDate(date: string): { year: number; quarter: number } {
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}` };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The last quarter that has ended by `today` (the default period). */
export function lastFullQuarter(today: string): Period {
  const { year, quarter } = quarterOfDate(today);
  return quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, quarter - 1);
}

/** What kind of period this is: exactly a quarter, a month, a year, or another range. */
export function periodShape(p: Period): { kind: 'quarter' | 'month' | 'year' | 'range'; year: number; index: number } {
  const year = Number(p.from.slice(0, 4));
  const month = Number(p.from.slice(5, 7));
  const same = (q: Period) => q.from === p.from && q.to === p.to;
  if (same(yearPeriod(year))) return { kind: 'year', year, index: 0 };
  const { quarter } = quarterOfDate(p.from);
  if (same(quarterPeriod(year, quarter))) return { kind: 'quarter', year, index: quarter };
  if (p.from.slice(8) === '01' && p.to === `${p.from.slice(0, 8)}${pad(lastDayOfMonth(year, month))}`) {
    return { kind: 'month', year, index: month };
  }
  return { kind: 'range', year, index: 0 };
}

/**
 * The period to compare with: the quarter, month or year before; for any other range the same number of
 * days just before it.
 */
export function previousPeriod(p: Period): Period {
  const shape = periodShape(p);
  if (shape.kind === 'year') return yearPeriod(shape.year - 1);
  if (shape.kind === 'quarter')
    return shape.index === 1 ? quarterPeriod(shape.year - 1, 4) : quarterPeriod(shape.year, shape.index - 1);
  if (shape.kind === 'month') {
    const y = shape.index === 1 ? shape.year - 1 : shape.year;
    const m = shape.index === 1 ? 12 : shape.index - 1;
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  }
  const days = periodDays(p);
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "Q3 2026", "2026", "October 2026", or null for another range (callers write its dates). */
export function periodName(p: Period): string | null {
  const s = periodShape(p);
  if (s.kind === 'year') return String(s.year);
  if (s.kind === 'quarter') return `Q${s.index} ${s.year}`;
  if (s.kind === 'month') return `${MONTH_NAMES[s.index - 1]} ${s.year}`;
  return null;
}

/** "Jul 1 – Sep 30, 2026" or "Dec 1, 2025 – Jan 31, 2026": a period's days in short words, for exports and PDFs. */
export function periodDates(p: Period): string {
  const part = (d: string) => `${MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}`;
  if (p.from === p.to) return `${part(p.from)}, ${p.from.slice(0, 4)}`;
  if (p.from.slice(0, 4) === p.to.slice(0, 4)) return `${part(p.from)} – ${part(p.to)}, ${p.to.slice(0, 4)}`;
  return `${part(p.from)}, ${p.from.slice(0, 4)} – ${part(p.to)}, ${p.to.slice(0, 4)}`;
}

/** "Q3 2026 (Jul 1 – Sep 30, 2026)", or the dates alone for a range. */
export function periodLabel(p: Period): string {
  const name = periodName(p);
  return name ? `${name} (${periodDates(p)})` : periodDates(p);
}

/** A short name for files: "2026-Q3", "2026", "2026-10", or "2026-07-01_2026-08-15". */
export function periodSlug(p: Period): string {
  const s = periodShape(p);
  if (s.kind === 'year') return String(s.year);
  if (s.kind === 'quarter') return `${s.year}-Q${s.index}`;
  if (s.kind === 'month') return p.from.slice(0, 7);
  return `${p.from}_${p.to}`;
}

/** The calendar months a period touches, "YYYY-MM", in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7));
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** "Oct 2026": a month key in short words (chart axes, table rows). */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Why a period cannot be reported, or null: the field ('from' or 'to') and a plain message. */
export function periodProblem(p: Period, today: string): { field: 'from' | 'to'; message: string } | null {
  if (p.from < EARLIEST_REPORT_DATE) return { field: 'from', message: 'From: reports start in 2000 or later; check the year.' };
  if (p.to < p.from) return { field: 'to', message: 'To: the end of the period is before its start.' };
  if (p.from > today) return { field: 'from', message: 'From: the period starts in the future.' };
  if (periodDays(p) > MAX_REPORT_DAYS) return { field: 'to', message: 'To: a report covers at most 20 years.' };
  return null;
}

/** The calendar quarters that lie wholly in a period ("2026-Q3"), in order. */
export function quartersWithin(period: Period): string[] {
  const out: string[] = [];
  for (let q = quarterOf(period.from); quarterRange(q).from <= period.to; q = shiftQuarter(q, 1)) {
    const r = quarterRange(q);
    if (r.from >= period.from && r.to <= period.to) out.push(q);
  }
  return out;
}
