/**
 * A synthetic HSDS package of N services (2,000 by default: the ARCHITECTURE.md budget's provider count)
 * for the benchmarks: services with hours, a language, two service types, an address and a phone.
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { HSDS_SPEC, type HsdsTable, fieldNames } from '../shared/contract/hsdsSpec';
import { SERVICE_TYPE_TERM_IDS } from '../shared/domain/deflectTaxonomy';
import { SERVICE_TYPES } from '../shared/domain/serviceTypes';

export const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
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

export function makePackage(): Uint8Array {
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

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
