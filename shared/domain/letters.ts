import type { FormLanguage } from './consents';
import type { Need } from './needs';
import type { ReferralMethod } from './referrals';
import type { Role } from './roles';
import type { VocabItem } from './vocab';

/**
 * Letters: templates (logic-less Mustache), their named placeholders, and the fixed wording every letter
 * carries. Referral letters are about a person and pass the consent gate; programme letters (a letter of
 * support, an MOU cover letter) have no person in them and use the same letterhead and PDF path.
 */

export const LETTER_KINDS = [
  { code: 'referral', label: 'Referral letter' },
  { code: 'programme', label: 'Programme letter' },
] as const satisfies readonly VocabItem[];
export type LetterKind = (typeof LETTER_KINDS)[number]['code'];

export const LETTER_LIMITS = {
  templateBytes: 100_000,
  templateName: 120,
  logoBytes: 1_000_000,
  clinicalSummary: 4000,
  recipientLine: 200,
  recipientAddress: 500,
  subject: 200,
  details: 8000,
} as const;

/** A placeholder: `value` prints text; `list` is a section repeated per item (`{{#needs}}{{.}}{{/needs}}`). */
export interface Placeholder {
  name: string;
  kind: 'value' | 'list';
  description: string;
}

const COMMON: readonly Placeholder[] = [
  { name: 'today', kind: 'value', description: 'Today’s date, written out in the letter’s language' },
  { name: 'author.name', kind: 'value', description: 'The staff member who makes the letter' },
  { name: 'author.role', kind: 'value', description: 'Their role (officer, co-responder, coordinator)' },
  { name: 'department.name', kind: 'value', description: 'Department name (letterhead)' },
  { name: 'department.address', kind: 'value', description: 'Department address, one line' },
  { name: 'department.phone', kind: 'value', description: 'Department phone' },
];

export const PLACEHOLDERS: Record<LetterKind, readonly Placeholder[]> = {
  referral: [
    { name: 'person.name', kind: 'value', description: 'The person’s full name (first and last)' },
    { name: 'person.firstName', kind: 'value', description: 'First name' },
    { name: 'person.lastName', kind: 'value', description: 'Last name' },
    { name: 'person.dateOfBirth', kind: 'value', description: 'Date of birth (or year), when known' },
    { name: 'provider.name', kind: 'value', description: 'The provider organisation' },
    { name: 'service.name', kind: 'value', description: 'The service referred to' },
    { name: 'service.address', kind: 'value', description: 'The service’s address (several lines)' },
    { name: 'service.hours', kind: 'value', description: 'Opening hours (several lines)' },
    { name: 'service.phone', kind: 'value', description: 'The service’s phone' },
    { name: 'needs', kind: 'list', description: 'The needs referred for, one per item: {{#needs}}- {{.}}{{/needs}}' },
    { name: 'needsText', kind: 'value', description: 'The needs as one phrase ("opioid use and housing")' },
    { name: 'referral.reason', kind: 'value', description: 'The reason for the referral, as written on it' },
    { name: 'referral.method', kind: 'value', description: 'How the referral is made (warm hand-off, phone call …)' },
    { name: 'referral.date', kind: 'value', description: 'The date of the referral' },
    {
      name: 'clinicalSummary',
      kind: 'value',
      description: 'A clinical summary written for this letter (co-responders and coordinators only); empty otherwise',
    },
    ...COMMON,
  ],
  programme: [
    { name: 'recipient.name', kind: 'value', description: 'Who the letter is addressed to' },
    { name: 'recipient.organization', kind: 'value', description: 'Their organisation' },
    { name: 'recipient.address', kind: 'value', description: 'Their address (several lines)' },
    { name: 'letter.subject', kind: 'value', description: 'Subject line' },
    { name: 'letter.details', kind: 'value', description: 'Details typed when the letter is made (several paragraphs)' },
    ...COMMON,
  ],
};

/**
 * §2.32(a)(1), Statement 1: the notice that accompanies every disclosure made with the patient's consent
 * (42 CFR part 2 as amended 16 February 2024). The regulation's own wording; printed on letters that
 * disclose substance-use information.
 */
