import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { HSDS_SPEC, HSDS_TABLES } from '../../shared/contract/hsdsSpec';
import { setUpApp } from './helpers';
import { HSDS_REF, dumpDirectory, jsonExample, referenceFiles, unzipBase64, zipBase64 } from './providersFixtures';

const COUNSELLING = 'ac148810-d857-441c-9679-408f346de14b';
const JSON_EXAMPLES = [
  'organization_full.json',
  'service_full.json',
  'service_at_location_full.json',
  'organization_list.json',
  'service_list.json',
];

/** Validates every row of every exported CSV against the specification's JSON schema for its table. */
function validateAgainstHsdsSchemas(files: Record<string, string>): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of readdirSync(join(HSDS_REF, 'schema'))) {
    if (name.endsWith('.json') && name !== 'openapi.json')
      ajv.addSchema(JSON.parse(readFileSync(join(HSDS_REF, 'schema', name), 'utf8')), name);
  }
  const problems: string[] = [];
  for (const table of HSDS_TABLES) {
    const spec = HSDS_SPEC[table];
    const rows = parse(files[spec.path]!, { columns: true }) as Record<string, string>[];
    rows.forEach((row, i) => {
      const obj: Record<string, unknown> = {};
      for (const f of spec.fields) {
        const v = row[f.name];
        if (v === undefined || v === '') continue;
        obj[f.name] = f.type === 'number' ? Number(v) : v;
      }
      const validate = ajv.getSchema(`${table}.json`)!;
      if (!validate(obj)) problems.push(`${spec.path} row ${i + 2}: ${ajv.errorsText(validate.errors)}`);
    });
  }
  return problems;
}

/** A Saturday afternoon in Chicago. */
const NOW = Date.parse('2026-11-28T20:00:00Z');

async function importInto(fileName: string, contentBase64: string) {
  const app = await setUpApp({ now: () => NOW });
  const result = await app.call('providers.import', { fileName, contentBase64 });
  return { app, result };
}

