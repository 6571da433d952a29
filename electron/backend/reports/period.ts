import { addDays, monthsOf, type Period } from '../../../shared/domain/reports/periods';
import { zonedMidnight } from '../calendar';

/**
 * Period boundaries in the department's time zone (the directory setting, America/Chicago by default). A
 * period of days becomes the moments from midnight of its first day to midnight after its last day, there;
 * contacts are compared by their UTC moment, so a contact at 23:59 on the quarter's last day in the
 * department's zone is in that quarter wherever the workstation's clock was set.
 */

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
