/**
 * The department's calendar. A day is a calendar date, YYYY-MM-DD, in the department's time zone (the
 * Directory setting, America/Chicago by default) — never in the zone of the machine that happens to run
 * the code: a station laptop left on UTC, or a shared server, must count the same "today", the same week
 * and the same expiry days as the station clock on the wall. Both sides use these: the backend through
 * `electron/backend/calendar.ts` (the department's zone from the store), the window through
 * `renderer/src/ui/format.ts` (the zone it was given at login).
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of a moment (ms since the epoch) in a time zone, YYYY-MM-DD: the one implementation.
 * `en-CA` writes dates as year-month-day with two-digit month and day, so the formatted string is the date.
 */
export function dateIn(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(ms);
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A calendar date plus whole days (calendar arithmetic; no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(dayMs(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), counted on the calendar: negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / 86_400_000);
}

/** The Monday of the week (Monday to Sunday) that holds `date`. */
export function weekStart(date: string): string {
  const day = new Date(dayMs(date)).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}
