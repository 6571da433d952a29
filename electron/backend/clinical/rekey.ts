import type { Db } from '../db/open';
import { AppError } from '../errors';
import { isSealed, recordClinicalKey, SEALED_COLUMNS, seal, unseal } from './seal';

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Key rotation's part for the clinical compartment: every sealed value is opened with the old clinical
 * key and sealed again with the new one (same purpose and record id, a fresh nonce), and the new key
 * becomes the store's. Run inside a transaction on the store being re-keyed. Returns how many values
 * were re-sealed.
 */
export function resealClinical(db: Db, from: Buffer, to: Buffer): number {
  let count = 0;
  for (const c of SEALED_COLUMNS) {
    const rows = db
      .prepare(
        `SELECT ${quote(c.recordId)} AS id, ${quote(c.column)} AS v FROM ${quote(c.table)} WHERE ${quote(c.column)} LIKE 'dcs1.%'`,
      )
      .all() as { id: string; v: string }[];
    const update = db.prepare(`UPDATE ${quote(c.table)} SET ${quote(c.column)} = ? WHERE ${quote(c.recordId)} = ?`);
    for (const r of rows) {
      update.run(seal(to, c.purpose, r.id, unseal(from, c.purpose, r.id, r.v)), r.id);
      count++;
    }
  }
  recordClinicalKey(db, to);
  return count;
}

/**
 * Sealed values in columns that SEALED_COLUMNS does not list: a rotation would leave them sealed with
 * a key nobody holds any more, so it refuses to start. Returns `table.column` names.
 */
export function unknownSealedColumns(db: Db): string[] {
  const known = new Set<string>([...SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`), 'meta.value']);
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`,
    )
    .pluck()
    .all() as string[];
  const found: string[] = [];
  for (const t of tables) {
    const cols = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(t) as { name: string; type: string }[];
    for (const col of cols) {
      if (!/TEXT|^$/i.test(col.type) || known.has(`${t}.${col.name}`)) continue;
      const hit = db.prepare(`SELECT 1 FROM ${quote(t)} WHERE ${quote(col.name)} LIKE 'dcs1.%' LIMIT 1`).get();
      if (hit) found.push(`${t}.${col.name}`);
    }
  }
  return found;
}

/** Refuses a rotation that would strand sealed values (see unknownSealedColumns). */
export function requireKnownSealedColumns(db: Db): void {
  const unknown = unknownSealedColumns(db);
  if (unknown.length) {
    throw new AppError(
      'unavailable',
      `The keys were not rotated: sealed clinical values were found where this version does not expect them (${unknown.join(', ')}). Nothing was changed.`,
    );
  }
}

/** Every sealed value opens with `key` (after a rotation, the new clinical key). */
export function everySealedValueOpens(db: Db, key: Buffer): boolean {
  for (const c of SEALED_COLUMNS) {
    const rows = db
      .prepare(
        `SELECT ${quote(c.recordId)} AS id, ${quote(c.column)} AS v FROM ${quote(c.table)} WHERE ${quote(c.column)} LIKE 'dcs1.%'`,
      )
      .all() as { id: string; v: string }[];
    for (const r of rows) {
      try {
        if (!isSealed(r.v)) return false;
        unseal(key, c.purpose, r.id, r.v);
      } catch {
        return false;
      }
    }
  }
  return true;
}
