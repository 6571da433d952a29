import type { ProviderSettings } from '../../../shared/contract/providers';
import type { Db } from '../db/open';
import { getMeta, setMeta } from '../system/settings';

/** Directory settings, kept in the encrypted database. */
export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = { timeZone: 'America/Chicago', staleMonths: 6 };

const KEY = 'providers.settings';

export function getProviderSettings(db: Db): ProviderSettings {
  const raw = getMeta(db, KEY);
  if (!raw) return { ...DEFAULT_PROVIDER_SETTINGS };
  const stored = JSON.parse(raw) as Partial<ProviderSettings>;
  return { ...DEFAULT_PROVIDER_SETTINGS, ...stored };
}

export function setProviderSettings(db: Db, patch: Partial<ProviderSettings>): ProviderSettings {
  const next = { ...getProviderSettings(db), ...patch };
  setMeta(db, KEY, JSON.stringify(next));
  return next;
}

/** The oldest assured_date that is still fresh, as YYYY-MM-DD, for a given "today". */
export function freshSince(today: string, staleMonths: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - staleMonths;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, dim)).padStart(2, '0')}`;
}

export function isStale(assuredDate: string | null, fresh: string): boolean {
  return !assuredDate || assuredDate.slice(0, 10) < fresh;
}
