import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HSDS_SPEC, HSDS_TABLES } from '../../shared/contract/hsdsSpec';
import { HSDS_REF } from './providersFixtures';

interface RefField {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: string[] };
}

describe('the HSDS table spec', () => {
  it('matches the specification’s datapackage.json: tables, files, fields, types, formats, required, enums and links', () => {
    const ref = JSON.parse(readFileSync(join(HSDS_REF, 'datapackage.json'), 'utf8')) as {
      resources: Array<{
        name: string;
        path: string;
        schema: { fields: RefField[]; foreignKeys?: Array<{ fields: string; reference: { resource: string } }> };
      }>;
    };
    expect([...HSDS_TABLES].sort()).toEqual(ref.resources.map((r) => r.name).sort());
    for (const r of ref.resources) {
      const spec = HSDS_SPEC[r.name as keyof typeof HSDS_SPEC];
      expect(spec.path).toBe(r.path);
      expect(spec.fields.map((f) => [f.name, f.type, f.format ?? null, f.required === true, f.enum ?? null])).toEqual(
        r.schema.fields.map((f) => [
          f.name,
          f.type,
          f.format ?? null,
          f.constraints?.required === true,
          f.constraints?.enum ?? null,
        ]),
      );
      for (const fk of r.schema.foreignKeys ?? []) {
        expect(spec.fields.find((f) => f.name === fk.fields)?.ref).toBe(fk.reference.resource);
      }
    }
  });
});

describe('the HSDS row schema', () => {
  it('parses CSV text and JSON values to the same record and names the field at fault', async () => {
    const { hsdsRowSchema } = await import('../../shared/contract/hsds');
    const schema = hsdsRowSchema('service');
    const fromCsv = schema.parse({
      id: 'AC148810-D857-441C-9679-408F346DE14B',
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      name: 'X',
      status: 'Active',
      minimum_age: '12',
      alert: '',
    });
    const fromJson = schema.parse({
      id: 'ac148810-d857-441c-9679-408f346de14b',
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      name: 'X',
      status: 'active',
      minimum_age: 12,
    });
    expect(fromCsv).toEqual(fromJson);
    expect(fromCsv).toMatchObject({ id: 'ac148810-d857-441c-9679-408f346de14b', status: 'active', minimum_age: 12, alert: null });
    const bad = schema.safeParse({ id: 'x', name: 'X', status: 'open', assured_date: '1/2/2024', email: 'not-mail' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'assured_date',
      'email',
      'id',
      'organization_id',
      'status',
    ]);
  });
});
