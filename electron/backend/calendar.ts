import { dateIn } from '../../shared/domain/calendar';
import type { Db } from './db/open';
import { getProviderSettings } from './providers/settings';

/**
 * The department's clock: its time zone (kept with the provider directory's settings, America/Chicago by
 * default) and today's date there. Every "today" of the backend comes from here — the consent gate, due dates,
 * "not in the future", this week on the home screen, the programme plan, the reports — so that a
 * workstation whose own clock is set to another zone (a laptop left on UTC, a shared server) agrees with the
 * others near midnight. Only file names and the machine's own logs keep the machine's clock.
 */

export function departmentTimeZone(db: Db): string {
  return getProviderSettings(db).timeZone;
}

/** The department's time zone and today's date in it, at `now` (the backend's injectable clock, ms). */
export function departmentClock(db: Db, now: number): { timeZone: string; today: string } {
  const timeZone = departmentTimeZone(db);
  return { timeZone, today: dateIn(now, timeZone) };
}

/** Today's date (YYYY-MM-DD) in the department's time zone. */
export function departmentToday(db: Db, now: number): string {
  return departmentClock(db, now).today;
}

/** The department's calendar date of a stored moment (an ISO timestamp with its offset, or ms). */
export function departmentDateOf(db: Db, moment: string | number): string {
  return dateIn(typeof moment === 'number' ? moment : Date.parse(moment), departmentTimeZone(db));
}

/** A calendar day as whole days since 1970-01-01 (UTC arithmetic, no time zone involved). */
export type DayNumber = number;

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let f = wallFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormats.set(zone, f);
  }
  return f;
}

let lastWallClock: { at: number; zone: string; value: { day: DayNumber; minutes: number } } | null = null;

/**
 * The wall-clock day and minute of `now` in a zone: an IANA name, or a fixed offset in minutes. For opening
 * hours and the offset of a zone at a moment; a calendar date alone is `dateIn` (shared/domain/calendar.ts).
 */
export function wallClock(now: Date, zone: string | number): { day: DayNumber; minutes: number } {
  if (typeof zone === 'string') {
    // Judging many schedules at one moment asks the same question thousands of times: remember the last answer.
    const at = now.getTime();
    if (lastWallClock && lastWallClock.at === at && lastWallClock.zone === zone) return lastWallClock.value;
    const value = zonedWallClock(now, zone);
    lastWallClock = { at, zone, value };
    return value;
  }
  return zonedWallClock(now, zone);
}

function zonedWallClock(now: Date, zone: string | number): { day: DayNumber; minutes: number } {
  if (typeof zone === 'number') {
    const shifted = new Date(now.getTime() + zone * 60_000);
    return { day: Math.floor(shifted.getTime() / 86_400_000), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
  }
  const parts = wallFormat(zone).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return {
    day: Math.floor(Date.parse(`${get('year')}-${get('month')}-${get('day')}T00:00:00Z`) / 86_400_000),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
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

/** A timestamp with offset as a canonical UTC ISO string. */
export function toUtcIso(stamp: string): string {
  return new Date(stamp).toISOString();
}