export const PART2_NOTICE = [
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of the following applies:',
  '(i) Further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2.',
  '(ii) You are a covered entity or business associate and have received the record for treatment, payment, or health care operations, or',
  '(iii) You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E.',
  'A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).',
] as const;

/** Words the letter frame prints around the template, in each letter language. */
export const LETTER_WORDS: Record<
  FormLanguage,
  {
    noticeHeading: string;
    scopeHeading: string;
    clinicalHeading: string;
    overrideHeading: string;
    overrideText: string;
    page: (n: number, of: number) => string;
    confidential: string;
    needs: Record<Need, string>;
    methods: Record<ReferralMethod, string>;
    roles: Record<Role, string>;
    and: string;
  }
> = {
  en: {
    noticeHeading: 'Notice prohibiting redisclosure (42 CFR § 2.32)',
    scopeHeading: 'Scope of the consent under which this letter is disclosed',
    clinicalHeading: 'Clinical summary',
    overrideHeading: 'Disclosed without consent',
    overrideText:
      'This information is disclosed without the person’s written consent, on an administrator’s decision recorded in the department’s disclosure log (for example a medical emergency, 42 CFR § 2.51).',
    page: (n, of) => `Page ${n} of ${of}`,
    confidential: 'Confidential',
    needs: {
      opioid_use: 'opioid use',
      stimulant_use: 'stimulant use',
      alcohol_use: 'alcohol use',
      other_substance_use: 'other substance use',
      mental_health: 'mental health',
      suicide_risk: 'suicide risk',
      sex_trafficking: 'sex-trafficking indicators',
      labour_trafficking: 'labour-trafficking indicators',
      commercial_sex: 'commercial sex involvement',
      housing: 'homelessness / housing instability',
      domestic_violence: 'domestic violence',
      medical: 'medical care',
      food: 'food',
      benefits_id: 'benefits / ID documents',
      employment: 'employment',
      legal: 'legal help',
      transportation: 'transportation',
    },
    methods: {
      warm_handoff: 'warm hand-off in person',
      phone_call: 'phone call',
      letter: 'letter',
      fax_email: 'fax / e-mail',
      transported: 'transported to the provider',
    },
    roles: { officer: 'Officer', coresponder: 'Co-responder', coordinator: 'Deflection coordinator', admin: 'Administrator' },
    and: 'and',
  },
  es: {
    noticeHeading: 'Aviso que prohíbe la divulgación posterior (42 CFR § 2.32; texto oficial en inglés)',
    scopeHeading: 'Alcance del consentimiento bajo el cual se divulga esta carta',
    clinicalHeading: 'Resumen clínico',
    overrideHeading: 'Divulgado sin consentimiento',
    overrideText:
      'Esta información se divulga sin el consentimiento escrito de la persona, por decisión de un administrador registrada en el registro de divulgaciones del departamento (por ejemplo, una emergencia médica, 42 CFR § 2.51).',
    page: (n, of) => `Página ${n} de ${of}`,
    confidential: 'Confidencial',
    needs: {
      opioid_use: 'consumo de opioides',
      stimulant_use: 'consumo de estimulantes',
      alcohol_use: 'consumo de alcohol',
      other_substance_use: 'consumo de otras sustancias',
      mental_health: 'salud mental',
      suicide_risk: 'riesgo de suicidio',
      sex_trafficking: 'indicios de trata con fines sexuales',
      labour_trafficking: 'indicios de trata laboral',
      commercial_sex: 'participación en comercio sexual',
      housing: 'falta de vivienda / vivienda inestable',
      domestic_violence: 'violencia doméstica',
      medical: 'atención médica',
      food: 'alimentos',
      benefits_id: 'beneficios / documentos de identidad',
      employment: 'empleo',
      legal: 'ayuda legal',
      transportation: 'transporte',
    },
    methods: {
      warm_handoff: 'entrega acompañada en persona',
      phone_call: 'llamada telefónica',
      letter: 'carta',
      fax_email: 'fax / correo electrónico',
      transported: 'traslado al proveedor',
    },
    roles: {
      officer: 'Agente',
      coresponder: 'Co-respondedor/a',
      coordinator: 'Coordinador/a de desviación',
      admin: 'Administrador/a',
    },
    and: 'y',
  },
};

/** "a, b and c" in the letter's language. */
export function joinWords(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
