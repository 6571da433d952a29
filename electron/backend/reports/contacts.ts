import { TREATMENT_SERVICE_TYPES } from '../../../shared/domain/consents';
import { ageBandOf, ageOn, raceGroupOf } from '../../../shared/domain/reports/dimensions';
import type { Db } from '../db/open';
import { columnsOf, tally } from './columns';
import type { Figures } from './figures';
import type { PeriodBounds } from './period';

/**
 * The report's figures from the period's contacts and the people they were with.
 *
 * The period's contacts are one range of the covering index `contacts_report`, read once: each column the
 * figures need comes back as one JSON array (columns.ts) and is counted here, in maps. Counted in SQL, the
 * categories, the sums and the people took three passes over the range, two of them GROUP BYs that sort
 * every row: about 110 ms for the busiest quarter's 27,000 contacts, where this takes about 40.
 * Then the people, each once: their demographics are one lookup each in the covering index
 * `persons_report`, and their age is taken on their first contact in the period.
 */

const NOT_RECORDED = 'not_recorded';

/** Flags of a contact and (from bit 6 up) its naloxone doses, packed into one integer by the query (FLAG_SQL). */
const FLAG = { overdose: 1, force: 2, injury: 4, abeyance: 8, treated: 16, trafficking: 32, doses: 64 } as const;

const FLAG_SQL = `c.overdose + 2 * c.use_of_force + 4 * c.injury + 8 * c.charges_in_abeyance
  + 16 * ((c.referred_types_mask & @treatment) <> 0) + 32 * ((c.needs_mask & @trafficking) <> 0) + 64 * c.naloxone_doses`;

type ContactColumns = {
  at: string[];
  pathway: string[];
  disposition: string[];
  source: string[];
  charge: (string | null)[];
  flags: number[];
  needs: number[];
  person: (string | null)[];
  day: string[];
};

interface PersonInPeriod {
  contacts: number;
  /** The date of their first contact in the period (their age is taken on it). */
  firstDay: string;
  trafficking: boolean;
}

/** The bit of each need and service type in the masks the migration keeps (report_bits). */
export type ReportBits = { need: Map<string, number>; serviceType: Map<string, number> };

export function maskOf(bits: Map<string, number>, codes: readonly string[]): number {
  let mask = 0;
  for (const c of codes) {
    const bit = bits.get(c);
    if (bit === undefined) throw new Error(`report_bits has no bit for ${c}: add it in a migration`);
    mask += 2 ** bit;
  }
  return mask;
}

/** Adds `n` to each category whose bit is set in `mask`. */
export function addBits(f: Figures, code: string, bits: Map<string, number>, mask: number, n: number): void {
  for (const [cat, bit] of bits) if (Math.floor(mask / 2 ** bit) % 2 === 1) f.add(code, [cat], n);
}

