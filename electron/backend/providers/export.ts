import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { HSDS_SPEC, HSDS_TABLES, type HsdsTable, fieldNames } from '../../../shared/contract/hsdsSpec';
import type { Db } from '../db/open';
import { allRecords } from './store';

/**
 * The directory as an HSDS 3.0 tabular data package: datapackage.json (a Frictionless descriptor with
 * a table schema, primary key and foreign keys per resource) and one UTF-8 CSV per HSDS table, with
 * the specification's columns in its order. Records are sorted by id so two exports of the same
 * directory are identical.
 */

function descriptor(created: string, auditAnchor: string | null) {
  return {
    name: 'hsds_provider_directory',
    title: 'Provider directory (Open Referral HSDS 3.0)',
    profile: 'tabular-data-package',
    version: '3.0.0',
    created,
    // The exporting store's audit-log head (sequence:hash) at the time: an anchor kept outside its database.
    ...(auditAnchor ? { deflect_audit_anchor: auditAnchor } : {}),
    resources: HSDS_TABLES.map((table) => {
      const spec = HSDS_SPEC[table];
      return {
        name: table,
        path: spec.path,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: spec.fields.map((f) => ({
            name: f.name,
            type: f.type,
            ...(f.format ? { format: f.format } : {}),
            constraints: {
              required: f.required === true,
              ...(f.name === 'id' ? { unique: true } : {}),
              ...(f.enum ? { enum: [...f.enum] } : {}),
            },
          })),
          primaryKey: 'id',
          foreignKeys: spec.fields
            .filter((f) => f.ref && !(f.ref === table))
            .map((f) => ({ fields: f.name, reference: { resource: f.ref!, fields: 'id' } })),
        },
      };
    }),
  };
}

function csvFor(db: Db, table: HsdsTable): { text: string; count: number } {
  const names = fieldNames(table);
  const records = allRecords(db, table);
  const text = stringify(
    [names, ...records.map((r) => names.map((n) => (r[n] === null || r[n] === undefined ? '' : String(r[n]))))],
    {
      record_delimiter: 'windows',
      // Quote any cell holding a line break, including a lone \n or \r (csv-stringify only quotes the record delimiter itself).
      quoted_match: /[\r\n]/,
    },
  );
  return { text, count: records.length };
}

export function exportPackage(
  db: Db,
  createdIso: string,
  auditAnchor: string | null = null,
): { bytes: Uint8Array; records: Record<HsdsTable, number> } {
  const files: Record<string, Uint8Array> = {};
  const records = {} as Record<HsdsTable, number>;
  for (const table of HSDS_TABLES) {
    const { text, count } = csvFor(db, table);
    files[HSDS_SPEC[table].path] = strToU8(text);
    records[table] = count;
  }
  files['datapackage.json'] = strToU8(`${JSON.stringify(descriptor(createdIso, auditAnchor), null, 2)}\n`);
  const mtime = new Date(createdIso);
  return { bytes: zipSync(files, { level: 6, mtime }), records };
}
