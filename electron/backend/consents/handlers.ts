import type { consentsContract, Disclosure } from '../../../shared/contract/consents';
import { ACCOUNTING_YEARS } from '../../../shared/domain/consents';
import { personDisplayName } from '../../../shared/domain/person';
import { departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { AppError, Problems } from '../errors';
import { staffNames } from '../intake/repo';
import { letterheadOf } from '../letters/letterhead';
import { renderPdf, sha256 } from '../pdf/draw';
import { requirePersonRow, resolvePersonRow, valuesOf } from '../people/repo';
import type { Ctx, HandlersFor } from '../router';
import { accountingDocument, consentFormDocument } from './documents';
import { insertConsent, loadConsents, requireConsentRow, requireOrganization } from './repo';

type ConsentHandlers = HandlersFor<typeof consentsContract>;

const EARLIEST = '2000-01-01';

function today(ctx: Ctx): string {
  return departmentToday(ctx.db, ctx.backend.now());
}

function consentById(ctx: Ctx, id: string) {
  const row = requireConsentRow(ctx.db, id);
  ctx.audit.targetType = 'consent';
  ctx.audit.targetId = row.id;
  return row;
}

function view(ctx: Ctx, id: string) {
  return { consent: loadConsents(ctx.db, today(ctx), 'c.id = ?', [id])[0]! };
}

/** A day that is not in the future, not before the signature, and not before 2000. */
function checkDay(ctx: Ctx, day: string, signedOn: string, field: string, label: string): void {
  if (day > today(ctx)) throw new AppError('invalid_input', `${label}: it cannot be in the future.`, field);
  if (day < signedOn)
    throw new AppError('invalid_input', `${label}: it cannot be before the consent was signed (${signedOn}).`, field);
}

interface DisclosureRow {
  id: string;
  person_id: string;
  disclosed_at: string;
  disclosed_on: string;
  user_id: string | null;
  kind: 'referral' | 'letter';
  recipient_name: string;
  recipient_organization_id: string | null;
  categories: string;
  purpose: string;
  basis: Disclosure['basis'];
  consent_id: string | null;
  consent_signed_on: string | null;
  override_reason: string | null;
  referral_id: string | null;
  letter_id: string | null;
}

export function loadDisclosures(db: Db, personId: string, from = '0000-00-00'): Disclosure[] {
  const staff = staffNames(db);
  const rows = db
    .prepare(
      `SELECT d.*, c.signed_on AS consent_signed_on FROM disclosures d LEFT JOIN consents c ON c.id = d.consent_id
        WHERE d.person_id = ? AND d.disclosed_on >= ? ORDER BY d.disclosed_at DESC`,
    )
    .all(personId, from) as DisclosureRow[];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    at: r.disclosed_at,
    on: r.disclosed_on,
    by: staff(r.user_id),
    kind: r.kind,
    recipientName: r.recipient_name,
    recipientOrganizationId: r.recipient_organization_id,
    categories: JSON.parse(r.categories) as string[],
    purpose: r.purpose,
    basis: r.basis,
    consentId: r.consent_id,
    consentSignedOn: r.consent_signed_on,
    overrideReason: r.override_reason,
    referralId: r.referral_id,
    letterId: r.letter_id,
  }));
}

