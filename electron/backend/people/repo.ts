import { randomUUID } from 'node:crypto';
import type { ParsedPersonFields, Person, PersonField } from '../../../shared/contract/people';
import { personDisplayName, personProblems } from '../../../shared/domain/person';
import { departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { AppError, type Problems } from '../errors';
import { nameKeys, normalizeName, tokens } from './names';

/** A person's values with every field present (what is stored). */
export interface PersonValues {
  firstName: string;
  lastName: string;
  aliases: string[];
  dateOfBirth: string | null;
  birthYear: number | null;
  sex: string | null;
  genderIdentity: string | null;
  raceEthnicity: string[];
  preferredLanguage: string | null;
  veteranStatus: string | null;
  residenceArea: string;
  zip: string;
  housingStatus: string | null;
  phone: string;
}

export const EMPTY_PERSON: PersonValues = {
  firstName: '',
  lastName: '',
  aliases: [],
  dateOfBirth: null,
  birthYear: null,
  sex: null,
  genderIdentity: null,
  raceEthnicity: [],
  preferredLanguage: null,
  veteranStatus: null,
  residenceArea: '',
  zip: '',
  housingStatus: null,
  phone: '',
};

export interface PersonRow {
  num: number;
  id: string;
  first_name: string;
  last_name: string;
  aliases: string;
  date_of_birth: string | null;
  birth_year: number | null;
  sex: string | null;
  gender_identity: string | null;
  race_ethnicity: string;
  preferred_language: string | null;
  veteran_status: string | null;
  residence_area: string;
  zip: string;
  housing_status: string | null;
  phone: string;
  merged_into: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export function valuesOf(row: PersonRow): PersonValues {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    aliases: JSON.parse(row.aliases) as string[],
    dateOfBirth: row.date_of_birth,
    birthYear: row.birth_year,
    sex: row.sex,
    genderIdentity: row.gender_identity,
    raceEthnicity: JSON.parse(row.race_ethnicity) as string[],
    preferredLanguage: row.preferred_language,
    veteranStatus: row.veteran_status,
    residenceArea: row.residence_area,
    zip: row.zip,
    housingStatus: row.housing_status,
    phone: row.phone,
  };
}

export function toPerson(row: PersonRow): Person {
  const values = valuesOf(row);
  return {
    id: row.id,
    displayName: personDisplayName(values),
    ...values,
    mergedInto: row.merged_into,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findPersonRow(db: Db, id: string): PersonRow | undefined {
  return db.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
}

export function requirePersonRow(db: Db, id: string, field = 'id'): PersonRow {
  const row = findPersonRow(db, id);
  if (!row) throw new AppError('not_found', 'No such person.', field);
  return row;
}

/** The record to use for a person id: a merged record leads to the one it was merged into. */
export function resolvePersonRow(db: Db, id: string, field = 'id'): PersonRow {
  let row = requirePersonRow(db, id, field);
  for (let hops = 0; row.merged_into && hops < 50; hops++) row = requirePersonRow(db, row.merged_into, field);
  return row;
}

/** What a change set does to a person: the new values, and which fields changed. */
export function applyPersonChanges(
  current: PersonValues,
  changes: ParsedPersonFields,
): { values: PersonValues; changed: PersonField[] } {
  const values: PersonValues = { ...current };
  for (const [key, value] of Object.entries(changes) as [PersonField, unknown][]) {
    if (value === undefined) continue;
    (values as unknown as Record<string, unknown>)[key] = value;
  }
  // An exact date of birth decides the year; clearing it without a year clears both.
  if (changes.dateOfBirth !== undefined && changes.birthYear === undefined) {
    values.birthYear = values.dateOfBirth
      ? Number(values.dateOfBirth.slice(0, 4))
      : current.dateOfBirth
        ? null
        : values.birthYear;
  }
  if (changes.aliases) values.aliases = dedupeAliases(changes.aliases);
  const changed = (Object.keys(EMPTY_PERSON) as PersonField[]).filter(
    (key) => JSON.stringify(values[key]) !== JSON.stringify(current[key]),
  );
  return { values, changed };
}

function dedupeAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  return aliases.filter((a) => {
    const key = normalizeName(a);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The rules that need today's date or several fields together (shared with the forms), added to
 * `problems`. `prefix` is the input path of the person fields (e.g. `subject.person`), so each message
 * names the field the form shows.
 */
export function validatePerson(
  db: Db,
  values: PersonValues,
  now: number,
  prefix: string,
  problems: Problems,
  contactDate?: string,
): void {
  problems.addAll(personProblems(values, departmentToday(db, now), contactDate), prefix);
}

export function completePerson(fields: ParsedPersonFields): PersonValues {
  return applyPersonChanges(EMPTY_PERSON, fields).values;
}

/** All name parts of a person, normalised: given and family names and every alias. */
export function nameParts(values: Pick<PersonValues, 'firstName' | 'lastName' | 'aliases'>): string[] {
  return [values.firstName, values.lastName, ...values.aliases].flatMap(tokens);
}

function searchText(values: Pick<PersonValues, 'firstName' | 'lastName' | 'aliases'>): string {
  return [values.firstName, values.lastName, ...values.aliases].map(normalizeName).filter(Boolean).join(' | ');
}

/** Prepared statements for the search index, reused by bulk writers (the demo generator). */
export function searchIndexWriter(db: Db) {
  const ftsInsert = db.prepare('INSERT INTO person_fts (rowid, names) VALUES (?, ?)');
  const ftsDelete = db.prepare('DELETE FROM person_fts WHERE rowid = ?');
  const keyInsert = db.prepare('INSERT OR IGNORE INTO person_keys (key, person_num) VALUES (?, ?)');
  const keyDelete = db.prepare('DELETE FROM person_keys WHERE key = ? AND person_num = ?');
  return {
    add(num: number, values: Pick<PersonValues, 'firstName' | 'lastName' | 'aliases'>): void {
      ftsInsert.run(num, searchText(values));
      for (const key of nameKeys(nameParts(values))) keyInsert.run(key, num);
    },
    remove(num: number, values: Pick<PersonValues, 'firstName' | 'lastName' | 'aliases'>): void {
      ftsDelete.run(num);
      for (const key of nameKeys(nameParts(values))) keyDelete.run(key, num);
    },
  };
}

function columns(values: PersonValues) {
  return {
    first_name: values.firstName,
    last_name: values.lastName,
    aliases: JSON.stringify(values.aliases),
    date_of_birth: values.dateOfBirth,
    birth_year: values.birthYear,
    sex: values.sex,
    gender_identity: values.genderIdentity,
    race_ethnicity: JSON.stringify(values.raceEthnicity),
    preferred_language: values.preferredLanguage,
    veteran_status: values.veteranStatus,
    residence_area: values.residenceArea,
    zip: values.zip,
    housing_status: values.housingStatus,
    phone: values.phone,
  };
}

const COLUMN_NAMES = Object.keys(columns(EMPTY_PERSON));

export function insertPerson(
  db: Db,
  values: PersonValues,
  userId: string | null,
  now: string,
  id: string = randomUUID(),
): PersonRow {
  const info = db
    .prepare(
      `INSERT INTO persons (id, ${COLUMN_NAMES.join(', ')}, created_at, created_by, updated_at, updated_by)
       VALUES (@id, ${COLUMN_NAMES.map((c) => `@${c}`).join(', ')}, @now, @user, @now, @user)`,
    )
    .run({ id, ...columns(values), now, user: userId });
  searchIndexWriter(db).add(Number(info.lastInsertRowid), values);
  return requirePersonRow(db, id);
}

/** Writes new values, re-indexes the names, bumps the version and records each changed field in the history. */
export function updatePerson(
  db: Db,
  row: PersonRow,
  values: PersonValues,
  changed: readonly PersonField[],
  userId: string | null,
  now: string,
  source: 'edit' | 'merge',
): PersonRow {
  if (changed.length === 0) return row;
  const old = valuesOf(row);
  db.prepare(
    `UPDATE persons SET ${COLUMN_NAMES.map((c) => `${c} = @${c}`).join(', ')},
       version = version + 1, updated_at = @now, updated_by = @user WHERE id = @id`,
  ).run({ id: row.id, ...columns(values), now, user: userId });
  if (changed.some((f) => f === 'firstName' || f === 'lastName' || f === 'aliases')) {
    const index = searchIndexWriter(db);
    index.remove(row.num, old);
    index.add(row.num, values);
  }
  const history = db.prepare(
    'INSERT INTO person_history (person_id, at, user_id, field, old_value, new_value, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const field of changed) {
    history.run(row.id, now, userId, field, JSON.stringify(old[field]), JSON.stringify(values[field]), source);
  }
  return requirePersonRow(db, row.id);
}
