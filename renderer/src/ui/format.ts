import dayjs from 'dayjs';
import { addDays, dateIn, daysBetween } from '../../../shared/domain/calendar';

/**
 * How the window writes dates, times and counts: the only place that does (lint refuses `dayjs` and
 * `toLocale…String` elsewhere in the renderer). US workstation style: "Jan 1, 2005", "8:52 AM",
 * "Nov 28, 2026, 9:41 PM". Dates without a time (YYYY-MM-DD) are calendar days, never shifted by time zone.
 *
 * "Today" is the department's: the date in its time zone (Directory settings), as the backend counts it, so
 * that "Due today", ages, the newest date a form accepts and the default report period agree with what the
 * backend accepts and flags even on a workstation whose clock is set to another zone. Times of day are
 * shown and typed on the workstation's clock.
 */

let departmentZone: string | null = null;

/** The department's time zone, given by the login (and again when the Directory settings change it). */
export function setDepartmentTimeZone(timeZone: string | null): void {
  try {
    if (timeZone) dateIn(0, timeZone);
    departmentZone = timeZone;
  } catch {
    // A zone this browser does not know (the backend checked it against its own list): the workstation's dates.
    departmentZone = null;
  }
}

/** The department's calendar date of a moment; the workstation's own before anyone has logged in. */
function calendarDate(ms: number): string {
  return departmentZone ? dateIn(ms, departmentZone) : dayjs(ms).format('YYYY-MM-DD');
}

/** Today's date (YYYY-MM-DD) in the department's time zone. */
export function departmentToday(): string {
  return calendarDate(Date.now());
}

const thisYear = () => Number(departmentToday().slice(0, 4));

const DATE = 'MMM D, YYYY';
const TIME = 'h:mm A';

function parse(value: string | null | undefined) {
  if (!value) return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

/** "Jan 1, 2005". */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  return parse(value)?.format(DATE) ?? empty;
}

/** "8:52 AM". */
export function formatTime(value: string | null | undefined, empty = '—'): string {
  return parse(value)?.format(TIME) ?? empty;
}

/** "Nov 28, 2026, 9:41 PM". */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return parse(value)?.format(`${DATE}, ${TIME}`) ?? empty;
}

/** Shorter, for tables and lists: the year only when it is not this year ("Nov 28, 9:41 PM"). */
export function formatShortDateTime(value: string | null | undefined, empty = '—'): string {
  const d = parse(value);
  if (!d) return empty;
  return d.format(d.year() === thisYear() ? `MMM D, ${TIME}` : `${DATE}, ${TIME}`);
}

/** A day without its year when it is this year ("Nov 28"), else with it ("Nov 28, 2025"). */
export function formatShortDate(value: string | null | undefined, empty = '—'): string {
  const d = parse(value);
  if (!d) return empty;
  return d.format(d.year() === thisYear() ? 'MMM D' : DATE);
}

/** With the weekday, for dates near today: "Mon, Nov 30". */
export function formatDay(value: string | null | undefined, empty = '—'): string {
  return parse(value)?.format('ddd, MMM D') ?? empty;
}

/** "9:41 PM today", else "Nov 28, 9:41 PM": when something was last saved. */
export function formatWhen(value: string | null | undefined, empty = '—'): string {
  const d = parse(value);
  if (!d) return empty;
  return d.isSame(dayjs(), 'day') ? `${d.format(TIME)} today` : formatShortDateTime(value);
}

/** Whole days from the department's today to a calendar date (negative when past). */
export function daysFromToday(date: string): number {
  return daysBetween(departmentToday(), date.slice(0, 10));
}

/** Age in whole years on the department's today. */
export function ageOn(dateOfBirth: string): number {
  return dayjs(departmentToday()).diff(dayjs(dateOfBirth), 'year');
}

/** A count as staff read it: "12,480". */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** A file size: "840 KB", "12.4 MB", "1.2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('en-US')} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1_000_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} GB`;
}

/** How long ago, in words: "3 hours ago", "2 days ago". */
export function formatAgo(value: string | null | undefined, empty = '—'): string {
  const d = parse(value);
  if (!d) return empty;
  const minutes = dayjs().diff(d, 'minute');
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** The department's today plus `days`, as a date input holds it (YYYY-MM-DD). */
export function inputDate(days = 0): string {
  return addDays(departmentToday(), days);
}

/** Now, as a date-and-time input holds it (YYYY-MM-DDTHH:mm, local). */
export function inputDateTime(): string {
  return dayjs().format('YYYY-MM-DDTHH:mm');
}

/** A local date-and-time input value with this workstation's UTC offset, as the backend takes it; unchanged if not a time. */
export function withOffset(local: string): string {
  const d = dayjs(local);
  return d.isValid() ? d.format() : local;
}

/** A wall-clock time of day ("09:30") as staff read it: "9:30 AM". */
export function formatClock(time: string | null | undefined, empty = '—'): string {
  if (!time) return empty;
  const d = dayjs(`2000-01-01T${time}`);
  return d.isValid() ? d.format(TIME) : empty;
}

/** An event's day and wall-clock time in its own zone: "Tue, Dec 15, 2026, 9:30 AM CST". */
export function formatEventTime(date: string, time: string, timeZone: string | null): string {
  const day = parse(date);
  if (!day) return '—';
  const zone = timeZone ? ` ${zoneName(date, time, timeZone, 'short')}` : '';
  return `${day.format('ddd, MMM D, YYYY')}, ${formatClock(time)}${zone}`;
}

/** The name of a time zone on a day: "Central Standard Time" (long) or "CST" (short). */
export function zoneName(date: string, time: string, timeZone: string, style: 'long' | 'short' = 'long'): string {
  try {
    // The wall-clock time read as UTC is within hours of the event: near enough to tell standard from daylight time.
    const at = new Date(`${date}T${time || '12:00'}:00Z`);
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style }).formatToParts(at);
    return part.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** A month (YYYY-MM or any date in it): "December 2026". */
export function formatMonth(value: string): string {
  const d = parse(value.length === 7 ? `${value}-01` : value);
  return d ? d.format('MMMM YYYY') : value;
}

/** The department's calendar day of a moment, as a date input holds it (YYYY-MM-DD). */
export function inputDateOf(value: string): string {
  const d = parse(value);
  return d ? calendarDate(d.valueOf()) : '';
}

/** The weekday of a date: "Mon". */
export function formatWeekday(value: string | null | undefined, empty = ''): string {
  return parse(value)?.format('ddd') ?? empty;
}

/** Day and month without the year: "Jan 13". */
export function formatMonthDay(value: string | null | undefined, empty = '—'): string {
  return parse(value)?.format('MMM D') ?? empty;
}

/** A percentage with at most one decimal: "42.5%". */
export function formatPercent(n: number): string {
  return `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** A number with at most one decimal ("12.5"), for medians and other figures that need not be whole. */
export function formatDecimal(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
