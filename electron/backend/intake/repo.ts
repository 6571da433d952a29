import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { StaffRef } from '../../../shared/contract/fields';
import type {
  Contact,
  contactFieldsSchema,
  ScreeningDetail,
  ScreeningInput,
  ScreeningSummary,
} from '../../../shared/contract/intake';
import { personDisplayName } from '../../../shared/domain/person';
import { scoreScreening, type ScreenerCode } from '../../../shared/domain/screeners';
import { seal, sealJson, unseal, unsealJson } from '../clinical/seal';
import type { Db } from '../db/open';
import { AppError } from '../errors';

export type ParsedContactFields = z.output<typeof contactFieldsSchema>;

interface ContactRow {
  id: string;
  person_id: string | null;
  anonymous_description: string;
  occurred_at: string;
  occurred_date: string;
  location: string;
  cad_number: string;
  pathway: string;
  referral_source: string;
  disposition: string;
  overdose: number;
  naloxone_doses: number;
  use_of_force: number;
  injury: number;
  charge_category: string | null;
  charges_in_abeyance: number;
  co_responder_id: string | null;
  narrative: string;
  created_at: string;
  created_by: string | null;
  first_name: string | null;
  last_name: string | null;
  aliases: string | null;
  has_note: number;
}

interface ScreeningRow {
  id: string;
  contact_id: string;
  instrument: ScreenerCode;
  /** Sealed `{answers, score, positive}` (clinical/seal.ts). */
  result: string;
  administered_at: string;
  administered_by: string | null;
}

/** What a screening's sealed `result` holds. */
export interface ScreeningResult {
  answers: (string | number)[];
  score: number;
  positive: boolean;
}

/** All staff names, read once per call (a unit has tens of staff, not thousands). */
export function staffNames(db: Db): (id: string | null) => StaffRef | null {
  const map = new Map<string, string>();
  for (const u of db.prepare('SELECT id, display_name FROM users').all() as { id: string; display_name: string }[])
    map.set(u.id, u.display_name);
  return (id) => (id && map.has(id) ? { id, displayName: map.get(id)! } : null);
}

function toSummary(row: ScreeningRow, staff: ReturnType<typeof staffNames>): ScreeningSummary {
  return {
    id: row.id,
    contactId: row.contact_id,
    instrument: row.instrument,
    administeredAt: row.administered_at,
    administeredBy: staff(row.administered_by),
  };
}

export function openScreening(key: Buffer, row: Pick<ScreeningRow, 'id' | 'result'>): ScreeningResult {
  return unsealJson<ScreeningResult>(key, 'screenings.result', row.id, row.result);
}

function toDetail(row: ScreeningRow, staff: ReturnType<typeof staffNames>, key: Buffer): ScreeningDetail {
  return { ...toSummary(row, staff), ...openScreening(key, row) };
}

const SCREENING_COLUMNS = 'id, contact_id, instrument, administered_at, administered_by';

const CONTACT_SELECT = `
  SELECT c.*, p.first_name, p.last_name, p.aliases,
         EXISTS (SELECT 1 FROM contact_clinical cc WHERE cc.contact_id = c.id AND cc.note <> '') AS has_note
  FROM contacts c LEFT JOIN persons p ON p.id = c.person_id`;

/**
 * Contacts as every role sees them (never the clinical note or screening answers), newest first.
 * `where` filters `contacts c`; the related rows are read in one query each, not one per contact.
 */
export function loadContacts(db: Db, where: string, params: unknown[], limit = 10_000): Contact[] {
  const rows = db
    .prepare(`${CONTACT_SELECT} WHERE ${where} ORDER BY c.occurred_at DESC LIMIT ${Math.floor(limit)}`)
    .all(...params) as ContactRow[];
  if (!rows.length) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const staff = staffNames(db);
  const inIds = 'contact_id IN (SELECT value FROM json_each(?))';
  const needs = groupBy(
    db.prepare(`SELECT contact_id, need FROM contact_needs WHERE ${inIds} ORDER BY need`).all(ids) as {
      contact_id: string;
      need: string;
    }[],
  );
  const officers = groupBy(
    db.prepare(`SELECT contact_id, user_id FROM contact_officers WHERE ${inIds} ORDER BY position`).all(ids) as {
      contact_id: string;
      user_id: string;
    }[],
  );
  const screenings = groupBy(
    db.prepare(`SELECT ${SCREENING_COLUMNS} FROM screenings WHERE ${inIds} ORDER BY administered_at`).all(ids) as ScreeningRow[],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_id
      ? personDisplayName({
          firstName: r.first_name ?? '',
          lastName: r.last_name ?? '',
          aliases: JSON.parse(r.aliases ?? '[]') as string[],
        })
      : null,
    anonymousDescription: r.anonymous_description,
    occurredAt: r.occurred_at,
    occurredDate: r.occurred_date,
    location: r.location,
    cadNumber: r.cad_number,
    pathway: r.pathway,
    referralSource: r.referral_source,
    needs: (needs.get(r.id) ?? []).map((n) => n.need),
    disposition: r.disposition,
    overdose: r.overdose === 1,
    naloxoneDoses: r.naloxone_doses,
    useOfForce: r.use_of_force === 1,
    injury: r.injury === 1,
    chargeCategory: r.charge_category,
    chargesHeldInAbeyance: r.charges_in_abeyance === 1,
    officers: (officers.get(r.id) ?? []).map((o) => staff(o.user_id)).filter((s): s is StaffRef => s !== null),
    coResponder: staff(r.co_responder_id),
    narrative: r.narrative,
    hasClinicalNote: r.has_note === 1,
    screenings: (screenings.get(r.id) ?? []).map((s) => toSummary(s, staff)),
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
  }));
}

