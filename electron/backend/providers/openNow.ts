import { BYDAY_ITEM, HSDS_TIME } from '../../../shared/contract/hsds';
import type { OpenState } from '../../../shared/contract/providers';
import { type DayNumber, wallClock } from '../calendar';

/**
 * "Open now" from HSDS schedules (iCal-style recurrence: WEEKLY or MONTHLY with BYDAY / BYMONTHDAY,
 * INTERVAL from DTSTART, VALID_FROM / VALID_TO / UNTIL, opens_at / closes_at). Times are wall-clock
 * times in the department's time zone unless opens_at carries a UTC offset or the schedule gives a
 * numeric `timezone` offset. Closing before opening means the hours run past midnight.
 */

export interface ScheduleInput {
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  until: string | null;
  timezone: number | null;
  freq: string | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opens_at: string | null;
  closes_at: string | null;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DAY_LABELS: Record<string, string> = { SU: 'Sun', MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat' };

function dayNumber(iso: string): DayNumber {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

function dayParts(day: DayNumber): { y: number; m: number; d: number; weekday: (typeof DAYS)[number] } {
  const date = new Date(day * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), weekday: DAYS[date.getUTCDay()]! };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

interface Clock {
  minutes: number;
  offsetMinutes: number | null;
}

function parseTime(value: string): Clock | null {
  const m = HSDS_TIME.exec(value.trim());
  if (!m) return null;
  const hours = Number(m[1] ?? m[4]);
  const minutes = Number(m[2] ?? m[5]);
  const zone = m[7];
  let offsetMinutes: number | null = null;
  if (zone) {
    if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
      offsetMinutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  }
  return { minutes: hours * 60 + minutes, offsetMinutes };
}

function occursOn(s: ScheduleInput, day: DayNumber): boolean {
  if (s.valid_from && day < dayNumber(s.valid_from)) return false;
  if (s.valid_to && day > dayNumber(s.valid_to)) return false;
  if (s.dtstart && day < dayNumber(s.dtstart)) return false;
  if (s.until && day > dayNumber(s.until)) return false;
  const { y, m, d, weekday } = dayParts(day);
  const byday = (s.byday ?? '')
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean)
    .map((x) => BYDAY_ITEM.exec(x))
    .filter((x): x is RegExpExecArray => x !== null);
  const interval = s.interval && s.interval > 1 ? Math.floor(s.interval) : 1;
  if ((s.freq ?? 'WEEKLY').toUpperCase() === 'MONTHLY') {
    if (interval > 1 && s.dtstart) {
      const start = dayParts(dayNumber(s.dtstart));
      if (((y - start.y) * 12 + (m - start.m)) % interval !== 0) return false;
    }
    const monthDays = (s.bymonthday ?? '')
      .split(',')
      .map((x) => Number(x.trim()))
      .filter((n) => Number.isInteger(n) && n !== 0);
    const dim = daysInMonth(y, m);
    if (monthDays.length && !monthDays.some((n) => (n > 0 ? n === d : dim + n + 1 === d))) return false;
    if (byday.length) {
      return byday.some((b) => {
        if (b[2] !== weekday) return false;
        if (!b[1]) return true;
        const n = Number(b[1]);
        return n > 0 ? Math.ceil(d / 7) === n : Math.ceil((dim - d + 1) / 7) === -n;
      });
    }
    return monthDays.length > 0;
  }
  if (interval > 1 && s.dtstart) {
    const weeks = Math.floor((day - dayNumber(s.dtstart)) / 7);
    if (weeks % interval !== 0) return false;
  }
  return byday.length === 0 || byday.some((b) => b[2] === weekday);
}

interface Window {
  opens: number;
  closes: number;
  zone: string | number;
}

function windowOf(s: ScheduleInput, timeZone: string): Window | null {
  if (!s.opens_at || !s.closes_at) return null;
  const o = parseTime(s.opens_at);
  const c = parseTime(s.closes_at);
  if (!o || !c) return null;
  const offset = o.offsetMinutes ?? c.offsetMinutes ?? (s.timezone !== null ? Math.round(s.timezone * 60) : null);
  return { opens: o.minutes, closes: c.minutes, zone: offset ?? timeZone };
}

/** A wall-clock time as the window writes times ("9:00 AM", "5:30 PM", "12:00 AM"). */
function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  const h = Math.floor(m / 60);
  return `${h % 12 || 12}:${String(m % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * Windows per schedule list for one local day: a caller that keeps its schedule lists (suggestions keep the
 * directory's in memory between changes) judges thousands of services without recomputing them.
 */
const windowCache = new WeakMap<readonly ScheduleInput[], { key: string; list: Array<[number, number]> }>();

/** Opening windows as instants (minutes since the epoch) from the day before `now` to eight days after. */
function windows(schedules: readonly ScheduleInput[], now: Date, timeZone: string): Array<[number, number]> {
  const nowMinutes = Math.floor(now.getTime() / 60_000);
  const local = wallClock(now, timeZone);
  // The same local day at the same UTC offset gives the same windows.
  const key = `${timeZone}|${local.day}|${nowMinutes - local.minutes}`;
  const cached = windowCache.get(schedules);
  if (cached && cached.key === key) return cached.list;
  const list = computeWindows(schedules, now, timeZone);
  windowCache.set(schedules, { key, list });
  return list;
}

function computeWindows(schedules: readonly ScheduleInput[], now: Date, timeZone: string): Array<[number, number]> {
  const nowMinutes = Math.floor(now.getTime() / 60_000);
  const out: Array<[number, number]> = [];
  for (const s of schedules) {
    const w = windowOf(s, timeZone);
    if (!w) continue;
    const { day, minutes } = wallClock(now, w.zone);
    // Local wall-clock minutes map to instants through the zone's offset now (a DST change within the week shifts a label by an hour at most).
    const toInstant = (local: number) => nowMinutes + (local - minutes);
    const length = w.closes <= w.opens ? w.closes + 1440 - w.opens : w.closes - w.opens;
    for (let i = -1; i <= 8; i++) {
      if (occursOn(s, day + i)) out.push([toInstant(i * 1440 + w.opens), toInstant(i * 1440 + w.opens + length)]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** "5:00 PM", "6:00 AM tomorrow", "Mon 8:00 AM": an instant as the department reads it. */
function whenLabel(instantMinutes: number, now: Date, timeZone: string, todayWord: string): string {
  const at = wallClock(new Date(instantMinutes * 60_000), timeZone);
  const today = wallClock(now, timeZone).day;
  const time = clock(at.minutes);
  if (at.day === today) return todayWord ? `${todayWord} ${time}` : time;
  if (at.day === today + 1) return todayWord ? `tomorrow ${time}` : `${time} tomorrow`;
  return `${DAY_LABELS[dayParts(at.day).weekday]!} ${time}`;
}

/** Whether a service is open at `now`, with a short label; "unknown" when no schedule has hours. */
export function openState(schedules: readonly ScheduleInput[], now: Date, timeZone: string): OpenState {
  if (!schedules.some((s) => windowOf(s, timeZone))) return { state: 'unknown', label: 'Hours not listed' };
  const list = windows(schedules, now, timeZone);
  const t = Math.floor(now.getTime() / 60_000);
  let end: number | null = null;
  for (const [a, b] of list) if (a <= t && t < b) end = Math.max(end ?? b, b);
  if (end !== null) {
    // Back-to-back windows (midnight to midnight every day) are one stretch of opening.
    for (let changed = true; changed;) {
      changed = false;
      for (const [a, b] of list) {
        if (a <= end && b > end) {
          end = b;
          changed = true;
        }
      }
    }
    if (end - t >= 6 * 1440) return { state: 'open', label: 'Open 24 hours' };
    return { state: 'open', label: `Open now · until ${whenLabel(end, now, timeZone, '')}` };
  }
  const next = list.find(([a]) => a > t);
  if (!next || next[0] - t > 7 * 1440) return { state: 'closed', label: 'Closed' };
  return { state: 'closed', label: `Closed · opens ${whenLabel(next[0], now, timeZone, 'today')}` };
}

/** "Mon–Fri 9:00 AM–5:00 PM" for a simple weekly schedule; null when it has no hours. */
export function describeHours(s: ScheduleInput): string | null {
  if (!s.opens_at || !s.closes_at) return null;
  const o = parseTime(s.opens_at);
  const c = parseTime(s.closes_at);
  if (!o || !c) return null;
  const days = (s.byday ?? '')
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);
  const order = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const plain = days.every((d) => order.includes(d));
  let dayText = 'Every day';
  if (days.length && plain) {
    const idx = days.map((d) => order.indexOf(d)).sort((a, b) => a - b);
    const contiguous = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
    dayText =
      idx.length === 7
        ? 'Every day'
        : contiguous && idx.length > 2
          ? `${DAY_LABELS[order[idx[0]!]!]}–${DAY_LABELS[order[idx[idx.length - 1]!]!]}`
          : idx.map((i) => DAY_LABELS[order[i]!]).join(', ');
  } else if (days.length) {
    dayText = days.join(', ');
  }
  const zone = o.offsetMinutes !== null ? ` (UTC${s.opens_at.trim().slice(-6)})` : '';
  const freq = (s.freq ?? 'WEEKLY').toUpperCase() === 'MONTHLY' ? ' monthly' : '';
  const times = o.minutes === 0 && c.minutes === 1440 ? '24 hours' : `${clock(o.minutes)}–${clock(c.minutes)}`;
  return `${dayText}${freq} ${times}${zone}`;
}

/** Minutes until the service opens: 0 when open now, null when no hours are listed or it opens more than a week away. */
export function minutesUntilOpen(schedules: readonly ScheduleInput[], now: Date, timeZone: string): number | null {
  const list = windows(schedules, now, timeZone);
  if (list.length === 0 && !schedules.some((s) => windowOf(s, timeZone))) return null;
  const t = Math.floor(now.getTime() / 60_000);
  if (list.some(([a, b]) => a <= t && t < b)) return 0;
  const next = list.find(([a]) => a > t);
  return next && next[0] - t <= 7 * 1440 ? next[0] - t : null;
}
