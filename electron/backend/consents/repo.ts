import { createHash, randomUUID } from 'node:crypto';
import type { Consent, ParsedConsentFields } from '../../../shared/contract/consents';
import {
  CONSENT_CATEGORIES,
  CONSENT_EXPIRY_WARNING_DAYS,
  CONSENT_STATEMENTS,
  type ConsentCategory,
  consentStatusOn,
  RECIPIENT_CLASSES,
} from '../../../shared/domain/consents';
import { personDisplayName } from '../../../shared/domain/person';
import { labelOf } from '../../../shared/domain/vocab';
import { addDays } from '../../../shared/domain/calendar';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { staffNames } from '../intake/repo';

export interface ConsentRow {
  id: string;
  person_id: string;
  language: 'en' | 'es';
  discloser: string;
  recipient_kind: 'organization' | 'class';
  recipient_organization_id: string | null;
  recipient_class: string | null;
  recipient_name: string;
  purpose: string;
  tpo: number;
  expires_on: string | null;
  expiry_event: string;
  event_occurred_on: string | null;
  signer_kind: 'person' | 'representative';
  representative_name: string;
  representative_authority: string;
  signed_on: string;
  revocation_statement: string;
  refusal_statement: string;
  redisclosure_statement: string;
  paper_received_on: string | null;
  paper_recorded_by: string | null;
  revoked_on: string | null;
  revoked_by: string | null;
  revocation_note: string;
  created_at: string;
  created_by: string | null;
  categories: string;
  first_name: string;
  last_name: string;
  aliases: string;
}

const SELECT = `
  SELECT c.*, p.first_name, p.last_name, p.aliases, st.revocation AS revocation_statement,
         st.refusal AS refusal_statement, st.redisclosure AS redisclosure_statement,
         (SELECT json_group_array(category) FROM consent_categories cc WHERE cc.consent_id = c.id) AS categories
  FROM consents c JOIN persons p ON p.id = c.person_id JOIN consent_statements st ON st.id = c.statements_id`;

const ORDER: readonly string[] = CONSENT_CATEGORIES.map((c) => c.code);

export function categoriesOf(row: Pick<ConsentRow, 'categories'>): ConsentCategory[] {
  const set = new Set(JSON.parse(row.categories) as string[]);
  return ORDER.filter((c) => set.has(c)) as ConsentCategory[];
}

export function datesOf(row: ConsentRow) {
  return {
    signedOn: row.signed_on,
    expiresOn: row.expires_on,
    eventOccurredOn: row.event_occurred_on,
    revokedOn: row.revoked_on,
  };
}

export function consentRows(db: Db, where: string, params: unknown[]): ConsentRow[] {
  return db.prepare(`${SELECT} WHERE ${where} ORDER BY c.signed_on DESC, c.created_at DESC`).all(...params) as ConsentRow[];
}

export function toConsent(row: ConsentRow, today: string, staff: ReturnType<typeof staffNames>): Consent {
  const status = consentStatusOn(datesOf(row), today);
  const horizon = addDays(today, CONSENT_EXPIRY_WARNING_DAYS);
  return {
    id: row.id,
    personId: row.person_id,
    personName: personDisplayName({
      firstName: row.first_name,
      lastName: row.last_name,
      aliases: JSON.parse(row.aliases) as string[],
    }),
    language: row.language,
    discloser: row.discloser,
    recipient: {
      kind: row.recipient_kind,
      organizationId: row.recipient_organization_id,
      recipientClass: row.recipient_class,
      name: row.recipient_name,
    },
    categories: categoriesOf(row),
    purpose: row.purpose,
    tpo: row.tpo === 1,
    expiresOn: row.expires_on,
    expiryEvent: row.expiry_event,
    eventOccurredOn: row.event_occurred_on,
    signer: { kind: row.signer_kind, name: row.representative_name, authority: row.representative_authority },
    signedOn: row.signed_on,
    statements: {
      revocation: row.revocation_statement,
      refusal: row.refusal_statement,
      redisclosure: row.redisclosure_statement,
    },
    paperReceivedOn: row.paper_received_on,
    paperRecordedBy: staff(row.paper_recorded_by),
    revokedOn: row.revoked_on,
    revokedBy: staff(row.revoked_by),
    revocationNote: row.revocation_note,
    status,
    expiringSoon: status === 'active' && row.expires_on !== null && row.expires_on <= horizon,
    createdAt: row.created_at,
    createdBy: staff(row.created_by),
  };
}

export function loadConsents(db: Db, today: string, where: string, params: unknown[]): Consent[] {
  const staff = staffNames(db);
  return consentRows(db, where, params).map((r) => toConsent(r, today, staff));
}

export function requireConsentRow(db: Db, id: string, field = 'id'): ConsentRow {
  const row = consentRows(db, 'c.id = ?', [id])[0];
  if (!row) throw new AppError('not_found', 'No such consent.', field);
  return row;
}

/** An organisation of the directory by HSDS id, or a refusal naming the field. */
export function requireOrganization(db: Db, organizationId: string, field: string): { id: string; name: string } {
  const org = db.prepare('SELECT id, name FROM hsds_organization WHERE id = ?').get(organizationId) as
    { id: string; name: string } | undefined;
  if (!org) throw new AppError('invalid_input', 'Recipient: this provider is not in the directory.', field);
  return org;
}

/** The id of the standard wording for a language (and whether the TPO statements are printed), stored once. */
export function statementsFor(db: Db, language: 'en' | 'es', tpo: boolean): string {
  const words = CONSENT_STATEMENTS[language];
  const row = {
    language,
    revocation: words.revocation,
    refusal: tpo ? words.refusal : '',
    redisclosure: tpo ? words.redisclosure : '',
  };
  const id = createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 32);
  db.prepare(
    `INSERT INTO consent_statements (id, language, revocation, refusal, redisclosure) VALUES (@id, @language, @revocation, @refusal, @redisclosure)
     ON CONFLICT(id) DO NOTHING`,
  ).run({ id, ...row });
  return id;
}

export function insertConsent(
  db: Db,
  personId: string,
  c: ParsedConsentFields,
  discloser: string,
  userId: string | null,
  now: string,
  id: string = randomUUID(),
): string {
  const recipient =
    c.recipient.kind === 'organization'
      ? {
          orgId: c.recipient.organizationId,
          cls: null,
          name: requireOrganization(db, c.recipient.organizationId, 'consent.recipient.organizationId').name,
        }
      : { orgId: null, cls: c.recipient.recipientClass, name: labelOf(RECIPIENT_CLASSES, c.recipient.recipientClass) };
  const statementsId = statementsFor(db, c.language, c.tpo);
  const signer = c.signer.kind === 'representative' ? c.signer : { kind: 'person' as const, name: '', authority: '' };
  db.prepare(
    `INSERT INTO consents (id, person_id, language, discloser, recipient_kind, recipient_organization_id, recipient_class,
       recipient_name, purpose, tpo, expires_on, expiry_event, signer_kind, representative_name, representative_authority,
       signed_on, statements_id, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    personId,
    c.language,
    discloser,
    c.recipient.kind,
    recipient.orgId,
    recipient.cls,
    recipient.name,
    c.purpose,
    c.tpo ? 1 : 0,
    c.expiresOn,
    c.expiryEvent,
    signer.kind,
    signer.name,
    signer.authority,
    c.signedOn,
    statementsId,
    now,
    userId,
    now,
    userId,
  );
  const cat = db.prepare('INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)');
  for (const category of c.categories) cat.run(id, category);
  return id;
}
