import { randomUUID } from 'node:crypto';
import { HSDS_SPEC, HSDS_TABLES, type HsdsRecord, type HsdsTable, fieldNames } from '../../../shared/contract/hsdsSpec';
import { DEFLECT_TAXONOMY, DEFLECT_TERMS } from '../../../shared/domain/deflectTaxonomy';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';

type Statement = Database.Statement<unknown[]>;

/**
 * Generic access to the stored HSDS tables. Table and column names come only from the HSDS spec
 * constant, never from input; values always go through bound parameters.
 */

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, compiled once per open database: the directory runs the same few queries thousands of times per import. */
export function sql(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

export function tableName(table: HsdsTable): string {
  if (!HSDS_TABLES.includes(table)) throw new Error('unknown HSDS table');
  return `hsds_${table}`;
}

export function getRecord(db: Db, table: HsdsTable, id: string): HsdsRecord | undefined {
  return sql(db, `SELECT * FROM ${tableName(table)} WHERE id = ?`).get(id) as HsdsRecord | undefined;
}

export function exists(db: Db, table: HsdsTable, id: string): boolean {
  return sql(db, `SELECT 1 FROM ${tableName(table)} WHERE id = ?`).get(id) !== undefined;
}

export function allRecords(db: Db, table: HsdsTable): HsdsRecord[] {
  return db.prepare(`SELECT * FROM ${tableName(table)} ORDER BY id`).all() as HsdsRecord[];
}

export function countRecords(db: Db, table: HsdsTable): number {
  return db
    .prepare(`SELECT count(*) FROM ${tableName(table)}`)
    .pluck()
    .get() as number;
}

export function insertRecord(db: Db, table: HsdsTable, record: HsdsRecord): void {
  const names = fieldNames(table);
  sql(db, `INSERT INTO ${tableName(table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => record[n] ?? null),
  );
}

/** Updates the given fields only (the others keep their stored values). */
export function updateRecord(db: Db, table: HsdsTable, id: string, record: HsdsRecord, fields: Iterable<string>): void {
  const known = new Set(fieldNames(table));
  const names = [...fields].filter((f) => f !== 'id' && known.has(f));
  if (names.length === 0) return;
  sql(db, `UPDATE ${tableName(table)} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(
    ...names.map((n) => record[n] ?? null),
    id,
  );
}

export function upsertRecord(db: Db, table: HsdsTable, record: HsdsRecord): void {
  const id = record.id as string;
  if (exists(db, table, id)) updateRecord(db, table, id, record, fieldNames(table));
  else insertRecord(db, table, record);
}

export function deleteRecord(db: Db, table: HsdsTable, id: string): void {
  db.prepare(`DELETE FROM ${tableName(table)} WHERE id = ?`).run(id);
}

/** A full record with every field of the table, nulls for those not given. */
export function newRecord(table: HsdsTable, values: HsdsRecord): HsdsRecord {
  const out: HsdsRecord = {};
  for (const f of HSDS_SPEC[table].fields) out[f.name] = values[f.name] ?? null;
  if (!out.id) out.id = randomUUID();
  return out;
}

/** The department's own taxonomy and its terms are always present and current (see deflectTaxonomy.ts). */
export function ensureDeflectTaxonomy(db: Db): void {
  upsertRecord(db, 'taxonomy', newRecord('taxonomy', { ...DEFLECT_TAXONOMY }));
  for (const term of DEFLECT_TERMS) {
    upsertRecord(
      db,
      'taxonomy_term',
      newRecord('taxonomy_term', {
        id: term.id,
        code: term.code,
        name: term.name,
        description: term.description,
        taxonomy: DEFLECT_TAXONOMY.name,
        taxonomy_id: DEFLECT_TAXONOMY.id,
        language: 'en',
      }),
    );
  }
}

/** A short human label for a record in previews. */
export function recordLabel(record: HsdsRecord): string {
  for (const key of ['name', 'number', 'address_1', 'document', 'identifier', 'option', 'source', 'description', 'field_name']) {
    const v = record[key];
    if (typeof v === 'string' && v.trim()) return v.length > 80 ? `${v.slice(0, 77)}…` : v;
  }
  return String(record.id ?? '');
}