function groupBy<T extends { contact_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    if (!map.has(row.contact_id)) map.set(row.contact_id, []);
    map.get(row.contact_id)!.push(row);
  }
  return map;
}

export function findContact(db: Db, id: string): Contact | undefined {
  return loadContacts(db, 'c.id = ?', [id], 1)[0];
}

/** The screenings of a contact with answers, score and result: needs the clinical key. */
export function screeningsOf(db: Db, contactId: string, key: Buffer): ScreeningDetail[] {
  const staff = staffNames(db);
  const rows = db
    .prepare('SELECT * FROM screenings WHERE contact_id = ? ORDER BY administered_at')
    .all(contactId) as ScreeningRow[];
  return rows.map((r) => toDetail(r, staff, key));
}

/** A contact's clinical note in plain text ('' when there is none): needs the clinical key. */
export function clinicalNoteOf(
  db: Db,
  contactId: string,
  key: Buffer,
): { note: string; updatedAt: string | null; updatedBy: string | null } {
  const row = db.prepare('SELECT note, updated_at, updated_by FROM contact_clinical WHERE contact_id = ?').get(contactId) as
    { note: string; updated_at: string; updated_by: string | null } | undefined;
  if (!row) return { note: '', updatedAt: null, updatedBy: null };
  const note = row.note === '' ? '' : unseal(key, 'contact_clinical.note', contactId, row.note);
  return { note, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export interface NewContact {
  id?: string;
  personId: string | null;
  anonymousDescription: string;
  occurredAt: string;
  occurredDate: string;
  fields: Omit<ParsedContactFields, 'occurredAt' | 'clinicalNote'>;
  clinicalNote: string;
  userId: string | null;
  now: string;
}

/**
 * Prepared statements for writing contacts; the demo generator reuses them for bulk loads. Clinical
 * notes and screenings are sealed with `clinicalKey`; writing one without the key is refused.
 */
export function contactWriter(db: Db, clinicalKey: Buffer | null) {
  const key = (): Buffer => {
    if (!clinicalKey)
      throw new AppError('forbidden', 'Clinical notes and screenings need the clinical key, which your account does not hold.');
    return clinicalKey;
  };
  const contact = db.prepare(
    `INSERT INTO contacts (id, person_id, anonymous_description, occurred_at, occurred_date, location, cad_number, pathway,
       referral_source, disposition, overdose, naloxone_doses, use_of_force, injury, charge_category, charges_in_abeyance,
       co_responder_id, narrative, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const need = db.prepare('INSERT INTO contact_needs (contact_id, need) VALUES (?, ?)');
  const officer = db.prepare('INSERT INTO contact_officers (contact_id, user_id, position) VALUES (?, ?, ?)');
  const note = db.prepare(
    `INSERT INTO contact_clinical (contact_id, note, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(contact_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const screening = db.prepare(
    `INSERT INTO screenings (id, contact_id, instrument, result, administered_at, administered_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return {
    contact(c: NewContact): string {
      const id = c.id ?? randomUUID();
      const f = c.fields;
      contact.run(
        id,
        c.personId,
        c.anonymousDescription,
        c.occurredAt,
        c.occurredDate,
        f.location,
        f.cadNumber,
        f.pathway,
        f.referralSource,
        f.disposition,
        f.overdose ? 1 : 0,
        f.naloxoneDoses,
        f.useOfForce ? 1 : 0,
        f.injury ? 1 : 0,
        f.chargeCategory,
        f.chargesHeldInAbeyance ? 1 : 0,
        f.coResponderId,
        f.narrative,
        c.now,
        c.userId,
        c.now,
        c.userId,
      );
      for (const n of f.needs) need.run(id, n);
      f.officerIds.forEach((userId, position) => officer.run(id, userId, position));
      if (c.clinicalNote) note.run(id, seal(key(), 'contact_clinical.note', id, c.clinicalNote), c.now, c.userId);
      return id;
    },
    /** An empty text removes the note. */
    clinicalNote(contactId: string, text: string, userId: string | null, now: string): void {
      note.run(contactId, text === '' ? '' : seal(key(), 'contact_clinical.note', contactId, text), now, userId);
    },
    screening(contactId: string, s: ScreeningInput, userId: string | null, now: string, id: string = randomUUID()): string {
      const { score, positive } = scoreScreening(s.instrument, s.answers);
      const result: ScreeningResult = { answers: s.answers, score, positive };
      screening.run(id, contactId, s.instrument, sealJson(key(), 'screenings.result', id, result), now, userId);
      return id;
    },
  };
}
