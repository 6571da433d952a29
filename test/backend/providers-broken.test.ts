import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../shared/contract/providers';
import { setUpApp } from './helpers';
import { dumpDirectory, referenceFiles, zipBase64 } from './providersFixtures';

const ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';

/** A directory that already holds the reference example, so "unchanged" means something. */
async function seeded() {
  const app = await setUpApp();
  const r = await app.call('providers.import', { fileName: 'hsds.zip', contentBase64: zipBase64(referenceFiles()) });
  expect(r.committed).toBe(true);
  return app;
}

const NEW_SERVICE_ROW = (id: string, org = ORG, status = 'active') =>
  `${id},${org},,Night Shelter Intake,,Beds for adults,,,${status},,,,,,,,,,2026-10-01,,,,`;

function withServices(...rows: string[]): Record<string, string> {
  const files = referenceFiles();
  files['services.csv'] = `${files['services.csv']!.trimEnd()}\n${rows.join('\n')}\n`;
  return files;
}

async function expectRejected(
  app: Awaited<ReturnType<typeof seeded>>,
  files: Record<string, string | Uint8Array>,
  expected: Partial<ImportIssue>,
) {
  const before = dumpDirectory(app);
  const content = zipBase64(files);
  const preview = await app.call('providers.importPreview', { fileName: 'broken.zip', contentBase64: content });
  expect(preview.errors).toContainEqual(expect.objectContaining(expected));
  const result = await app.call('providers.import', { fileName: 'broken.zip', contentBase64: content });
  expect(result.committed).toBe(false);
  expect(result.errors).toContainEqual(expect.objectContaining(expected));
  expect(dumpDirectory(app)).toEqual(before);
  return result;
}

describe('broken HSDS packages are refused whole, with precise errors', () => {
  it('missing required column', async () => {
    const app = await seeded();
    const files = referenceFiles();
    files['services.csv'] = files['services.csv']!.replace(',status,', ',state,');
    await expectRejected(app, files, {
      file: 'services.csv',
      row: 1,
      field: 'status',
      message: 'Required column "status" is missing from the header.',
    });
  });

  it('bad UUID', async () => {
    const app = await seeded();
    const result = await expectRejected(app, withServices(NEW_SERVICE_ROW('not-a-uuid')), {
      file: 'services.csv',
      row: 3,
      field: 'id',
    });
    expect(result.errors[0]!.message).toMatch(/must be a UUID .*got "not-a-uuid"/);
  });

  it('dangling required foreign key, even when every other row is fine', async () => {
    const app = await seeded();
    const missingOrg = '11111111-2222-4333-8444-555555555555';
    const result = await expectRejected(app, withServices(NEW_SERVICE_ROW('0b7f5e2c-8d7e-4a4c-9a55-0c0d6c1e2f30', missingOrg)), {
      file: 'services.csv',
      row: 3,
      field: 'organization_id',
    });
    expect(result.errors[0]!.message).toContain(missingOrg);
    expect(result.errorCount).toBe(1);
  });

  it('duplicate id within a file names both rows', async () => {
    const app = await seeded();
    const id = '0b7f5e2c-8d7e-4a4c-9a55-0c0d6c1e2f30';
    const result = await expectRejected(app, withServices(NEW_SERVICE_ROW(id), NEW_SERVICE_ROW(id)), {
      file: 'services.csv',
      row: 4,
      field: 'id',
    });
    expect(result.errors[0]!.message).toContain('also row 3');
  });

  it('invalid enum', async () => {
    const app = await seeded();
    const result = await expectRejected(app, withServices(NEW_SERVICE_ROW('0b7f5e2c-8d7e-4a4c-9a55-0c0d6c1e2f30', ORG, 'open')), {
      file: 'services.csv',
      row: 3,
      field: 'status',
    });
    expect(result.errors[0]!.message).toBe('status must be one of active, inactive, defunct, temporarily closed (got "open")');
  });

  it('Latin-1 file', async () => {
    const app = await seeded();
    const files: Record<string, string | Uint8Array> = referenceFiles();
    // "Café" in Latin-1: é is the single byte 0xE9, which is not valid UTF-8.
    files['organizations.csv'] = Buffer.from(
      String(files['organizations.csv']).replace('Example Organization Inc.', 'Café Example'),
      'latin1',
    );
    const result = await expectRejected(app, files, { file: 'organizations.csv', row: null });
    expect(result.errors[0]!.message).toMatch(/not UTF-8 text .*Latin-1/);
  });

  it('several problems are all listed in one go', async () => {
    const app = await seeded();
    const files = withServices(NEW_SERVICE_ROW('bad'), NEW_SERVICE_ROW('0b7f5e2c-8d7e-4a4c-9a55-0c0d6c1e2f30', ORG, 'open'));
    files['phones.csv'] = files['phones.csv']!.replace(',voice,', ',voice,').replace(
      '1554f2e2-a373-45db-a3fa-9fc48a61c15e,',
      '1554f2e2,',
    );
    const result = await app.call('providers.import', { fileName: 'broken.zip', contentBase64: zipBase64(files) });
    expect(result.committed).toBe(false);
    expect(result.errors.map((e) => `${e.file}:${e.row}:${e.field}`).sort()).toEqual([
      'phones.csv:2:id',
      'services.csv:3:id',
      'services.csv:4:status',
    ]);
  });

  it('a wrong cell count, an unreadable zip, a single CSV and an oversize file get plain messages', async () => {
    const app = await seeded();
    const files = referenceFiles();
    files['languages.csv'] = `${files['languages.csv']!.trimEnd()}\nonly,three,cells\n`;
    await expectRejected(app, files, {
      file: 'languages.csv',
      row: 3,
      message: 'This row has 3 cells but the header has 7 columns.',
    });

    const notZip = await app.call('providers.import', {
      fileName: 'x.zip',
      contentBase64: Buffer.from('PK\u0003\u0004garbage').toString('base64'),
    });
    expect(notZip.errors[0]!.message).toMatch(/not a readable zip file/);
    const csv = await app.call('providers.importPreview', {
      fileName: 'services.csv',
      contentBase64: Buffer.from('id,name\n').toString('base64'),
    });
    expect(csv.errors[0]!.message).toMatch(/single CSV file/);

    const big = await app.fail('providers.import', { fileName: 'big.zip', contentBase64: 'A'.repeat(70 * 1024 * 1024) });
    expect(big).toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
    expect(big.message).toMatch(/larger than 50 MB/);
  });

  it('a zip that claims to unpack beyond the size limit is refused before it is inflated', async () => {
    const app = await seeded();
    // 60 MB of zeros compresses to a few kilobytes.
    const files = referenceFiles() as Record<string, string | Uint8Array>;
    files['extra.csv'] = new Uint8Array(60 * 1024 * 1024);
    const result = await app.call('providers.import', { fileName: 'bomb.zip', contentBase64: zipBase64(files) });
    expect(result.committed).toBe(false);
    expect(result.errors[0]).toMatchObject({ file: 'bomb.zip' });
    expect(result.errors[0]!.message).toMatch(/larger than 50 MB/);
  });

  it('JSON errors name the place in the document', async () => {
    const app = await seeded();
    const doc = {
      id: '6f0c8b0e-3d0a-4c55-9d7e-0a1b2c3d4e5f',
      name: 'Harbour Outreach',
      description: 'Street outreach.',
      services: [{ id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Outreach van', status: 'sometimes' }],
    };
    const result = await app.call('providers.import', {
      fileName: 'org.json',
      contentBase64: Buffer.from(JSON.stringify(doc)).toString('base64'),
    });
    expect(result.committed).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'org.json', row: null, record: 'services[0]', field: 'status' }),
    ]);
  });
});

