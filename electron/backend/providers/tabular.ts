import { posix } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataPackageSchema, parseHsdsRow } from '../../../shared/contract/hsds';
import { HSDS_SPEC, HSDS_TABLES, type HsdsTable, fieldNames } from '../../../shared/contract/hsdsSpec';
import { decodeText } from './files';
import { ImportFailed, type Issues, issue } from './issues';
import type { Staging } from './staging';

/**
 * An HSDS tabular package: datapackage.json names the resources; each CSV is read strictly (UTF-8,
 * header row, one record per row, quoted newlines allowed, CRLF or LF), checked column by column,
 * and every row is validated against its table's schema. Extra columns are ignored with a warning.
 */

const DESCRIPTOR = 'datapackage.json';

/** File names a table is recognised by when a package has no descriptor (or the descriptor's path is a variant). */
function aliases(table: HsdsTable): string[] {
  return [HSDS_SPEC[table].path, `${table}.csv`, `${table}s.csv`];
}

export interface TabularFile {
  name: string;
  table: HsdsTable | null;
}

export function readTabular(files: Map<string, Uint8Array>, issues: Issues, staging: Staging): TabularFile[] {
  const descriptorPath = [...files.keys()]
    .filter((p) => posix.basename(p).toLowerCase() === DESCRIPTOR)
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  const base = descriptorPath
    ? posix.dirname(descriptorPath)
    : commonDir([...files.keys()].filter((p) => p.toLowerCase().endsWith('.csv')));
  const inBase = new Map<string, string>();
  for (const path of files.keys()) {
    const rel = base === '.' ? path : path.startsWith(`${base}/`) ? path.slice(base.length + 1) : null;
    if (rel !== null) inBase.set(rel.toLowerCase(), path);
  }

  const plan = new Map<string, HsdsTable>();
  if (descriptorPath) {
    issues.guard(() => {
      for (const [path, table] of tablesFromDescriptor(descriptorPath, files.get(descriptorPath)!, issues)) {
        const found = inBase.get(path.toLowerCase());
        if (found) plan.set(found, table);
      }
    });
  } else {
    issues.warn(issue('(package)', 'There is no datapackage.json; CSV files were recognised by their HSDS file names.'));
  }
  // Files the descriptor does not list but that carry an HSDS name are read too.
  for (const table of HSDS_TABLES) {
    if ([...plan.values()].includes(table)) continue;
    for (const alias of aliases(table)) {
      const found = inBase.get(alias);
      if (found && !plan.has(found)) {
        plan.set(found, table);
        break;
      }
    }
  }
  const seen = new Set<HsdsTable>();
  const out: TabularFile[] = [];
  for (const [path, table] of plan) {
    if (seen.has(table)) {
      issues.error(issue(path, `A second file for the ${table} table; a package holds one file per table.`));
      continue;
    }
    seen.add(table);
    out.push({ name: path, table });
    issues.guard(() => readCsv(path, table, files.get(path)!, issues, staging));
  }
  for (const path of files.keys()) {
    if (path === descriptorPath || plan.has(path)) continue;
    out.push({ name: path, table: null });
    issues.warn(issue(path, 'Not an HSDS 3.0 table of this package; skipped.'));
  }
  if (plan.size === 0)
    issues.error(issue('(package)', 'No HSDS CSV files were found (for example organizations.csv and services.csv).'));
  return out;
}

function commonDir(paths: string[]): string {
  const dirs = new Set(paths.map((p) => posix.dirname(p)));
  return dirs.size === 1 ? [...dirs][0]! : '.';
}

function tablesFromDescriptor(name: string, bytes: Uint8Array, issues: Issues): Array<[string, HsdsTable]> {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(name, bytes));
  } catch (err) {
    if (err instanceof ImportFailed) throw err;
    throw new ImportFailed([issue(name, 'This is not valid JSON.')]);
  }
  const parsed = dataPackageSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ImportFailed([
      issue(name, `This is not a data package descriptor: ${first.message}`, { field: first.path.join('.') || null }),
    ]);
  }
  const out: Array<[string, HsdsTable]> = [];
  for (const resource of parsed.data.resources) {
    const path = Array.isArray(resource.path) ? resource.path[0]! : resource.path;
    const table =
      HSDS_TABLES.find((t) => t === resource.name) ??
      HSDS_TABLES.find((t) => aliases(t).includes(posix.basename(path).toLowerCase()));
    if (!table) {
      issues.warn(issue(name, `Resource "${resource.name.slice(0, 60)}" is not an HSDS 3.0 table; skipped.`));
      continue;
    }
    if (resource.encoding && !/^utf-?8$/i.test(resource.encoding)) {
      issues.error(
        issue(name, `Resource "${resource.name}" declares encoding ${resource.encoding}; only UTF-8 files can be imported.`),
      );
    }
    out.push([path, table]);
  }
  return out;
}

interface CsvRecord {
  record: string[];
  info: { records: number };
}

function readCsv(name: string, table: HsdsTable, bytes: Uint8Array, issues: Issues, staging: Staging): void {
  const text = decodeText(name, bytes);
  let rows: CsvRecord[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as CsvRecord[];
  } catch (err) {
    const where = (err as { lines?: number }).lines;
    throw new ImportFailed([
      issue(name, `The file could not be read as CSV${where ? ` near line ${where}` : ''}: check for an unclosed quote.`),
    ]);
  }
  if (rows.length === 0) return;
  const header = rows[0]!.record.map((h) => h.trim().toLowerCase());
  const known = new Set(fieldNames(table));
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new ImportFailed([issue(name, `Column "${dup}" appears twice in the header.`, { row: 1, field: dup })]);
  const missing = HSDS_SPEC[table].fields.filter((f) => f.required && !header.includes(f.name));
  if (missing.length) {
    throw new ImportFailed(
      missing.map((f) => issue(name, `Required column "${f.name}" is missing from the header.`, { row: 1, field: f.name })),
    );
  }
  const extra = header.filter((h) => !known.has(h));
  if (extra.length)
    issues.warn(issue(name, `Columns that are not part of HSDS 3.0 were ignored: ${extra.slice(0, 10).join(', ')}.`, { row: 1 }));
  const provided = new Set(header.filter((h) => known.has(h)));

  for (const { record: cells, info } of rows.slice(1)) {
    const row = info.records;
    const origin = { file: name, row, record: null };
    if (cells.length !== header.length) {
      issues.error(issue(name, `This row has ${cells.length} cells but the header has ${header.length} columns.`, { row }));
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((h, i) => {
      if (known.has(h)) raw[h] = cells[i]!;
    });
    const parsed = parseHsdsRow(table, raw);
    for (const i of parsed.issues) issues.error({ ...origin, field: i.field, message: i.message });
    if (parsed.issues.some((i) => i.field === 'id')) continue;
    staging.add({ table, record: parsed.record, provided: new Set(provided), origin }, 'unique');
  }
}
