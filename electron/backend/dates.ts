/** Calendar helpers on the workstation's local time zone (the unit's own). */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar date of a moment, YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of a moment in a time zone (the department's), YYYY-MM-DD. Unlike `localDate` it does
 * not depend on the zone of the machine that runs it: a store generated on a server set to UTC has the
 * same dates as one generated at the station.
 */
export function dateIn(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(ms);
}

/** The calendar date a timestamp with an offset names (2026-11-27T22:15:00-06:00 → 2026-11-27). */
export function dateOfStamp(stamp: string): string {
  return stamp.slice(0, 10);
}

/** A timestamp with offset as a canonical UTC ISO string. */
export function toUtcIso(stamp: string): string {
  return new Date(stamp).toISOString();
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week that holds `date`. */
export function weekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}
