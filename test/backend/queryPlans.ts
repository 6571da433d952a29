/**
 * Records every statement the backend runs during a call (through the driver's Statement methods) and asks
 * SQLite how it would run each one (`EXPLAIN QUERY PLAN` with the same parameters). A hot call that would
 * read a growing table from end to end — "SCAN contacts", with or without an index — is a regression that
 * makes the screen slower every year; the query-plan tests fail on it.
 */
import type { Db } from '../../electron/backend/db/open';

/** Tables that stay small whatever the unit's age: settings, accounts, templates, the provider directory. */
const BOUNDED =
  /^(meta|users|letter_templates|letter_template_versions|letterhead|consent_statements|hsds_\w+|provider_\w+|programme_milestone\w*|tta_\w+|report_bits)$/;

export interface Executed {
  sql: string;
  params: unknown[];
}

export interface FullScan {
  sql: string;
  detail: string;
  table: string;
}

type StatementMethod = 'get' | 'all' | 'run' | 'iterate';
const METHODS: StatementMethod[] = ['get', 'all', 'run', 'iterate'];

/** Starts recording; `stop()` restores the driver's methods and returns what ran. */
export function recordStatements(db: Db): { stop: () => Executed[] } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<StatementMethod, (...a: unknown[]) => unknown>;
  const originals = Object.fromEntries(METHODS.map((m) => [m, proto[m]])) as typeof proto;
  const executed: Executed[] = [];
  for (const m of METHODS) {
    proto[m] = function (this: { source: string }, ...params: unknown[]) {
      executed.push({ sql: this.source, params });
      return originals[m].apply(this, params);
    };
  }
  return {
    stop() {
      for (const m of METHODS) proto[m] = originals[m];
      return executed;
    },
  };
}

/** Growing tables of the schema (every table not known to stay small), FTS shadow tables excluded. */
export function growingTables(db: Db): Set<string> {
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  return new Set(names.filter((n) => !BOUNDED.test(n) && !/_fts(_\w+)?$/.test(n)));
}

/**
 * Each full scan of a growing table in the plans of these statements (writes without a WHERE are skipped),
 * and each correlated subquery that searches a growing table by something other than the outer row's key.
 */
export function fullScans(db: Db, executed: readonly Executed[]): FullScan[] {
  const growing = growingTables(db);
  const found: FullScan[] = [];
  const seen = new Set<string>();
  for (const { sql, params } of executed) {
    const trimmed = sql.trim();
    if (!/^(SELECT|WITH|UPDATE|DELETE|INSERT[\s\S]+SELECT)/i.test(trimmed)) continue;
    const key = `${trimmed}\u0000${JSON.stringify(params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${trimmed}`).all(...params) as { detail: string }[];
    const names = aliases(trimmed);
    // "ORDER BY seq DESC LIMIT 1" with no condition reads the first rows of an index in order, not the table.
    const unfiltered = !/\bWHERE\b/i.test(outerLevel(trimmed).replace(/\bWHERE 1 = 1\b/gi, ''));
    const stopsEarly = /\bLIMIT\b/i.test(trimmed) && unfiltered && !plan.some((p) => /TEMP B-TREE/.test(p.detail));
    const rows = plan as { id: number; parent: number; detail: string }[];
    const correlated = new Set(rows.filter((p) => /^CORRELATED /.test(p.detail)).map((p) => p.id));
    for (const { detail, parent } of rows) {
      // A subquery run once per outer row must find that row's own records by their key (person_id=?,
      // contact_id=?, id=?): searched by anything else (kind=?) it reads the same large range for every row.
      const search = /^SEARCH (\w+) USING (?:COVERING )?INDEX \w+ \((\w+)[=><]/.exec(detail);
      if (search && correlated.has(parent) && !/^(id|\w+_id)$/.test(search[2]!)) {
        const table = [search[1]!, ...(names.get(search[1]!) ?? [])].find((t) => growing.has(t));
        if (table) found.push({ sql: trimmed, detail: `per outer row: ${detail}`, table });
      }
      const m = /^SCAN (\w+)/.exec(detail);
      if (!m || /VIRTUAL TABLE/.test(detail) || stopsEarly) continue;
      const table = [m[1]!, ...(names.get(m[1]!) ?? [])].find((t) => growing.has(t));
      if (table) found.push({ sql: trimmed, detail, table });
    }
  }
  return found;
}

/**
 * What a report's pass over a period must not do with the rows of `tables` (tens of thousands in a busy
 * quarter): look each one up in its table (an index search that is not covering, or a scan) or sort them
 * (a GROUP BY, DISTINCT or ORDER BY of a statement that reads those tables).
 */
export function rowWork(db: Db, executed: readonly Executed[], tables: RegExp): FullScan[] {
  const found: FullScan[] = [];
  const seen = new Set<string>();
  for (const { sql, params } of executed) {
    const trimmed = sql.trim();
    if (!/^(SELECT|WITH)/i.test(trimmed) || seen.has(trimmed)) continue;
    seen.add(trimmed);
    const names = aliases(trimmed);
    const tableOf = (alias: string) => [alias, ...(names.get(alias) ?? [])].find((t) => tables.test(t));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${trimmed}`).all(...params) as { detail: string }[];
    const reads = plan.map((p) => /^(?:SEARCH|SCAN) (\w+)/.exec(p.detail)?.[1]).filter((a): a is string => !!a && !!tableOf(a));
    for (const { detail } of plan) {
      const m = /^(SEARCH|SCAN) (\w+)/.exec(detail);
      const table = m ? tableOf(m[2]!) : undefined;
      if (table && !/ USING (COVERING INDEX|PRIMARY KEY)\b/.test(detail)) found.push({ sql: trimmed, detail, table });
      if (/TEMP B-TREE/.test(detail) && reads.length) found.push({ sql: trimmed, detail, table: tableOf(reads[0]!)! });
    }
  }
  return found;
}

const KEYWORDS = new Set(
  'from where on join left right inner outer cross natural using group order limit having union select set values as and or not indexed'.split(
    ' ',
  ),
);

/** Plans name tables by their alias ("SCAN c"): alias → the tables it stands for anywhere in the statement. */
function aliases(sql: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const m of sql.matchAll(/\b(\w+)\s+(?:AS\s+)?(?=(\w+)\b)/gi)) {
    const [, table, alias] = m;
    if (KEYWORDS.has(alias!.toLowerCase()) || KEYWORDS.has(table!.toLowerCase())) continue;
    if (!map.has(alias!)) map.set(alias!, new Set());
    map.get(alias!)!.add(table!);
  }
  return map;
}

/** The statement without its parenthesised parts (subqueries, function arguments). */
function outerLevel(sql: string): string {
  let out = sql;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/\([^()]*\)/g, '');
  }
  return out;
}
