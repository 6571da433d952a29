import { randomUUID } from 'node:crypto';
import {
  CATEGORY_PHRASES,
  type ConsentCategory,
  consentStatusOn,
  GATED_CATEGORIES,
  TREATMENT_SERVICE_TYPES,
} from '../../../shared/domain/consents';
import { joinWords } from '../../../shared/domain/letters';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { Ctx } from '../router';
import { categoriesOf, type ConsentRow, consentRows, datesOf } from './repo';

/**
 * The consent gate (PRODUCT.md "Consent"): substance-use or mental-health information goes to a provider
 * only under an active consent that names that provider (or a class it belongs to) and those categories,
 * on the day it is sent. Otherwise the refusal says what is missing. An administrator may override with
 * a typed reason; every disclosure, gated or not, is written to the disclosure log.
 */

export interface Recipient {
  organizationId: string;
  name: string;
}

export interface GateResult {
  allowed: boolean;
  /** The gated categories this disclosure carries. */
  gated: ConsentCategory[];
  consent: ConsentRow | null;
  message: string | null;
}

/** Whether a consent names this recipient, by id or through its class. */
function coversRecipient(db: Db, c: ConsentRow, recipient: Recipient): boolean {
  if (c.recipient_kind === 'organization') return c.recipient_organization_id === recipient.organizationId;
  if (c.recipient_class === 'directory_any') {
    return db.prepare('SELECT 1 FROM hsds_organization WHERE id = ?').get(recipient.organizationId) !== undefined;
  }
  if (c.recipient_class === 'directory_treatment') {
    return (
      db
        .prepare(
          `SELECT 1 FROM hsds_service s JOIN provider_service_type t ON t.service_id = s.id
            WHERE s.organization_id = ? AND t.service_type IN (SELECT value FROM json_each(?)) LIMIT 1`,
        )
        .get(recipient.organizationId, JSON.stringify(TREATMENT_SERVICE_TYPES)) !== undefined
    );
  }
  return false;
}

const phrases = (cats: readonly ConsentCategory[]) =>
  joinWords(
    cats.map((c) => CATEGORY_PHRASES[c]),
    'and',
  );

/** Why an inactive consent does not count today, as "the consent of 2026-03-01 expired on 2026-09-01". */
function whyInactive(c: ConsentRow, day: string): string {
  const of = `the consent of ${c.signed_on}`;
  if (c.revoked_on !== null && c.revoked_on <= day) return `${of} was revoked on ${c.revoked_on}`;
  if (c.expires_on !== null && c.expires_on < day) return `${of} expired on ${c.expires_on}`;
  if (c.event_occurred_on !== null) return `${of} ended on ${c.event_occurred_on} (${c.expiry_event})`;
  return `${of} is not in force`;
}

export function checkGate(
  db: Db,
  personId: string,
  recipient: Recipient,
  categories: readonly ConsentCategory[],
  day: string,
): GateResult {
  const gated = GATED_CATEGORIES.filter((c) => categories.includes(c));
  const all = consentRows(db, 'c.person_id = ?', [personId]);
  const active = all.filter((c) => consentStatusOn(datesOf(c), day) === 'active' && c.signed_on <= day);
  const forRecipient = active.filter((c) => coversRecipient(db, c, recipient));
  // Prefer a consent that covers everything disclosed, then the most recently signed.
  const covering = forRecipient.filter((c) => gated.every((g) => categoriesOf(c).includes(g)));
  const best = covering.find((c) => categories.every((g) => categoriesOf(c).includes(g))) ?? covering[0] ?? null;
  if (gated.length === 0) return { allowed: true, gated, consent: best, message: null };
  if (best) return { allowed: true, gated, consent: best, message: null };

  let reason: string;
  const inactiveMatch = all.find(
    (c) => !active.includes(c) && coversRecipient(db, c, recipient) && gated.some((g) => categoriesOf(c).includes(g)),
  );
  const partial = forRecipient[0];
  const otherRecipient = active.find((c) => gated.some((g) => categoriesOf(c).includes(g))) ?? active[0];
  if (partial) {
    const has = categoriesOf(partial).filter((c) => c !== 'other');
    reason = `the consent of ${partial.signed_on} covers only ${has.length ? phrases(has) : 'other information'}`;
  } else if (inactiveMatch) {
    reason = whyInactive(inactiveMatch, day);
  } else if (otherRecipient) {
    reason = `the consent of ${otherRecipient.signed_on} is for ${otherRecipient.recipient_name}`;
  } else if (all.length === 0) {
    reason = 'no consent is recorded for this person';
  } else {
    reason = 'no recorded consent names this provider for it';
  }
  const missing = partial ? gated.filter((g) => !categoriesOf(partial).includes(g)) : gated;
  return {
    allowed: false,
    gated,
    consent: null,
    message: `No active consent covers ${recipient.name} for ${phrases(missing)}: ${reason}.`,
  };
}

export interface DisclosureInput {
  personId: string;
  kind: 'referral' | 'letter';
  recipient: Recipient;
  categories: readonly ConsentCategory[];
  purpose: string;
  referralId: string | null;
  letterId: string | null;
  override?: { reason: string } | undefined;
  day: string;
}

/**
 * Passes the gate or refuses (`consent_required`, naming what is missing); an administrator's override lets it
 * through. Writes the disclosure log entry and returns its id and basis. Call inside the write transaction.
 */
export function discloseThroughGate(ctx: Ctx, input: DisclosureInput): { disclosureId: string; basis: string; gate: GateResult } {
  if (input.override && ctx.user.role !== 'admin') {
    throw new AppError('forbidden', 'Only an administrator can override the consent gate.', 'override');
  }
  const gate = checkGate(ctx.db, input.personId, input.recipient, input.categories, input.day);
  let basis: 'consent' | 'override' | 'not_required';
  if (gate.allowed) basis = gate.consent ? 'consent' : 'not_required';
  else if (input.override) basis = 'override';
  else {
    const hint =
      ctx.user.role === 'admin'
        ? ' Record a consent that covers it, or override with a reason.'
        : ' Record a consent that covers it first (an administrator may override in an emergency).';
    throw new AppError('consent_required', `${gate.message}${hint}`);
  }
  const id = randomUUID();
  ctx.db
    .prepare(
      `INSERT INTO disclosures (id, person_id, disclosed_at, disclosed_on, user_id, kind, recipient_name, recipient_organization_id,
         categories, purpose, basis, consent_id, override_reason, referral_id, letter_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.personId,
      ctx.backend.nowIso(),
      input.day,
      ctx.user.id,
      input.kind,
      input.recipient.name,
      input.recipient.organizationId,
      JSON.stringify(input.categories),
      input.purpose,
      basis,
      basis === 'consent' ? gate.consent!.id : null,
      basis === 'override' ? input.override!.reason : null,
      input.referralId,
      input.letterId,
    );
  return { disclosureId: id, basis, gate };
}
