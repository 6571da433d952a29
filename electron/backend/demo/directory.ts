import { DETAIL_TERM_IDS, SERVICE_TYPE_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import type { ServiceType } from '../../../shared/domain/serviceTypes';
import { addDays } from '../../../shared/domain/calendar';
import { departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { reindex } from '../providers/derived';
import { ensureDeflectTaxonomy, insertRecord, newRecord, upsertRecord } from '../providers/store';
import { Random } from './random';

/**
 * A plausible local provider directory for the demo store and `seed --services N`: synthetic
 * organisations (made-up place names, no real provider), their services with service types, hours,
 * languages, phones in the fictional 555-01xx range, walk-ins and capacity notes, a few listings not
 * verified for a long time, and a handful classified only by an imported taxonomy term that nobody has
 * mapped yet, so the mapping screen has something to show. Deterministic for a seed and a "now".
 */

export interface DirectoryOptions {
  services: number;
  seed: number;
  now: number;
}

export const DIRECTORY_LIMIT = 20_000;

const PLACES = [
  'Riverbend',
  'Maple Hollow',
  'Cedar Point',
  'Lakeport',
  'Millbrook',
  'Stonebridge',
  'Harbor Lights',
  'Prairie View',
  'Oak Terrace',
  'Willow Creek',
  'North Quarry',
  'Elm Junction',
  'Bright Meadow',
  'Ashford',
  'Linden Park',
  'Fox Run',
];
const TOWNS = ['Lakeport', 'Millbrook', 'Ashford', 'Cedar Point', 'Stonebridge'];
const STREETS = ['Main St', 'Oak Ave', 'Lake Shore Dr', 'Mill Rd', 'Station St', 'Grand Ave', 'Ridge Rd', 'Union St', 'Elm St'];

interface Kind {
  org: string;
  services: ReadonlyArray<{ name: string; types: ServiceType[]; description: string }>;
}

/** What kinds of organisation a local directory holds, and the services each kind offers. */
const KINDS: readonly Kind[] = [
  {
    org: 'Recovery Center',
    services: [
      {
        name: 'Outpatient Substance Use Counseling',
        types: ['outpatient_sud'],
        description: 'Individual and group counseling for alcohol and drug use; evening groups for people who work.',
      },
      {
        name: 'Medication for Opioid Use Disorder Clinic',
        types: ['moud'],
        description: 'Buprenorphine and naltrexone started the same week, with counseling alongside.',
      },
      {
        name: 'Recovery Coaches',
        types: ['peer_recovery'],
        description: 'Peer recovery coaches with lived experience meet people where they are.',
      },
    ],
  },
  {
    org: 'Behavioral Health',
    services: [
      {
        name: 'Mobile Crisis Team',
        types: ['crisis_mental_health'],
        description: 'Clinicians come to the person in a mental-health crisis, day or night; call 988 or the line below.',
      },
      {
        name: 'Counselling and Therapy',
        types: ['outpatient_mental_health'],
        description: 'Short-term counselling, trauma-informed therapy and a weekly walk-in hour.',
      },
      {
        name: 'Psychiatric Clinic',
        types: ['psychiatric_care'],
        description: 'Psychiatric assessment and medication management by referral.',
      },
    ],
  },
  {
    org: 'Withdrawal Management Unit',
    services: [
      {
        name: 'Medically Monitored Detox',
        types: ['withdrawal_management'],
        description: 'Medically monitored withdrawal from alcohol and opioids, usually three to seven days.',
      },
      {
        name: 'Residential Treatment Program',
        types: ['residential_sud'],
        description: 'Twenty-eight day residential treatment with aftercare planning.',
      },
    ],
  },
  {
    org: 'Harm Reduction Collective',
    services: [
      {
        name: 'Syringe Services and Naloxone',
        types: ['harm_reduction'],
        description: 'Naloxone kits and training, sterile supplies, fentanyl test strips and HIV/HCV testing.',
      },
    ],
  },
  {
    org: 'Housing Alliance',
    services: [
      {
        name: 'Emergency Shelter',
        types: ['shelter_housing'],
        description: 'Overnight shelter beds for adults; intake from 5 PM.',
      },
      {
        name: 'Rapid Rehousing',
        types: ['shelter_housing'],
        description: 'Help with a deposit and first month’s rent, and a case manager for the first year.',
      },
    ],
  },
  {
    org: 'Safe Harbor Advocates',
    services: [
      {
        name: 'Trafficking Survivor Services',
        types: ['trafficking_survivor', 'legal_aid'],
        description: 'Confidential advocacy, safety planning and legal help for survivors of sex and labour trafficking.',
      },
      {
        name: 'Domestic Violence Hotline and Shelter',
        types: ['domestic_violence_services', 'shelter_housing'],
        description: 'Twenty-four hour hotline, confidential shelter and court advocacy.',
      },
    ],
  },
  {
    org: 'Community Health Center',
    services: [
      {
        name: 'Primary Care Clinic',
        types: ['primary_medical'],
        description: 'Primary care on a sliding fee scale; no one is turned away for inability to pay.',
      },
      {
        name: 'Benefits and ID Desk',
        types: ['benefits_id_services'],
        description: 'Help applying for Medicaid and SNAP and replacing a state ID or birth certificate.',
      },
    ],
  },
  {
    org: 'Legal Aid Clinic',
    services: [
      {
        name: 'Record Sealing and Expungement',
        types: ['legal_aid'],
        description: 'Free legal help to seal or expunge eligible records.',
      },
    ],
  },
  {
    org: 'Food Pantry',
    services: [
      {
        name: 'Food Pantry and Hot Meals',
        types: ['food_services'],
        description: 'Groceries once a week and a hot lunch every weekday.',
      },
    ],
  },
  {
    org: 'Workforce Partners',
    services: [
      {
        name: 'Job Readiness Program',
        types: ['employment_services'],
        description: 'Résumé help, interview practice and paid work experience.',
      },
    ],
  },
];

const HOURS: ReadonlyArray<readonly [string, number, ReadonlyArray<[string, string, string]>]> = [
  ['weekdays', 40, [['MO,TU,WE,TH,FR', '09:00', '17:00']]],
  ['long weekdays', 15, [['MO,TU,WE,TH,FR', '08:00', '20:00']]],
  [
    'weekdays and Saturday',
    15,
    [
      ['MO,TU,WE,TH,FR', '09:00', '17:00'],
      ['SA', '10:00', '14:00'],
    ],
  ],
  ['always', 12, [['MO,TU,WE,TH,FR,SA,SU', '00:00', '24:00']]],
  ['evenings', 8, [['MO,TU,WE,TH', '17:00', '21:00']]],
  ['overnight', 5, [['MO,TU,WE,TH,FR,SA,SU', '17:00', '08:00']]],
  ['none', 5, []],
];

const LANGUAGES: ReadonlyArray<readonly [string, string, number]> = [
  ['es', 'Spanish', 0.45],
  ['pl', 'Polish', 0.1],
  ['ar', 'Arabic', 0.06],
  ['ase', 'American Sign Language', 0.05],
  ['zh', 'Chinese', 0.04],
  ['vi', 'Vietnamese', 0.03],
];

/** Terms from another taxonomy (as a 211 package would carry) that the demo leaves unmapped. */
const IMPORTED_TERMS = [
  { code: 'RX-8470.5000', name: 'Recovery Homes/Halfway Houses', description: 'Sober living residences.' },
  { code: 'BH-1800.1500', name: 'Drop-In Centers', description: 'Day centres offering a place to rest and basic needs.' },
];
const IMPORTED_TAXONOMY_ID = '7d5c2f0e-2e9a-4f7c-9a55-3b6a8a6d1c21';

export interface DirectoryResult {
  organizations: number;
  services: number;
}

/** Adds `services` synthetic services (with their organisations) to the directory and rebuilds its indexes. */
export function generateDirectory(db: Db, opts: DirectoryOptions): DirectoryResult {
  const r = new Random(opts.seed ^ 0x5eed_d1c7);
  const today = departmentToday(db, opts.now);
  const nowIso = new Date(opts.now).toISOString();
  let organizations = 0;
  let made = 0;
  const importedTerms = IMPORTED_TERMS.map((t) => ({ ...t, id: r.uuid() }));

  db.transaction(() => {
    ensureDeflectTaxonomy(db);
    // Upserted: a second seed adds services to the same sample taxonomy.
    upsertRecord(
      db,
      'taxonomy',
      newRecord('taxonomy', { id: IMPORTED_TAXONOMY_ID, name: 'Demo 211 taxonomy', description: 'Sample imported terms.' }),
    );
    for (const t of importedTerms)
      insertRecord(
        db,
        'taxonomy_term',
        newRecord('taxonomy_term', { ...t, taxonomy: 'Demo 211 taxonomy', taxonomy_id: IMPORTED_TAXONOMY_ID, language: 'en' }),
      );

    const attribute = (linkId: string, term: string, value: string | null, type: string) =>
      insertRecord(
        db,
        'attribute',
        newRecord('attribute', {
          id: r.uuid(),
          link_id: linkId,
          taxonomy_term_id: term,
          link_type: type,
          link_entity: 'service',
          value,
        }),
      );

    for (let o = 0; made < opts.services; o++) {
      const kind = KINDS[o % KINDS.length]!;
      const place = PLACES[Math.floor(o / KINDS.length) % PLACES.length]!;
      const round = Math.floor(o / (KINDS.length * PLACES.length));
      const orgId = r.uuid();
      const orgName = `${place} ${kind.org}${round ? ` ${round + 1}` : ''}`;
      const slug = orgName.toLowerCase().replace(/[^a-z0-9]+/g, '');
      insertRecord(
        db,
        'organization',
        newRecord('organization', {
          id: orgId,
          name: orgName,
          description: `${kind.org} serving ${place} and the surrounding towns (sample data).`,
          website: `https://${slug}.example.org`,
          email: `intake@${slug}.example.org`,
        }),
      );
      organizations++;
      const town = r.pick(TOWNS);
      const locationId = r.uuid();
      insertRecord(
        db,
        'location',
        newRecord('location', { id: locationId, location_type: 'physical', organization_id: orgId, name: orgName }),
      );
      insertRecord(
        db,
        'address',
        newRecord('address', {
          id: r.uuid(),
          location_id: locationId,
          address_1: `${r.int(100, 4999)} ${r.pick(STREETS)}`,
          city: town,
          state_province: 'IL',
          postal_code: `6${String(r.int(0, 9999)).padStart(4, '0')}`,
          country: 'US',
          address_type: 'physical',
        }),
      );

      for (const svc of kind.services) {
        if (made >= opts.services) break;
        made++;
        const id = r.uuid();
        const stale = r.chance(0.12);
        const verified = addDays(today, -(stale ? r.int(200, 900) : r.int(0, 150)));
        insertRecord(
          db,
          'service',
          newRecord('service', {
            id,
            organization_id: orgId,
            name: svc.name,
            description: svc.description,
            status: r.chance(0.04) ? 'temporarily closed' : 'active',
            assured_date: verified,
            last_modified: nowIso,
            eligibility_description: r.chance(0.3) ? 'Adults 18 and over.' : null,
            minimum_age: r.chance(0.3) ? 18 : null,
            application_process: r.pick([
              'Call to book an intake appointment.',
              'Walk in during opening hours; bring ID if you have it.',
              'Referral from a co-responder or case manager by phone.',
            ]),
            fees_description: r.pick(['Free.', 'Sliding scale; no one turned away.', 'Medicaid and most insurance accepted.']),
          }),
        );
        insertRecord(
          db,
          'service_at_location',
          newRecord('service_at_location', { id: r.uuid(), service_id: id, location_id: locationId }),
        );
        insertRecord(
          db,
          'phone',
          newRecord('phone', {
            id: r.uuid(),
            service_id: id,
            number: `(312) 555-01${String(r.int(0, 99)).padStart(2, '0')}`,
            type: 'voice',
          }),
        );
        const [, , windows] = r.weighted(HOURS.map((h) => [h, h[1]] as const));
        for (const [byday, opens, closes] of windows)
          insertRecord(
            db,
            'schedule',
            newRecord('schedule', { id: r.uuid(), service_id: id, freq: 'WEEKLY', byday, opens_at: opens, closes_at: closes }),
          );
        insertRecord(db, 'language', newRecord('language', { id: r.uuid(), service_id: id, name: 'English', code: 'en' }));
        for (const [code, name, p] of LANGUAGES)
          if (r.chance(p)) insertRecord(db, 'language', newRecord('language', { id: r.uuid(), service_id: id, name, code }));
        // A few services are classified only by an imported term nobody has mapped yet.
        if (made % 25 === 0) attribute(id, importedTerms[(made / 25) % importedTerms.length]!.id, null, 'service_type');
        else for (const t of svc.types) attribute(id, SERVICE_TYPE_TERM_IDS[t], null, 'service_type');
        if (r.chance(0.35)) attribute(id, DETAIL_TERM_IDS.walkIns, 'true', 'detail');
        if (r.chance(0.25))
          attribute(
            id,
            DETAIL_TERM_IDS.capacityNote,
            r.pick(['Beds usually free before noon.', 'Waiting list about 2 weeks.', 'Same-day starts most weekdays.']),
            'detail',
          );
      }
    }
    reindex(db);
  })();
  return { organizations, services: made };
}