describe('tolerated file quirks', () => {
  it('UTF-8 with BOM, CRLF line ends, quoted newlines and extra columns import cleanly', async () => {
    const app = await setUpApp();
    const files = referenceFiles();
    const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
    files['organizations.csv'] = `\uFEFF${crlf(files['organizations.csv']!)}`;
    const rows = parse(files['services.csv']!) as string[][];
    const col = rows[0]!.indexOf('eligibility_description');
    rows[1]![col] = 'Adults 18 and over\nwho live in the county';
    files['services.csv'] = stringify(
      rows.map((r, i) => [...r, i === 0 ? 'internal_code' : 'X-17']),
      { record_delimiter: 'windows', quoted: true },
    );
    const result = await app.call('providers.import', { fileName: 'quirks.zip', contentBase64: zipBase64(files) });
    expect(result.errors).toEqual([]);
    expect(result.committed).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ file: 'services.csv', message: expect.stringContaining('internal_code') }),
    );
    const { service } = await app.call('providers.get', { id: 'ac148810-d857-441c-9679-408f346de14b' });
    expect(service.eligibilityDescription).toBe('Adults 18 and over\nwho live in the county');
    const org = app.backend.requireDb().prepare('SELECT name FROM hsds_organization WHERE id = ?').pluck().get(ORG);
    expect(org).toBe('Example Organization Inc.');
  });

  it('a package inside a folder of the zip, and without datapackage.json, is still recognised', async () => {
    const app = await setUpApp();
    const files = referenceFiles();
    delete files['datapackage.json'];
    const nested = Object.fromEntries(Object.entries(files).map(([k, v]) => [`export-2026/${k}`, v]));
    const result = await app.call('providers.import', { fileName: 'nested.zip', contentBase64: zipBase64(nested) });
    expect(result.committed).toBe(true);
    expect(result.warnings[0]!.message).toMatch(/no datapackage.json/);
    expect(dumpDirectory(app).service).toHaveLength(1);
  });
});
