import { randomUUID } from 'node:crypto';
import type { MergeRecord, Person, PersonField } from '../../../shared/contract/people';
import { INTAKE_LIMITS } from '../../../shared/domain/intake';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { staffRef } from '../users/staffRef';
import { normalizeName } from './names';
import { type PersonRow, type PersonValues, requirePersonRow, searchIndexWriter, toPerson, updatePerson, valuesOf } from './repo';

/**
 * Every table that points at a person. A merge moves their rows to the surviving record; each
 * capability that adds such a table (referrals, consents, letters, milestones) lists it here.
 */
export const PERSON_LINKS: readonly { table: string; column: string; label: string }[] = [
  { table: 'contacts', column: 'person_id', label: 'contacts' },
  { table: 'followups', column: 'person_id', label: 'followups' },
  { table: 'consents', column: 'person_id', label: 'consents' },
  { table: 'referrals', column: 'person_id', label: 'referrals' },
  { table: 'letters', column: 'person_id', label: 'letters' },
  { table: 'disclosures', column: 'person_id', label: 'disclosures' },
  { table: 'participant_milestones', column: 'person_id', label: 'milestones' },
];

const isEmpty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The survivor's values with empty fields filled from the merged record and the merged names added as aliases. */
function combine(
  survivor: PersonValues,
  merged: PersonValues,
): { values: PersonValues; filled: PersonField[]; aliasesAdded: string[] } {
  const values: PersonValues = { ...survivor, aliases: [...survivor.aliases] };
  const filled: PersonField[] = [];
  const simple: (keyof PersonValues)[] = [
    'firstName',
    'lastName',
    'sex',
    'genderIdentity',
    'raceEthnicity',
    'preferredLanguage',
    'veteranStatus',
    'residenceArea',
    'zip',
    'housingStatus',
    'phone',
  ];
  for (const field of simple) {
    if (isEmpty(values[field]) && !isEmpty(merged[field])) {
      (values as unknown as Record<string, unknown>)[field] = merged[field];
      filled.push(field);
    }
  }
  // A date of birth moves as a whole: an exact date beats a year alone when the years agree.
  const takeDob =
    (values.birthYear === null && merged.birthYear !== null) ||
    (!values.dateOfBirth && merged.dateOfBirth !== null && merged.birthYear === values.birthYear);
  if (takeDob) {
    values.dateOfBirth = merged.dateOfBirth;
    values.birthYear = merged.birthYear;
    filled.push('dateOfBirth');
  }
  const known = new Set([normalizeName(`${values.firstName} ${values.lastName}`), ...values.aliases.map(normalizeName)]);
  const aliasesAdded: string[] = [];
  for (const name of [`${merged.firstName} ${merged.lastName}`.trim(), ...merged.aliases]) {
    const key = normalizeName(name);
    if (!key || known.has(key) || values.aliases.length >= INTAKE_LIMITS.aliases) continue;
    known.add(key);
    values.aliases.push(name);
    aliasesAdded.push(name);
  }
  return { values, filled, aliasesAdded };
}

export interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  at: string;
  user_id: string | null;
  reason: string;
  moved: string;
  fields_filled: string;
  aliases_added: string;
  merged_snapshot: string;
}

export function toMergeRecord(db: Db, row: MergeRow): MergeRecord {
  const moved = JSON.parse(row.moved) as Record<string, string[]>;
  const snapshot = JSON.parse(row.merged_snapshot) as Person;
  return {
    id: row.id,
    at: row.at,
    by: staffRef(db, row.user_id),
    survivorId: row.survivor_id,
    mergedId: row.merged_id,
    mergedName: snapshot.displayName,
    reason: row.reason,
    moved: Object.fromEntries(Object.entries(moved).map(([k, ids]) => [k, ids.length])),
    fieldsFilled: JSON.parse(row.fields_filled) as string[],
    aliasesAdded: JSON.parse(row.aliases_added) as string[],
  };
}

/**
 * Merges `mergedId` into `survivorId` (call inside a transaction). The merged record stays, marked as
 * merged, out of search, with a snapshot and the ids of every row that moved, so the merge can be reviewed.
 */
export function mergePeople(
  db: Db,
  input: { survivorId: string; mergedId: string; reason: string },
  userId: string,
  now: string,
): { survivor: PersonRow; record: MergeRecord } {
  if (input.survivorId === input.mergedId)
    throw new AppError('invalid_input', 'Choose two different people to merge.', 'mergedId');
  const survivor = requirePersonRow(db, input.survivorId, 'survivorId');
  const merged = requirePersonRow(db, input.mergedId, 'mergedId');
  if (survivor.merged_into)
    throw new AppError('conflict', 'The record to keep has itself been merged into another record.', 'survivorId');
  if (merged.merged_into) throw new AppError('conflict', 'This record has already been merged.', 'mergedId');

  const moved: Record<string, string[]> = {};
  for (const link of PERSON_LINKS) {
    const ids = db.prepare(`SELECT id FROM ${link.table} WHERE ${link.column} = ?`).pluck().all(merged.id) as string[];
    db.prepare(`UPDATE ${link.table} SET ${link.column} = ? WHERE ${link.column} = ?`).run(survivor.id, merged.id);
    moved[link.label] = ids;
  }

  const mergedValues = valuesOf(merged);
  const { values, filled, aliasesAdded } = combine(valuesOf(survivor), mergedValues);
  const changed = [...filled, ...(aliasesAdded.length ? (['aliases'] as const) : [])];
  const after = updatePerson(db, survivor, values, changed, userId, now, 'merge');

  db.prepare('UPDATE persons SET merged_into = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(
    survivor.id,
    now,
    userId,
    merged.id,
  );
  searchIndexWriter(db).remove(merged.num, mergedValues);

  const row: MergeRow = {
    id: randomUUID(),
    survivor_id: survivor.id,
    merged_id: merged.id,
    at: now,
    user_id: userId,
    reason: input.reason,
    moved: JSON.stringify(moved),
    fields_filled: JSON.stringify(filled),
    aliases_added: JSON.stringify(aliasesAdded),
    merged_snapshot: JSON.stringify(toPerson(merged)),
  };
  db.prepare(
    `INSERT INTO person_merges (id, survivor_id, merged_id, at, user_id, reason, moved, fields_filled, aliases_added, merged_snapshot)
     VALUES (@id, @survivor_id, @merged_id, @at, @user_id, @reason, @moved, @fields_filled, @aliases_added, @merged_snapshot)`,
  ).run(row);
  return { survivor: after, record: toMergeRecord(db, row) };
}

export function mergesOf(db: Db, personId: string): MergeRecord[] {
  const rows = db
    .prepare('SELECT * FROM person_merges WHERE survivor_id = ? OR merged_id = ? ORDER BY at DESC')
    .all(personId, personId) as MergeRow[];
  return rows.map((r) => toMergeRecord(db, r));
}
