import { addDays, monthsOf, type Period } from '../../../shared/domain/reports/periods';
import type { Db } from '../db/open';
import { todayIn, wallClock } from '../providers/openNow';
import { getProviderSettings } from '../providers/settings';

/**
 * Period boundaries in the department's time zone (the directory setting, America/Chicago by default). A
 * period of days becomes the moments from midnight of its first day to midnight after its last day, there;
 * contacts are compared by their UTC moment, so a contact at 23:59 on the quarter's last day in the
 * department's zone is in that quarter wherever the workstation's clock was set.
 */

export function departmentTimeZone(db: Db): string {
  return getProviderSettings(db).timeZone;
}

export function departmentToday(db: Db, now: number): string {
  return todayIn(new Date(now), departmentTimeZone(db));
}

/** The UTC offset of a zone at a moment, in minutes (Chicago in winter: −360). */
function offsetMinutes(at: number, timeZone: string): number {
  const { day, minutes } = wallClock(new Date(at), timeZone);
  return day * 1440 + minutes - Math.floor(at / 60_000);
}

/** The moment (UTC ISO, as contacts store it) of midnight at the start of `date` in `timeZone`. */
export function zonedMidnight(date: string, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let at = wall;
  // Twice is enough: the offset found at the first guess is right unless a clock change lies in between.
  for (let i = 0; i < 3; i++) {
    const next = wall - offsetMinutes(at, timeZone) * 60_000;
    if (next === at) break;
    at = next;
  }
  return new Date(at).toISOString();
}

export interface PeriodBounds {
  period: Period;
  /** First moment of the period and first moment after it (UTC ISO), for `occurred_at >= start AND occurred_at < end`. */
  start: string;
  end: string;
  months: string[];
  /** For each month but the first, the moment it starts (the CASE that sorts contacts into months). */
  monthStarts: string[];
}

export function boundsOf(period: Period, timeZone: string): PeriodBounds {
  const months = monthsOf(period);
  return {
    period,
    start: zonedMidnight(period.from, timeZone),
    end: zonedMidnight(addDays(period.to, 1), timeZone),
    months,
    monthStarts: months.slice(1).map((m) => zonedMidnight(`${m}-01`, timeZone)),
  };
}
