import type { Consent, Disclosure } from '../../../shared/contract/consents';
import {
  CATEGORY_LABELS_ES,
  CONSENT_CATEGORIES,
  type ConsentCategory,
  type FormLanguage,
  SIGNER_KINDS,
} from '../../../shared/domain/consents';
import { labelOf } from '../../../shared/domain/vocab';
import type { PdfBlock, PdfDoc } from '../pdf/draw';
import type { Letterhead } from '../letters/letterhead';

/**
 * The printable consent form (every §2.31 / HIPAA 164.508 element, pre-filled, with signature lines) and the
 * §2.25 accounting of disclosures, as documents for the one PDF path.
 */

const WORDS = {
  en: {
    title: 'Consent to disclose information',
    subtitle: 'Under the federal confidentiality rules (42 CFR Part 2, § 2.31) and HIPAA (45 CFR 164.508)',
    person: 'Name of the person',
    dob: 'Date of birth',
    discloser: 'Who may disclose',
    recipient: 'To whom',
    information: 'Information that may be disclosed',
    purpose: 'Purpose of the disclosure',
    expires: 'This consent expires',
    expiresOn: (d: string) => `on ${d}`,
    expiresEvent: (e: string) => `when: ${e}`,
    or: ' or ',
    whicheverFirst: ', whichever comes first',
    signedBy: 'Signed by',
    representative: (name: string, authority: string) => `${name}, authorised representative (${authority})`,
    statements: 'Statements',
    revocation: 'Right to revoke',
    refusal: 'Right to refuse',
    redisclosure: 'Redisclosure',
    signPerson: 'Signature of the person',
    signRepresentative: 'Signature of the authorised representative',
    signStaff: 'Staff member who explained this form',
    date: 'Date',
    recorded: (on: string) => `Consent record dated ${on}. Keep the signed paper copy in the person’s file.`,
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    confidential: 'Confidential',
    unknown: 'Not recorded',
  },
  es: {
    title: 'Consentimiento para divulgar información',
    subtitle: 'Según las normas federales de confidencialidad (42 CFR Parte 2, § 2.31) y HIPAA (45 CFR 164.508)',
    person: 'Nombre de la persona',
    dob: 'Fecha de nacimiento',
    discloser: 'Quién puede divulgar',
    recipient: 'A quién',
    information: 'Información que se puede divulgar',
    purpose: 'Propósito de la divulgación',
    expires: 'Este consentimiento vence',
    expiresOn: (d: string) => `el ${d}`,
    expiresEvent: (e: string) => `cuando: ${e}`,
    or: ' o ',
    whicheverFirst: ', lo que ocurra primero',
    signedBy: 'Firmado por',
    representative: (name: string, authority: string) => `${name}, representante autorizado/a (${authority})`,
    statements: 'Declaraciones',
    revocation: 'Derecho a revocar',
    refusal: 'Derecho a negarse',
    redisclosure: 'Divulgación posterior',
    signPerson: 'Firma de la persona',
    signRepresentative: 'Firma del/de la representante autorizado/a',
    signStaff: 'Miembro del personal que explicó este formulario',
    date: 'Fecha',
    recorded: (on: string) =>
      `Registro de consentimiento con fecha ${on}. Guarde la copia firmada en el expediente de la persona.`,
    page: (n: number, of: number) => `Página ${n} de ${of}`,
    confidential: 'Confidencial',
    unknown: 'No registrada',
  },
} as const;