/** How many of the months' first moments (sorted) are at or before `at`: the index of the month it is in. */
function monthIndex(starts: readonly string[], at: string): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function contactFigures(
  db: Db,
  f: Figures,
  b: PeriodBounds,
  scope: { sql: string; params: Record<string, string> },
  bits: ReportBits,
): void {
  const where = `c.occurred_at >= @start AND c.occurred_at < @end ${scope.sql}`;
  const c = columnsOf<ContactColumns>(
    db,
    `SELECT json_group_array(c.occurred_at) AS at, json_group_array(c.pathway) AS pathway,
            json_group_array(c.disposition) AS disposition, json_group_array(c.referral_source) AS source,
            json_group_array(c.charge_category) AS charge, json_group_array(${FLAG_SQL}) AS flags,
            json_group_array(c.needs_mask) AS needs, json_group_array(c.person_id) AS person,
            json_group_array(c.occurred_date) AS day
       FROM contacts c INDEXED BY contacts_report WHERE ${where}`,
    {
      start: b.start,
      end: b.end,
      ...scope.params,
      treatment: maskOf(bits.serviceType, TREATMENT_SERVICE_TYPES),
      trafficking: maskOf(bits.need, ['sex_trafficking', 'labour_trafficking']),
    },
  );
  const { at, pathway, disposition, source, charge, flags, needs, person, day } = c;
  // Counts by category: per month by pathway, by disposition, by source, by charge and outcome, by need mask.
  const byPathway = b.months.map(() => new Map<string, number>());
  const byDisposition = new Map<string, number>();
  const bySource = new Map<string, number>();
  const byCharge = { not_filed: new Map<string, number>(), held_in_abeyance: new Map<string, number>() };
  const byNeeds = new Map<number, number>();
  const people = new Map<string, PersonInPeriod>();
  const sums = { unidentified: 0, overdoses: 0, doses: 0, force: 0, injury: 0, treated: 0 };
  for (let i = 0; i < at.length; i++) {
    const flag = flags[i]!;
    tally(byPathway[monthIndex(b.monthStarts, at[i]!)]!, pathway[i]!);
    tally(byDisposition, disposition[i]!);
    tally(bySource, source[i]!);
    const category = charge[i];
    if (category != null) tally(flag & FLAG.abeyance ? byCharge.held_in_abeyance : byCharge.not_filed, category);
    tally(byNeeds, needs[i]!);
    if (flag & FLAG.overdose) sums.overdoses++;
    if (flag & FLAG.force) sums.force++;
    if (flag & FLAG.injury) sums.injury++;
    if (flag & FLAG.treated) sums.treated++;
    sums.doses += Math.floor(flag / FLAG.doses);
    const id = person[i];
    if (id == null) {
      sums.unidentified++;
      continue;
    }
    const seen = people.get(id);
    if (!seen) people.set(id, { contacts: 1, firstDay: day[i]!, trafficking: (flag & FLAG.trafficking) !== 0 });
    else {
      seen.contacts++;
      if (day[i]! < seen.firstDay) seen.firstDay = day[i]!;
      if (flag & FLAG.trafficking) seen.trafficking = true;
    }
  }

  f.add('contacts', [], at.length);
  b.months.forEach((month, m) => {
    for (const [code, n] of byPathway[m]!) {
      f.add('contacts_by_month_pathway', [month, code], n);
      f.add('contacts_by_pathway', [code], n);
      f.add('contacts_by_month', [month], n);
    }
  });
  for (const [code, n] of byDisposition) f.add('contacts_by_disposition', [code], n);
  for (const [code, n] of bySource) f.add('contacts_by_referral_source', [code], n);
  for (const [outcome, counts] of Object.entries(byCharge)) {
    for (const [code, n] of counts) {
      f.add('charges_deflected', [], n);
      f.add('charges_by_category', [code], n);
      f.add('charges_by_outcome', [outcome], n);
      f.add('charges_by_category_outcome', [code, outcome], n);
    }
  }
  for (const [mask, n] of byNeeds) addBits(f, 'contacts_by_need', bits.need, mask, n);
  f.add('unidentified_contacts', [], sums.unidentified);
  f.add('overdoses', [], sums.overdoses);
  f.add('naloxone_doses', [], sums.doses);
  f.add('safety_events', ['use_of_force'], sums.force);
  f.add('safety_events', ['injury'], sums.injury);
  f.add('treatment_referral_encounters', [], sums.treated);
  peopleFigures(db, f, people);
}

/**
 * The period's people, each once, by their demographics as recorded now (one lookup each in the covering
 * index `persons_report`; a contact's person always exists, the join keeps to the people it finds). The age
 * is taken on their first contact in the period.
 */
function peopleFigures(db: Db, f: Figures, people: Map<string, PersonInPeriod>): void {
  // In the order of the index (the lookups walk it from one end to the other); a LEFT JOIN gives one row per
  // id, in this order, so the columns need not repeat the ids. The race answers are never null: a row without
  // them is a person not found.
  const ids = [...people.keys()].sort();
  const d = columnsOf<{
    sex: (string | null)[];
    veteran: (string | null)[];
    housing: (string | null)[];
    dob: (string | null)[];
    birthYear: (number | null)[];
    race: (string | null)[];
  }>(
    db,
    `SELECT json_group_array(p.sex) AS sex, json_group_array(p.veteran_status) AS veteran,
            json_group_array(p.housing_status) AS housing, json_group_array(p.date_of_birth) AS dob,
            json_group_array(p.birth_year) AS birthYear, json_group_array(p.race_ethnicity) AS race
       FROM json_each(@ids) j LEFT JOIN persons p INDEXED BY persons_report ON p.id = j.value`,
    { ids: JSON.stringify(ids) },
  );
  const by = {
    age_band: new Map<string, number>(),
    sex: new Map<string, number>(),
    veteran_status: new Map<string, number>(),
    housing_status: new Map<string, number>(),
    race_ethnicity: new Map<string, number>(),
  };
  const raceGroups = new Map<string, string>();
  let found = 0;
  let repeats = 0;
  let trafficking = 0;
  for (let i = 0; i < ids.length; i++) {
    const answers = d.race[i];
    if (answers == null) continue;
    const person = people.get(ids[i]!)!;
    found++;
    if (person.contacts >= 2) repeats++;
    if (person.trafficking) trafficking++;
    tally(by.age_band, ageBandOf(ageOn(person.firstDay, d.dob[i] ?? null, d.birthYear[i] ?? null)));
    tally(by.sex, d.sex[i] ?? NOT_RECORDED);
    tally(by.veteran_status, d.veteran[i] ?? NOT_RECORDED);
    tally(by.housing_status, d.housing[i] ?? NOT_RECORDED);
    let race = raceGroups.get(answers);
    if (race === undefined) {
      race = raceGroupOf(JSON.parse(answers) as string[]);
      raceGroups.set(answers, race);
    }
    tally(by.race_ethnicity, race);
  }
  f.add('unique_people', [], found);
  f.add('repeat_people', [], repeats);
  f.add('trafficking_people', [], trafficking);
  for (const [code, counts] of Object.entries(by)) for (const [category, n] of counts) f.add(code, [category], n);
}
