import type { VocabItem } from '../../../shared/domain/vocab';

/** A vocabulary as Select / MultiSelect / Chip data. */
export function options(list: readonly VocabItem[]): { value: string; label: string }[] {
  return list.map((item) => ({ value: item.code, label: item.label }));
}

/** "" for none, as form fields hold it; null for the API. */
export function orNull(value: string): string | null {
  return value === '' ? null : value;
}
