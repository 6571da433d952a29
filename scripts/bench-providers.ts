/**
 * Provider-directory benchmark: builds a synthetic HSDS package of 2,000 services (the ARCHITECTURE.md
 * budget's provider count), imports it into a fresh encrypted store, then times searches, the provider
 * page, an edit and an export. Medians over repeated runs. Usage: npx tsx scripts/bench-providers.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { createBackend } from '../electron/backend';
import type { InputOf, OutputOf, ProcedureName } from '../shared/contract';
import { HSDS_SPEC, type HsdsTable, fieldNames } from '../shared/contract/hsdsSpec';
import { SERVICE_TYPE_TERM_IDS } from '../shared/domain/deflectTaxonomy';
import { SERVICE_TYPES } from '../shared/domain/serviceTypes';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const LANGS = [
  ['es', 'Spanish'],
  ['pl', 'Polish'],
  ['ar', 'Arabic'],
  ['zh', 'Chinese'],
  ['fr', 'French'],
];
const WORDS = [
  'recovery',
  'outreach',
  'clinic',
  'shelter',
  'pantry',
  'legal',
  'crisis',
  'housing',
  'family',
  'youth',
  'veterans',
  'harbor',
];

function makePackage(): Uint8Array {
  const rows: Partial<Record<HsdsTable, Array<Record<string, string | number>>>> = {};
  const push = (t: HsdsTable, r: Record<string, string | number>) => (rows[t] ??= []).push(r);
  const orgs: string[] = [];
  for (let i = 0; i < SERVICES / 2; i++) {
    const id = randomUUID();
    orgs.push(id);
    push('organization', {
      id,
      name: `${WORDS[i % WORDS.length]} organisation ${i}`,
      description: 'Synthetic provider for benchmarking.',
    });
  }
  for (let i = 0; i < SERVICES; i++) {
    const id = randomUUID();
    const loc = randomUUID();
    const org = orgs[i % orgs.length]!;
    push('service', {
      id,
      organization_id: org,
      name: `${WORDS[(i * 7) % WORDS.length]} service ${i}`,
      description: `Synthetic ${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]} programme number ${i}.`,
      status: i % 20 === 0 ? 'inactive' : 'active',
      assured_date: i % 3 === 0 ? '2025-01-15' : '2026-10-01',
    });
    push('location', { id: loc, location_type: 'physical', organization_id: org, name: `Site ${i}` });
    push('address', {
      id: randomUUID(),
      location_id: loc,
      address_1: `${i} Example Street`,
      city: 'Testville',
      state_province: 'IL',
      postal_code: '60000',
      country: 'US',
      address_type: 'physical',
    });
    push('service_at_location', { id: randomUUID(), service_id: id, location_id: loc });
    push('phone', { id: randomUUID(), service_id: id, number: `555-${String(i).padStart(4, '0')}` });
    push('schedule', {
      id: randomUUID(),
      service_id: id,
      freq: 'WEEKLY',
      byday: DAYS.slice(0, 5 + (i % 3)).join(','),
      opens_at: '08:00',
      closes_at: i % 4 === 0 ? '02:00' : '17:00',
    });
    const [code, name] = LANGS[i % LANGS.length]!;
    push('language', { id: randomUUID(), service_id: id, code: code!, name: name! });
    for (let k = 0; k < 2; k++) {
      push('attribute', {
        id: randomUUID(),
        link_id: id,
        link_entity: 'service',
        link_type: 'service_type',
        taxonomy_term_id: SERVICE_TYPE_TERM_IDS[SERVICE_TYPES[(i + k * 5) % SERVICE_TYPES.length]!],
      });
    }
  }
  const files: Record<string, Uint8Array> = {};
  for (const [table, list] of Object.entries(rows) as Array<[HsdsTable, Array<Record<string, string | number>>]>) {
    const names = fieldNames(table);
    files[HSDS_SPEC[table].path] = strToU8(
      stringify([names, ...list.map((r) => names.map((n) => (r[n] === undefined ? '' : String(r[n]))))]),
    );
  }
  return zipSync(files);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  try {
    const { router } = createBackend({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
    const call = async <N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      const r = await router.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as OutputOf<N>;
    };
    await call('auth.setup', {
      department: { name: 'Bench PD', addressLine1: '1 Bench Way', city: 'Testville', state: 'IL', postalCode: '60000' },
      admin: { username: 'admin', displayName: 'Bench Admin', password: 'orange-kettle-harbour-42' },
    });
    await call('auth.login', { username: 'admin', password: 'orange-kettle-harbour-42' });
    const pkg = Buffer.from(makePackage()).toString('base64');
    const time = async (label: string, runs: number, fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      console.log(`${label.padEnd(44)} median ${median(ms).toFixed(1).padStart(8)} ms  (${runs} runs)`);
    };
    await time(`import preview (${SERVICES} services)`, 1, () =>
      call('providers.importPreview', { fileName: 'bench.zip', contentBase64: pkg }),
    );
    await time(`import commit (${SERVICES} services)`, 1, async () => {
      const r = await call('providers.import', { fileName: 'bench.zip', contentBase64: pkg });
      if (!r.committed) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    });
    await time('re-import, all unchanged', 1, () => call('providers.import', { fileName: 'bench.zip', contentBase64: pkg }));
    await time('search: no filter, first 100', 10, () => call('providers.search', {}));
    await time('search: text "recov"', 20, () => call('providers.search', { text: 'recov' }));
    await time('search: need opioid_use + language es', 20, () =>
      call('providers.search', { needs: ['opioid_use'], language: 'es' }),
    );
    await time('search: open now (all services judged)', 10, () => call('providers.search', { openNow: true }));
    const first = (await call('providers.search', {})).results[0]!;
    await time('provider page', 20, () => call('providers.get', { id: first.id }));
    const { service } = await call('providers.get', { id: first.id });
    await time('save a service (with reindex)', 10, () =>
      call('providers.saveService', {
        id: service.id,
        organizationId: service.organization.id,
        name: service.name,
        status: service.status,
        serviceTypes: service.serviceTypes,
        walkIns: true,
        requiredDocuments: [],
        languages: [],
        phones: [],
        hours: [],
      }),
    );
    await time('facets', 10, () => call('providers.facets', {}));
    await time('export', 3, () => call('providers.export', {}));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
