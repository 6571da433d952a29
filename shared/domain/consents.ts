import type { ServiceType } from './serviceTypes';
import type { VocabItem } from './vocab';

/**
 * Consent to disclose (42 CFR Part 2 §2.31, HIPAA 164.508). PRODUCT.md "Consent". Codes are stable and
 * stored; labels may change. A consent's status is never stored: it follows from its dates (see `consentStatusOn`).
 */

/** What information a consent lets the department disclose. */
export const CONSENT_CATEGORIES = [
  { code: 'substance_use', label: 'Substance use' },
  { code: 'mental_health', label: 'Mental health' },
  { code: 'contact_details', label: 'Contact details' },
  { code: 'housing', label: 'Housing' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly VocabItem[];
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number]['code'];

/** The category labels in Spanish, for forms and letters printed in Spanish. */
export const CATEGORY_LABELS_ES: Record<ConsentCategory, string> = {
  substance_use: 'Consumo de sustancias',
  mental_health: 'Salud mental',
  contact_details: 'Datos de contacto',
  housing: 'Vivienda',
  other: 'Otra',
};

/** Categories whose disclosure needs an active consent (the consent gate). */
export const GATED_CATEGORIES: readonly ConsentCategory[] = ['substance_use', 'mental_health'];

/** Plain words for a category inside a sentence ("for substance-use information"). */
export const CATEGORY_PHRASES: Record<ConsentCategory, string> = {
  substance_use: 'substance-use information',
  mental_health: 'mental-health information',
  contact_details: 'contact details',
  housing: 'housing information',
  other: 'other information',
};

/** A recipient named by description instead of by name (§2.31(a)(4)(ii)). */
export const RECIPIENT_CLASSES = [
  { code: 'directory_treatment', label: 'Any treatment provider listed in the department’s provider directory' },
  { code: 'directory_any', label: 'Any provider listed in the department’s provider directory' },
] as const satisfies readonly VocabItem[];
export type RecipientClass = (typeof RECIPIENT_CLASSES)[number]['code'];

/** The service types that make an organisation a "treatment provider" for the `directory_treatment` class. */
export const TREATMENT_SERVICE_TYPES: readonly ServiceType[] = [
  'withdrawal_management',
  'residential_sud',
  'outpatient_sud',
  'moud',
  'crisis_mental_health',
  'outpatient_mental_health',
  'psychiatric_care',
  'peer_recovery',
  'primary_medical',
];

export const SIGNER_KINDS = [
  { code: 'person', label: 'The person' },
  { code: 'representative', label: 'An authorised representative' },
] as const satisfies readonly VocabItem[];
export type SignerKind = (typeof SIGNER_KINDS)[number]['code'];

/** Languages a consent form (and a letter) can be printed in. */
export const FORM_LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Spanish' },
] as const satisfies readonly VocabItem[];
export type FormLanguage = (typeof FORM_LANGUAGES)[number]['code'];

export const CONSENT_STATUSES = [
  { code: 'active', label: 'Active' },
  { code: 'expired', label: 'Expired' },
  { code: 'revoked', label: 'Revoked' },
] as const satisfies readonly VocabItem[];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number]['code'];

/** A consent that ends within this many days is listed as "expiring soon". */
export const CONSENT_EXPIRY_WARNING_DAYS = 14;
/** §2.25: the accounting of disclosures covers up to three years. */
export const ACCOUNTING_YEARS = 3;

export const CONSENT_LIMITS = {
  purpose: 500,
  expiryEvent: 200,
  representativeName: 120,
  representativeAuthority: 200,
  statement: 2000,
  revocationNote: 500,
} as const;

export interface ConsentDates {
  signedOn: string;
  expiresOn: string | null;
  eventOccurredOn: string | null;
  revokedOn: string | null;
}

/** Status on a calendar day (YYYY-MM-DD). A consent is in force from the day it is signed to its expiry date inclusive. */
export function consentStatusOn(c: ConsentDates, day: string): ConsentStatus {
  if (c.revokedOn !== null && c.revokedOn <= day) return 'revoked';
  if (c.expiresOn !== null && c.expiresOn < day) return 'expired';
  if (c.eventOccurredOn !== null && c.eventOccurredOn <= day) return 'expired';
  return 'active';
}

/** The day a consent stops being in force, if it is known. */
export function consentEndsOn(c: ConsentDates): string | null {
  return c.expiresOn;
}

/** Standard wording, in each form language; stored on the consent as printed, so the record keeps what was signed. */
export const CONSENT_STATEMENTS: Record<FormLanguage, { revocation: string; refusal: string; redisclosure: string }> = {
  en: {
    revocation:
      'I understand that I may revoke this consent at any time, in writing or orally, except to the extent that action has already been taken in reliance on it. To revoke it, tell any member of the unit or write to the department at the address above.',
    refusal:
      'I understand that I may refuse to sign this consent. My treatment, payment, enrollment or eligibility for benefits will not be conditioned on whether I sign it, and no charges will be filed because I refuse.',
    redisclosure:
      'I understand that information disclosed under this consent for treatment, payment or health care operations may be redisclosed by a recipient that is a HIPAA covered entity or business associate as the HIPAA rules permit, and that it may then no longer be protected by 42 CFR Part 2.',
  },
  es: {
    revocation:
      'Entiendo que puedo revocar este consentimiento en cualquier momento, por escrito o de palabra, excepto en la medida en que ya se hayan tomado medidas basándose en él. Para revocarlo, dígaselo a cualquier miembro de la unidad o escriba al departamento a la dirección indicada arriba.',
    refusal:
      'Entiendo que puedo negarme a firmar este consentimiento. Mi tratamiento, el pago, la inscripción o mi derecho a beneficios no dependerán de que lo firme, y no se presentarán cargos porque me niegue.',
    redisclosure:
      'Entiendo que la información divulgada con este consentimiento para tratamiento, pago u operaciones de atención médica puede ser divulgada de nuevo por un destinatario que sea una entidad cubierta por HIPAA o un socio comercial, según lo permitan las normas de HIPAA, y que entonces puede dejar de estar protegida por 42 CFR Parte 2.',
  },
};
