import type { ScreeningInput } from '../../../shared/contract/intake';
import type { Need } from '../../../shared/domain/needs';
import { addDays, dateIn } from '../../../shared/domain/calendar';
import { departmentTimeZone } from '../calendar';
import type { Db } from '../db/open';
import { contactWriter, type ParsedContactFields } from '../intake/repo';
import { type PersonValues, searchIndexWriter } from '../people/repo';
import * as D from './distributions';
import { familyName, givenName, misspell, streetName } from './fakeNames';
import { Random } from './random';

export interface GenerateOptions {
  people: number;
  contacts: number;
  seed: number;
  /** "Now" for the data set: contacts end here. Same seed and same now give the same data. */
  now: number;
  /** Staff who appear on contacts; the first is also recorded as the creator. */
  staff: { officers: readonly string[]; coResponders: readonly string[]; creator: string };
  /** Seals the generated clinical notes and screenings (clinical/seal.ts). */
  clinicalKey: Buffer;
  /** Rows per transaction. */
  batch?: number;
  onProgress?: (done: { people: number; contacts: number }) => void;
}

export interface GenerateResult {
  people: number;
  contacts: number;
  anonymousContacts: number;
  screenings: number;
  followups: number;
  nearDuplicates: number;
  ms: number;
}

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

/** How many contacts each person gets: everyone one, the rest skewed to a few frequent contacts. */
function contactCounts(r: Random, people: number, identified: number): number[] {
  const counts = new Array<number>(people).fill(0);
  if (!people) return counts;
  for (let i = 0; i < Math.min(people, identified); i++) counts[i] = 1;
  const heavy = Math.max(1, Math.round(people * 0.005));
  const frequent = Math.max(1, Math.round(people * 0.15));
  for (let extra = identified - people; extra > 0; extra--) {
    const u = r.next();
    const idx = u < 0.1 ? r.int(0, heavy - 1) : u < 0.7 ? r.int(0, frequent - 1) : r.int(0, people - 1);
    counts[idx]! += 1;
  }
  return counts;
}

function fakePerson(r: Random, firstContact: number, day: (ms: number) => string): PersonValues {
  const age = Math.floor(18 + 52 * r.next() ** 1.6);
  const dob = day(firstContact - age * YEAR - r.int(0, 364) * DAY);
  const dobKind = r.weighted([
    ['exact', 85],
    ['year', 10],
    ['none', 5],
  ] as const);
  const sex = r.weighted([
    ['male', 62],
    ['female', 36],
    ['x', 1],
    ['unknown', 1],
  ] as const);
  const gender =
    sex === 'male'
      ? r.weighted([
          ['man', 97],
          ['transgender_woman', 1],
          ['non_binary', 1],
          ['unknown', 1],
        ] as const)
      : sex === 'female'
        ? r.weighted([
            ['woman', 97],
            ['transgender_man', 1],
            ['non_binary', 1],
            ['unknown', 1],
          ] as const)
        : 'unknown';
  return {
    firstName: r.chance(0.98) ? givenName(r) : '',
    lastName: r.chance(0.95) ? familyName(r) : '',
    aliases: r.chance(0.2) ? [streetName(r)] : [],
    dateOfBirth: dobKind === 'exact' ? dob : null,
    birthYear: dobKind === 'none' ? null : Number(dob.slice(0, 4)),
    sex,
    genderIdentity: gender,
    raceEthnicity: r.weighted(D.RACE_WEIGHTS),
    preferredLanguage: r.weighted([
      ['en', 84],
      ['es', 13],
      ['pl', 1],
      ['ar', 1],
      ['ase', 1],
    ] as const),
    veteranStatus: r.weighted([
      ['no', 80],
      ['yes', 6],
      ['unknown', 14],
    ] as const),
    residenceArea: r.pick(D.AREAS),
    zip: r.chance(0.85) ? r.pick(D.ZIPS) : '',
    housingStatus: r.weighted(D.HOUSING_WEIGHTS),
    phone: r.chance(0.55) ? `(708) 555-01${String(r.int(0, 99)).padStart(2, '0')}` : '',
  };
}