export const consentsHandlers: ConsentHandlers = {
  'consents.create': (ctx, input) => {
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    const c = input.consent;
    const day = today(ctx);
    const problems = new Problems();
    const values = valuesOf(person);
    if (c.signedOn > day) problems.add('consent.signedOn', 'Date signed: it cannot be in the future.');
    else if (c.signedOn < EARLIEST) problems.add('consent.signedOn', 'Date signed: check the year.');
    else if (values.dateOfBirth && c.signedOn < values.dateOfBirth) {
      problems.add('consent.signedOn', 'Date signed: it is before the person’s date of birth.');
    }
    if (c.recipient.kind === 'organization') {
      const orgId = c.recipient.organizationId;
      problems.check(() => requireOrganization(ctx.db, orgId, 'consent.recipient.organizationId'));
    }
    problems.throwIfAny();
    const id = insertConsent(ctx.db, person.id, c, letterheadOf(ctx.db).name, ctx.user.id, ctx.backend.nowIso());
    ctx.audit.targetType = 'consent';
    ctx.audit.targetId = id;
    ctx.audit.detail = {
      personId: person.id,
      recipient: c.recipient.kind,
      categories: c.categories.join(','),
      tpo: c.tpo,
      signer: c.signer.kind,
    };
    return view(ctx, id);
  },

  'consents.list': (ctx, input) => {
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = person.id;
    return { consents: loadConsents(ctx.db, today(ctx), 'c.person_id = ?', [person.id]) };
  },

  'consents.get': (ctx, input) => view(ctx, consentById(ctx, input.id).id),

  'consents.revoke': (ctx, input) => {
    const row = consentById(ctx, input.id);
    if (row.revoked_on) throw new AppError('conflict', `This consent was already revoked on ${row.revoked_on}.`, 'id');
    checkDay(ctx, input.revokedOn, row.signed_on, 'revokedOn', 'Revoked on');
    const now = ctx.backend.nowIso();
    ctx.db
      .prepare(
        'UPDATE consents SET revoked_on = ?, revoked_by = ?, revocation_note = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      )
      .run(input.revokedOn, ctx.user.id, input.note, now, ctx.user.id, row.id);
    ctx.audit.detail = { revokedOn: input.revokedOn };
    return view(ctx, row.id);
  },

  'consents.recordExpiryEvent': (ctx, input) => {
    const row = consentById(ctx, input.id);
    if (!row.expiry_event) {
      throw new AppError('invalid_input', 'This consent ends on a date, not with an event.', 'id');
    }
    if (row.event_occurred_on)
      throw new AppError('conflict', `The expiry event was already recorded (${row.event_occurred_on}).`, 'id');
    checkDay(ctx, input.occurredOn, row.signed_on, 'occurredOn', 'Event happened on');
    const now = ctx.backend.nowIso();
    ctx.db
      .prepare('UPDATE consents SET event_occurred_on = ?, updated_at = ?, updated_by = ? WHERE id = ?')
      .run(input.occurredOn, now, ctx.user.id, row.id);
    ctx.audit.detail = { occurredOn: input.occurredOn };
    return view(ctx, row.id);
  },

  'consents.paperReceived': (ctx, input) => {
    const row = consentById(ctx, input.id);
    checkDay(ctx, input.receivedOn, row.signed_on, 'receivedOn', 'Signed paper copy received on');
    const now = ctx.backend.nowIso();
    ctx.db
      .prepare('UPDATE consents SET paper_received_on = ?, paper_recorded_by = ?, updated_at = ?, updated_by = ? WHERE id = ?')
      .run(input.receivedOn, ctx.user.id, now, ctx.user.id, row.id);
    ctx.audit.detail = { receivedOn: input.receivedOn };
    return view(ctx, row.id);
  },

  'consents.form': (ctx, input) => {
    const row = consentById(ctx, input.id);
    const consent = view(ctx, row.id).consent;
    const person = valuesOf(requirePersonRow(ctx.db, row.person_id));
    const name = [person.firstName, person.lastName].filter(Boolean).join(' ') || personDisplayName(person);
    const bytes = renderPdf(
      consentFormDocument(consent, { name, dateOfBirth: person.dateOfBirth, birthYear: person.birthYear }, letterheadOf(ctx.db)),
    );
    return {
      fileName: `consent-${row.signed_on}.pdf`,
      contentBase64: bytes.toString('base64'),
      sha256: sha256(bytes),
    };
  },

  'disclosures.list': (ctx, input) => {
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = person.id;
    return { disclosures: loadDisclosures(ctx.db, person.id) };
  },

  'disclosures.accounting': (ctx, input) => {
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = person.id;
    const day = today(ctx);
    const earliest = `${Number(day.slice(0, 4)) - ACCOUNTING_YEARS}${day.slice(4)}`;
    const from = input.from ?? earliest;
    if (from > day) throw new AppError('invalid_input', 'From: the period cannot start in the future.', 'from');
    if (from < earliest) {
      throw new AppError(
        'invalid_input',
        `From: the accounting covers at most ${ACCOUNTING_YEARS} years (from ${earliest}).`,
        'from',
      );
    }
    const values = valuesOf(person);
    const disclosures = loadDisclosures(ctx.db, person.id, from);
    const name = [values.firstName, values.lastName].filter(Boolean).join(' ') || personDisplayName(values);
    const bytes = renderPdf(
      accountingDocument({ name, dateOfBirth: values.dateOfBirth }, disclosures, from, day, letterheadOf(ctx.db)),
    );
    ctx.audit.detail = { from, count: disclosures.length };
    return {
      fileName: `accounting-of-disclosures-${day}.pdf`,
      contentBase64: bytes.toString('base64'),
      sha256: sha256(bytes),
      from,
      count: disclosures.length,
    };
  },
};
