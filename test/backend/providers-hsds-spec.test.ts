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