function fakeContact(
  r: Random,
  staff: GenerateOptions['staff'],
  cadSeq: number,
  year: number,
): { fields: Omit<ParsedContactFields, 'occurredAt' | 'clinicalNote'>; clinicalNote: string; screenings: ScreeningInput[] } {
  const pathway = r.weighted(D.PATHWAY_WEIGHTS);
  const needs = new Set<Need>(r.some(D.NEED_PROBABILITIES, 5));
  if (pathway === 'naloxone_plus') needs.add('opioid_use');
  if (!needs.size) needs.add(r.weighted(D.NEED_PROBABILITIES.map(([n, p]) => [n, p] as const)));
  const overdose = pathway === 'naloxone_plus' ? r.chance(0.9) : needs.has('opioid_use') ? r.chance(0.04) : false;
  let disposition = r.weighted(D.DISPOSITION_WEIGHTS);
  let chargeCategory: ParsedContactFields['chargeCategory'] = null;
  let abeyance = false;
  if (pathway === 'officer_intervention') {
    chargeCategory = r.weighted(D.CHARGE_WEIGHTS);
    abeyance = true;
    if (r.chance(0.6)) disposition = 'citation_abeyance';
  } else if (pathway === 'officer_prevention' && r.chance(0.5)) {
    chargeCategory = r.weighted(D.CHARGE_WEIGHTS);
  }
  const officers = staff.officers.length ? [r.pick(staff.officers)] : [staff.creator];
  if (staff.officers.length > 1 && r.chance(0.25)) {
    const second = r.pick(staff.officers);
    if (second !== officers[0]) officers.push(second);
  }
  const coResponderId = staff.coResponders.length && r.chance(0.55) ? r.pick(staff.coResponders) : null;
  const screenings: ScreeningInput[] = [];
  if (coResponderId) {
    const substance = ['opioid_use', 'stimulant_use', 'alcohol_use', 'other_substance_use'].some((n) => needs.has(n as Need));
    if (substance && r.chance(0.3)) {
      const p = r.next();
      screenings.push({ instrument: 'cage_aid', answers: Array.from({ length: 4 }, () => (r.chance(p) ? 'yes' : 'no')) });
    }
    if (needs.has('mental_health') && r.chance(0.3)) {
      screenings.push({ instrument: 'phq2', answers: [r.int(0, 3), r.int(0, 3)] });
    }
    const trafficking = needs.has('sex_trafficking') || needs.has('labour_trafficking') || needs.has('commercial_sex');
    if (r.chance(trafficking ? 0.5 : 0.01)) {
      const p = trafficking ? 0.3 : 0.02;
      screenings.push({
        instrument: 'tvit',
        answers: Array.from({ length: 16 }, () => (r.chance(p) ? 'yes' : r.chance(0.05) ? 'declined' : 'no')),
      });
    }
  }
  return {
    fields: {
      location: `${r.int(1, 170)}00 block of ${r.pick(D.STREETS)}`,
      cadNumber: r.chance(0.7) ? `${year}-${String(cadSeq).padStart(6, '0')}` : '',
      pathway,
      referralSource: r.weighted(D.REFERRAL_BY_PATHWAY[pathway]),
      needs: [...needs].sort(),
      disposition,
      overdose,
      naloxoneDoses: overdose
        ? r.weighted([
            [1, 50],
            [2, 35],
            [3, 12],
            [4, 3],
          ] as const)
        : 0,
      useOfForce: r.chance(0.01),
      injury: r.chance(0.02),
      chargeCategory,
      chargesHeldInAbeyance: abeyance,
      officerIds: officers,
      coResponderId,
      narrative: r.pick(D.NARRATIVES),
    },
    clinicalNote: coResponderId && r.chance(0.35) ? r.pick(D.CLINICAL_NOTES) : '',
    screenings,
  };
}

const bulkLoading = new WeakSet<Db>();

/**
 * Runs a large synthetic load with settings for it: random ids land all over the B-trees, so a large page
 * cache keeps that from thrashing (and from decrypting the same pages again and again); commits during
 * the load need not wait for the disk (WAL keeps the file consistent either way); a checkpoint every
 * hundred megabytes or so instead of every four. The connection's settings are restored afterwards.
 */
