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
