import dayjs from 'dayjs';

/** Dates as staff read them on a US workstation: "Nov 28, 2026, 9:41 PM". */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = dayjs(iso);
  return d.isValid() ? d.format('MMM D, YYYY, h:mm A') : empty;
}

export function formatTime(iso: string): string {
  return dayjs(iso).format('h:mm A');
}

/** Shorter, for tables: the year only when it is not this year. */
export function formatShortDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = dayjs(iso);
  if (!d.isValid()) return empty;
  return d.format(d.year() === dayjs().year() ? 'MMM D, h:mm A' : 'MMM D, YYYY, h:mm A');
}