describe('HSDS 3.0 import and export', () => {
  it('imports the specification tabular example and shows the provider as a co-responder needs it', async () => {
    const app = await setUpApp({ now: () => NOW });
    const content = zipBase64(referenceFiles());
    const preview = await app.call('providers.importPreview', { fileName: 'hsds-example.zip', contentBase64: content });
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toEqual({ added: 21, updated: 0, unchanged: 0 });
    expect(preview.changes.find((c) => c.table === 'service')).toMatchObject({
      id: COUNSELLING,
      label: 'Community Counselling',
      action: 'add',
    });
    // The example's own dangling optional links are kept and reported, not fatal.
    expect(preview.warnings.map((w) => `${w.file}:${w.field}`)).toContain('locations.csv:organization_id');
    // A preview writes nothing.
    expect(dumpDirectory(app).service).toHaveLength(0);

    const result = await app.call('providers.import', { fileName: 'hsds-example.zip', contentBase64: content });
    expect(result.committed).toBe(true);
    const { service } = await app.call('providers.get', { id: COUNSELLING });
    expect(service.organization.name).toBe('Example Organization Inc.');
    expect(service.phones[0]).toMatchObject({ number: '"+44 1234 234567"', extension: 100, languages: ['Urdu'] });
    expect(service.languages.map((l) => l.name)).toEqual(['Urdu']);
    expect(service.requiredDocuments[0]!.document).toMatch(/official identification document/);
    expect(service.costOptions[0]).toMatchObject({ amount: 35, currency: 'gbp' });
    expect(service.locations[0]!.addresses[0]).toMatchObject({ address1: '1-30 Main Street', city: 'MyCity' });
    expect(service.schedules[0]!.hours).toBe('Thu, Fri 10:00 AM–6:00 PM');
    expect(service.minimumAge).toBe(12);
    // assured 2005: long past the six-month freshness window.
    expect(service.stale).toBe(true);
    const audit = await app.call('audit.list', { limit: 5 });
    expect(audit.entries.some((e) => e.action === 'providers.import' && e.outcome === 'success')).toBe(true);
  });

  it('re-importing the same package adds nothing and changes nothing', async () => {
    const content = zipBase64(referenceFiles());
    const { app } = await importInto('hsds.zip', content);
    const before = dumpDirectory(app);
    const again = await app.call('providers.import', { fileName: 'hsds.zip', contentBase64: content });
    expect(again.totals).toEqual({ added: 0, updated: 0, unchanged: 21 });
    expect(dumpDirectory(app)).toEqual(before);
  });

  it('updates records by HSDS id and previews which fields change', async () => {
    const files = referenceFiles();
    const { app } = await importInto('hsds.zip', zipBase64(files));
    files['services.csv'] = files['services.csv']!.replace('Community Counselling', 'Community Counselling and Support').replace(
      ',2005-01-01,',
      ',2026-11-01,',
    );
    const preview = await app.call('providers.importPreview', { fileName: 'v2.zip', contentBase64: zipBase64(files) });
    expect(preview.changes).toEqual([
      {
        table: 'service',
        id: COUNSELLING,
        label: 'Community Counselling and Support',
        action: 'update',
        fields: ['name', 'assured_date'],
      },
    ]);
    await app.call('providers.import', { fileName: 'v2.zip', contentBase64: zipBase64(files) });
    const { service } = await app.call('providers.get', { id: COUNSELLING });
    expect(service.name).toBe('Community Counselling and Support');
    expect(dumpDirectory(app).service).toHaveLength(1);
  });

  it('a package without a column keeps what the directory holds for it', async () => {
    const files = referenceFiles();
    const { app } = await importInto('hsds.zip', zipBase64(files));
    await app.call('providers.verify', { id: COUNSELLING });
    const rows = parse(files['services.csv']!) as string[][];
    const col = rows[0]!.indexOf('assured_date');
    files['services.csv'] = stringify(rows.map((r) => r.filter((_, i) => i !== col)));
    const result = await app.call('providers.import', { fileName: 'partial.zip', contentBase64: zipBase64(files) });
    expect(result.committed).toBe(true);
    const { service } = await app.call('providers.get', { id: COUNSELLING });
    expect(service.assuredDate).toBe('2026-11-28');
    expect(service.stale).toBe(false);
  });

  it('round-trips the tabular example: export, re-import into a fresh store, identical records, valid against the HSDS schemas', async () => {
    const { app } = await importInto('hsds.zip', zipBase64(referenceFiles()));
    const exported = await app.call('providers.export', {});
    expect(exported.fileName).toMatch(/^provider-directory-hsds-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipBase64(exported.contentBase64);
    expect(validateAgainstHsdsSchemas(files)).toEqual([]);
    const { app: fresh, result } = await importInto(exported.fileName, exported.contentBase64);
    expect(result.committed).toBe(true);
    expect(dumpDirectory(fresh)).toEqual(dumpDirectory(app));
    // And exporting the copy gives the same files.
    const second = unzipBase64((await fresh.call('providers.export', {})).contentBase64);
    for (const table of HSDS_TABLES) expect(second[HSDS_SPEC[table].path]).toBe(files[HSDS_SPEC[table].path]);
  });

  it('exports a datapackage.json whose resources match the specification’s', async () => {
    const { app } = await importInto('hsds.zip', zipBase64(referenceFiles()));
    const files = unzipBase64((await app.call('providers.export', {})).contentBase64);
    const ours = JSON.parse(files['datapackage.json']!) as { profile: string; resources: Array<Record<string, unknown>> };
    const ref = JSON.parse(readFileSync(join(HSDS_REF, 'datapackage.json'), 'utf8')) as {
      resources: Array<Record<string, unknown>>;
    };
    expect(ours.profile).toBe('tabular-data-package');
    const shape = (r: Record<string, unknown>) => {
      const schema = r.schema as {
        fields: Array<{ name: string; type: string; format?: string }>;
        primaryKey: string;
        foreignKeys?: unknown[];
      };
      return {
        name: r.name,
        path: r.path,
        fields: schema.fields.map((f) => [f.name, f.type, f.format ?? null]),
        primaryKey: schema.primaryKey,
        foreignKeys: (schema.foreignKeys ?? []).map((k) => JSON.stringify(k)).sort(),
      };
    };
    const byName = (list: Array<Record<string, unknown>>) => Object.fromEntries(list.map((r) => [r.name, shape(r)]));
    expect(byName(ours.resources)).toEqual(byName(ref.resources));
    // Every CSV file the descriptor names is in the zip, with the descriptor's columns as its header.
    for (const r of ours.resources) {
      const header = (files[r.path as string] ?? '').split('\r\n')[0];
      expect(header).toBe(
        shape(r)
          .fields.map((f) => f[0])
          .join(','),
      );
    }
  });

  it.each(JSON_EXAMPLES)('imports the JSON example %s, exports valid HSDS and round-trips it', async (name) => {
    const { app, result } = await importInto(name, jsonExample(name));
    expect(result.errors).toEqual([]);
    expect(result.committed).toBe(true);
    const db = app.backend.requireDb();
    expect(
      db.prepare('SELECT count(*) FROM hsds_organization WHERE id = ?').pluck().get('d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610'),
    ).toBe(1);
    const exported = await app.call('providers.export', {});
    expect(validateAgainstHsdsSchemas(unzipBase64(exported.contentBase64))).toEqual([]);
    const { app: fresh } = await importInto(exported.fileName, exported.contentBase64);
    expect(dumpDirectory(fresh)).toEqual(dumpDirectory(app));
  });

  it('flattens organization_full.json into the same records as the tabular example, links set by nesting', async () => {
    const { app } = await importInto('organization_full.json', jsonExample('organization_full.json'));
    const db = app.backend.requireDb();
    const phone = db.prepare('SELECT * FROM hsds_phone').get() as Record<string, unknown>;
    // One phone listed under the organisation, its location, its contact, its service and the service-at-location.
    expect(phone).toMatchObject({
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      location_id: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
      contact_id: '1e7efce3-639b-4880-940c-b95cd30cdb50',
      service_id: COUNSELLING,
      service_at_location_id: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
    });
    expect(db.prepare('SELECT count(*) FROM hsds_phone').pluck().get()).toBe(1);
    const { service } = await app.call('providers.get', { id: COUNSELLING });
    expect(service.languages.map((l) => l.code)).toEqual(['ur']);
    expect(service.locations.map((l) => l.name)).toEqual(['MyCity Civic Center']);
  });

  it('the tabular and JSON examples describe the same service', async () => {
    const { app: tab } = await importInto('hsds.zip', zipBase64(referenceFiles()));
    const { app: json } = await importInto('service_full.json', jsonExample('service_full.json'));
    const a = dumpDirectory(tab).service;
    const b = dumpDirectory(json).service;
    expect(b).toEqual(a);
  });
});