/** A calendar date written out in a language: "November 28, 2026" / "28 de noviembre de 2026". */
export function longDate(date: string, language: FormLanguage): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function consentFormDocument(
  consent: Consent,
  person: { name: string; dateOfBirth: string | null; birthYear: number | null },
  head: Letterhead,
): PdfDoc {
  const lang = consent.language;
  const w = WORDS[lang];
  const categories = consent.categories
    .map((c) => (lang === 'es' ? (CATEGORY_LABELS_ES[c as ConsentCategory] ?? c) : labelOf(CONSENT_CATEGORIES, c)))
    .join(', ');
  const expiry = [
    consent.expiresOn ? w.expiresOn(longDate(consent.expiresOn, lang)) : '',
    consent.expiryEvent ? w.expiresEvent(consent.expiryEvent) : '',
  ]
    .filter(Boolean)
    .join(w.or);
  const signedBy =
    consent.signer.kind === 'representative'
      ? w.representative(consent.signer.name, consent.signer.authority)
      : lang === 'es'
        ? 'La persona'
        : labelOf(SIGNER_KINDS, 'person');
  const dob = person.dateOfBirth ? longDate(person.dateOfBirth, lang) : person.birthYear ? String(person.birthYear) : w.unknown;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: w.title },
    { kind: 'small', text: w.subtitle },
    {
      kind: 'fields',
      rows: [
        [w.person, person.name],
        [w.dob, dob],
        [w.discloser, consent.discloser],
        [w.recipient, consent.recipient.name],
        [w.information, categories],
        [w.purpose, consent.purpose],
        [w.expires, `${expiry}${consent.expiresOn && consent.expiryEvent ? w.whicheverFirst : ''}`],
        [w.signedBy, signedBy],
      ],
    },
    { kind: 'heading', text: w.statements },
    { kind: 'paragraph', text: `${w.revocation}: ${consent.statements.revocation}` },
  ];
  if (consent.tpo) {
    blocks.push({ kind: 'paragraph', text: `${w.refusal}: ${consent.statements.refusal}` });
    blocks.push({ kind: 'paragraph', text: `${w.redisclosure}: ${consent.statements.redisclosure}` });
  }
  blocks.push({
    kind: 'signature',
    lines: [consent.signer.kind === 'representative' ? w.signRepresentative : w.signPerson, w.signStaff],
    dateLabel: w.date,
  });
  blocks.push({ kind: 'small', text: w.recorded(longDate(consent.signedOn, lang)) });
  return {
    title: `${w.title} — ${person.name}`,
    language: lang,
    letterhead: { name: head.name, lines: head.lines, logo: head.logo },
    blocks,
    footer: { label: w.confidential, page: w.page },
  };
}

const BASIS: Record<Disclosure['basis'], string> = {
  consent: 'Consent',
  override: 'Without consent (administrator override)',
  not_required: 'No consent needed',
};

/** §2.25: the disclosures made about a person, for the person to keep. */
export function accountingDocument(
  person: { name: string; dateOfBirth: string | null },
  disclosures: readonly Disclosure[],
  from: string,
  to: string,
  head: Letterhead,
): PdfDoc {
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: 'Accounting of disclosures' },
    {
      kind: 'paragraph',
      text:
        `Disclosures of information about ${person.name}${person.dateOfBirth ? ` (date of birth ${longDate(person.dateOfBirth, 'en')})` : ''} ` +
        `made by the ${head.name} from ${longDate(from, 'en')} to ${longDate(to, 'en')}, as the person may request under 42 CFR § 2.25.`,
    },
  ];
  if (disclosures.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No disclosures were made in this period.' });
  } else {
    blocks.push({
      kind: 'table',
      columns: ['Date', 'To whom', 'Information', 'Purpose', 'Basis'],
      widths: [66, 120, 110, 100, 88],
      rows: disclosures.map((d) => [
        d.on,
        d.recipientName,
        d.categories.map((c) => labelOf(CONSENT_CATEGORIES, c)).join(', '),
        d.purpose,
        d.basis === 'consent' && d.consentSignedOn ? `Consent of ${d.consentSignedOn}` : BASIS[d.basis],
      ]),
    });
  }
  blocks.push({
    kind: 'small',
    text: `Prepared on ${longDate(to, 'en')}. ${disclosures.length} disclosure${disclosures.length === 1 ? '' : 's'} listed.`,
  });
  return {
    title: `Accounting of disclosures — ${person.name}`,
    language: 'en',
    letterhead: { name: head.name, lines: head.lines, logo: head.logo },
    blocks,
    footer: { label: 'Confidential', page: (n, of) => `Page ${n} of ${of}` },
  };
}