export function withBulkLoad<T>(db: Db, fn: () => T): T {
  if (bulkLoading.has(db)) return fn();
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  bulkLoading.add(db);
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 25000');
  try {
    return fn();
  } finally {
    bulkLoading.delete(db);
    db.pragma('wal_autocheckpoint = 1000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
    db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
  }
}

/**
 * Writes a synthetic data set: people with realistic pathways, needs and repeat contacts, screenings and
 * follow-ups. Deterministic for a seed and a "now". Prepared statements in large transactions.
 */
export function generate(db: Db, opts: GenerateOptions): GenerateResult {
  const started = performance.now();
  const r = new Random(opts.seed);
  const batch = opts.batch ?? 5_000;
  const anonymous = Math.round(opts.contacts * 0.04);
  const counts = contactCounts(r, opts.people, opts.contacts - anonymous);
  const spanMs = Math.min(3650, Math.max(120, Math.ceil(opts.contacts / 60))) * DAY;
  // Calendar dates in the department's time zone, as the station records them (not the generating machine's).
  const zone = departmentTimeZone(db);
  const day = (ms: number) => dateIn(ms, zone);
  const today = day(opts.now);
  const personInsert = db.prepare(
    `INSERT INTO persons (id, first_name, last_name, aliases, date_of_birth, birth_year, sex, gender_identity, race_ethnicity,
       preferred_language, veteran_status, residence_area, zip, housing_status, phone, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const followupInsert = db.prepare(
    `INSERT INTO followups (id, person_id, contact_id, due_date, assignee_id, note, status, outcome_note, created_at, created_by, closed_at, closed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const index = searchIndexWriter(db);
  const write = contactWriter(db, opts.clinicalKey);
  const result: GenerateResult = {
    people: 0,
    contacts: 0,
    anonymousContacts: 0,
    screenings: 0,
    followups: 0,
    nearDuplicates: 0,
    ms: 0,
  };
  let cadSeq = 0;
  let previous: PersonValues | null = null;

  const addContact = (personId: string | null, description: string, at: number) => {
    const c = fakeContact(r, opts.staff, ++cadSeq, Number(day(at).slice(0, 4)));
    const stamp = new Date(at).toISOString();
    const creator = c.fields.officerIds[0]!;
    const id = write.contact({
      id: r.uuid(),
      personId,
      anonymousDescription: description,
      occurredAt: stamp,
      occurredDate: day(at),
      fields: c.fields,
      clinicalNote: c.clinicalNote,
      userId: creator,
      now: stamp,
    });
    for (const s of c.screenings) write.screening(id, s, c.fields.coResponderId, stamp, r.uuid());
    result.screenings += c.screenings.length;
    result.contacts++;
    return { id, assignee: c.fields.coResponderId ?? creator };
  };

  const writePerson = (i: number) => {
    const k = counts[i]!;
    const first = opts.now - spanMs * r.next() ** 1.3;
    const times = [first, ...Array.from({ length: Math.max(0, k - 1) }, () => first + (opts.now - first) * r.next())].sort(
      (a, b) => a - b,
    );
    let values = fakePerson(r, first, day);
    // About one in a hundred is the same person recorded again with a typo in the family name.
    if (previous && previous.lastName && r.chance(0.01)) {
      values = {
        ...values,
        firstName: previous.firstName,
        lastName: misspell(r, previous.lastName),
        dateOfBirth: previous.dateOfBirth,
        birthYear: previous.birthYear,
      };
      result.nearDuplicates++;
    }
    previous = values;
    const id = r.uuid();
    const created = new Date(first).toISOString();
    const info = personInsert.run(
      id,
      values.firstName,
      values.lastName,
      JSON.stringify(values.aliases),
      values.dateOfBirth,
      values.birthYear,
      values.sex,
      values.genderIdentity,
      JSON.stringify(values.raceEthnicity),
      values.preferredLanguage,
      values.veteranStatus,
      values.residenceArea,
      values.zip,
      values.housingStatus,
      values.phone,
      created,
      opts.staff.creator,
      created,
      opts.staff.creator,
    );
    index.add(Number(info.lastInsertRowid), values);
    result.people++;
    let last: { id: string; assignee: string } | null = null;
    let lastAt = first;
    for (const t of times.slice(0, k)) {
      last = addContact(id, '', t);
      lastAt = t;
    }
    if (!last) return;
    const recent = opts.now - lastAt < 45 * DAY;
    if (recent ? r.chance(0.4) : r.chance(0.1)) {
      const due = recent ? addDays(today, r.int(-10, 21)) : addDays(day(lastAt), r.int(2, 14));
      const closed = !recent || r.chance(0.15);
      followupInsert.run(
        r.uuid(),
        id,
        last.id,
        due,
        last.assignee,
        'Check in about the referral and the first appointment.',
        closed ? 'done' : 'open',
        closed ? 'Reached by phone; appointment attended.' : '',
        new Date(lastAt).toISOString(),
        last.assignee,
        closed ? new Date(lastAt + 7 * DAY).toISOString() : null,
        closed ? last.assignee : null,
      );
      result.followups++;
    }
  };

  withBulkLoad(db, writeAll);
  result.ms = Math.round(performance.now() - started);
  return result;

  function writeAll(): void {
    for (let start = 0; start < opts.people; start += batch) {
      db.transaction(() => {
        for (let i = start; i < Math.min(opts.people, start + batch); i++) writePerson(i);
      }).immediate();
      opts.onProgress?.({ people: result.people, contacts: result.contacts });
    }
    for (let start = 0; start < anonymous; start += batch) {
      db.transaction(() => {
        for (let i = start; i < Math.min(anonymous, start + batch); i++) {
          const sex = r.pick(['man', 'woman']);
          addContact(
            null,
            `Unidentified ${sex}, about ${r.int(20, 60)}, ${r.pick(['red jacket', 'grey hoodie', 'walker', 'dog with them', 'green backpack'])}`,
            opts.now - spanMs * r.next(),
          );
          result.anonymousContacts++;
        }
      }).immediate();
    }
  }
}
