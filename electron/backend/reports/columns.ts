import type { Db } from '../db/open';
import { sql } from '../providers/store';

/**
 * The rows of a period, column by column: `select` is one `json_group_array(expression) AS name` per
 * column over the period's index range, and each comes back as one array, one value per row, every array in
 * the same order (the order the range was read in). The report counts these in maps: SQLite's GROUP BY
 * sorts every row (about a microsecond a row), and reading rows one by one into the app costs as much; one
 * array per column costs a tenth of either.
 */
export function columnsOf<T extends Record<string, unknown[]>>(
  db: Db,
  select: string,
  params: Record<string, string | number>,
): T {
  const row = sql(db, select).get(params) as Record<string, string>;
  const columns = Object.fromEntries(Object.entries(row).map(([name, json]) => [name, JSON.parse(json) as unknown[]]));
  const lengths = new Set(Object.values(columns).map((c) => c.length));
  if (lengths.size > 1) throw new Error('columns of different lengths');
  return columns as T;
}

/** Adds `n` to the count of `key`. */
export function tally<K>(counts: Map<K, number>, key: K, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}
