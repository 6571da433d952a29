/** Calendar helpers on the workstation's local time zone (the unit's own). */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar date of a moment, YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
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
