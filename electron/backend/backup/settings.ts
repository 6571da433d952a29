import { z } from 'zod';
import { type BackupSettings, BACKUP_TIME_PATTERN } from '../../../shared/contract/backups';
import type { Db } from '../db/open';
import { getMeta, setMeta } from '../system/settings';

const KEY = 'backup_settings';

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  enabled: true,
  folder: '',
  time: '02:00',
  keepDaily: 7,
  keepMonthly: 12,
};

const stored = z.object({
  enabled: z.boolean(),
  folder: z.string(),
  time: z.string().regex(BACKUP_TIME_PATTERN),
  keepDaily: z.number().int().min(1),
  keepMonthly: z.number().int().min(0),
});

/** The backup schedule lives in the encrypted database (it names where copies of the data go). */
export function getBackupSettings(db: Db): BackupSettings {
  const raw = getMeta(db, KEY);
  if (!raw) return { ...DEFAULT_BACKUP_SETTINGS };
  try {
    const parsed = stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...DEFAULT_BACKUP_SETTINGS };
  } catch {
    return { ...DEFAULT_BACKUP_SETTINGS };
  }
}

export function setBackupSettings(db: Db, settings: BackupSettings): void {
  setMeta(db, KEY, JSON.stringify(settings));
}

/** The most recent scheduled moment at or before `now` (today's time, or yesterday's if it has not come yet). */
export function lastScheduledMoment(time: string, now: number): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const d = new Date(now);
  d.setHours(h, m, 0, 0);
  if (d.getTime() > now) d.setDate(d.getDate() - 1);
  return d.getTime();
}

export function nextScheduledMoment(time: string, now: number): number {
  const last = new Date(lastScheduledMoment(time, now));
  last.setDate(last.getDate() + 1);
  return last.getTime();
}
