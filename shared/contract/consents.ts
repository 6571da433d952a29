import { z } from 'zod';
import { CONSENT_CATEGORIES, CONSENT_LIMITS as L, CONSENT_STATUSES, FORM_LANGUAGES, RECIPIENT_CLASSES } from '../domain/consents';
import { CLINICAL_ROLES } from '../domain/roles';
import { isoDate, staffRefSchema, text, vocab, vocabSet } from './fields';
import { id, line, procedure, requiredLine } from './procedure';

/** A generated document handed to the window to save or print. */
export const fileSchema = z.object({ fileName: z.string(), contentBase64: z.string(), sha256: z.string() });

const recipientInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('organization'), organizationId: z.uuid({ error: 'Recipient: choose a provider.' }) }),
    z.strictObject({ kind: z.literal('class'), recipientClass: vocab(RECIPIENT_CLASSES, 'Recipient') }),
  ],
  { error: 'Recipient: choose a provider from the directory or a class of recipients.' },
);

const signerInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('person') }),
    z.strictObject({
      kind: z.literal('representative'),
      name: requiredLine(L.representativeName, 'Representative’s name'),
      authority: requiredLine(L.representativeAuthority, 'Representative’s authority'),
    }),
  ],
  { error: 'Signed by: choose the person or an authorised representative.' },
);

/**
 * The elements of a consent (§2.31 / HIPAA 164.508). Who may disclose is the department (filled in); the
 * revocation, refusal and redisclosure statements are the standard wording of the form's language.
 */
export const consentFieldsSchema = z
  .strictObject({
    language: vocab(FORM_LANGUAGES, 'Form language').default('en'),
    recipient: recipientInput,
    categories: vocabSet(CONSENT_CATEGORIES, 'Information to disclose').min(1, 'Information to disclose: choose at least one.'),
    purpose: text(L.purpose, 'Purpose').pipe(z.string().min(1, 'Purpose: say what the information is disclosed for.')),
    /** For treatment, payment or health care operations: the refusal and redisclosure statements are printed. */
    tpo: z.boolean().default(true),
    expiresOn: isoDate('Expires on').nullable().default(null),
    expiryEvent: line(L.expiryEvent, 'Expiry event').default(''),
    signer: signerInput,
    signedOn: isoDate('Date signed'),
  })
  .superRefine((c, ctx) => {
    if (!c.expiresOn && !c.expiryEvent) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Expires on: give an expiry date or an expiry event.' });
    }
    if (c.expiresOn && c.expiresOn < c.signedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: `Expires on: the consent cannot expire (${c.expiresOn}) before it was signed (${c.signedOn}).`,
      });
    }
  });
export type ConsentFields = z.input<typeof consentFieldsSchema>;
export type ParsedConsentFields = z.output<typeof consentFieldsSchema>;

export const consentSchema = z.object({
  id,
  personId: id,
  personName: z.string(),
  language: z.enum(['en', 'es']),
  /** Who may disclose: the department, as it was named when the consent was recorded. */
  discloser: z.string(),
  recipient: z.object({
    kind: z.enum(['organization', 'class']),
    organizationId: z.string().nullable(),
    recipientClass: z.string().nullable(),
    /** The organisation's name, or the class described in words. */
    name: z.string(),
  }),
  categories: z.array(z.string()),
  purpose: z.string(),
  tpo: z.boolean(),
  expiresOn: z.string().nullable(),
  expiryEvent: z.string(),
  eventOccurredOn: z.string().nullable(),
  signer: z.object({ kind: z.enum(['person', 'representative']), name: z.string(), authority: z.string() }),
  signedOn: z.string(),
  statements: z.object({ revocation: z.string(), refusal: z.string(), redisclosure: z.string() }),
  paperReceivedOn: z.string().nullable(),
  paperRecordedBy: staffRefSchema.nullable(),
  revokedOn: z.string().nullable(),
  revokedBy: staffRefSchema.nullable(),
  revocationNote: z.string(),
  /** Derived from the dates on the day asked: never stored. */
  status: z.enum(CONSENT_STATUSES.map((s) => s.code) as ['active', 'expired', 'revoked']),
  /** Active and ending within 14 days. */
  expiringSoon: z.boolean(),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const disclosureSchema = z.object({
  id,
  personId: id,
  at: z.string(),
  on: z.string(),
  by: staffRefSchema.nullable(),
  kind: z.enum(['referral', 'letter']),
  recipientName: z.string(),
  recipientOrganizationId: z.string().nullable(),
  categories: z.array(z.string()),
  purpose: z.string(),
  /** Under a consent, an administrator's override, or nothing gated disclosed. */
  basis: z.enum(['consent', 'override', 'not_required']),
  consentId: z.string().nullable(),
  consentSignedOn: z.string().nullable(),
  overrideReason: z.string().nullable(),
  referralId: z.string().nullable(),
  letterId: z.string().nullable(),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

const consentId = z.strictObject({ id });

export const consentsContract = {
  'consents.create': procedure({
    input: z.strictObject({ personId: id, consent: consentFieldsSchema }),
    output: z.object({ consent: consentSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  'consents.list': procedure({
    input: z.strictObject({ personId: id }),
    output: z.object({ consents: z.array(consentSchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  'consents.get': procedure({
    input: consentId,
    output: z.object({ consent: consentSchema }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** Revocation takes effect on the day given (today or earlier, not before the signature). */
  'consents.revoke': procedure({
    input: z.strictObject({
      id,
      revokedOn: isoDate('Revoked on'),
      note: text(L.revocationNote, 'Revocation note').default(''),
    }),
    output: z.object({ consent: consentSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** A consent that ends with an event (not a date): the day the event happened. */
  'consents.recordExpiryEvent': procedure({
    input: z.strictObject({ id, occurredOn: isoDate('Event happened on') }),
    output: z.object({ consent: consentSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** The signed paper copy came back: the day it was received. */
  'consents.paperReceived': procedure({
    input: z.strictObject({ id, receivedOn: isoDate('Signed paper copy received on') }),
    output: z.object({ consent: consentSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** The printable consent form (PDF), pre-filled from the record, with signature lines. */
  'consents.form': procedure({
    input: consentId,
    output: fileSchema,
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  'disclosures.list': procedure({
    input: z.strictObject({ personId: id }),
    output: z.object({ disclosures: z.array(disclosureSchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** §2.25 accounting of disclosures (PDF): disclosures under consent since `from` (default and at most 3 years back). */
  'disclosures.accounting': procedure({
    input: z.strictObject({ personId: id, from: isoDate('From').optional() }),
    output: fileSchema.extend({ from: z.string(), count: z.number().int() }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
} as const;
