import type { LetterBlock, LetterDocument } from '../../../shared/contract/letters';
import type { Referral } from '../../../shared/contract/referrals';
import type { ServiceDetail } from '../../../shared/contract/providers';
import { CATEGORY_LABELS_ES, CONSENT_CATEGORIES, type FormLanguage } from '../../../shared/domain/consents';
import { joinWords, LETTER_WORDS, PART2_NOTICE } from '../../../shared/domain/letters';
import type { Need } from '../../../shared/domain/needs';
import { NEED_CODES } from '../../../shared/domain/serviceTypes';
import type { ReferralMethod } from '../../../shared/domain/referrals';
import type { Role } from '../../../shared/domain/roles';
import { labelOf } from '../../../shared/domain/vocab';
import { longDate } from '../consents/documents';
import type { ConsentRow } from '../consents/repo';
import { categoriesOf } from '../consents/repo';
import type { PdfDoc } from '../pdf/draw';
import type { Letterhead } from './letterhead';
import { fillTemplate, toBlocks } from './template';

/**
 * Builds a letter: the template filled with the referral's (or the programme letter's) values, laid out as
 * blocks, with the consent's scope (§2.32(b)) and the §2.32 notice when substance-use information goes out.
 * The same document is previewed in the window, printed from it, and drawn into the PDF.
 */

export interface Author {
  name: string;
  role: Role;
}

function common(language: FormLanguage, today: string, author: Author, head: Letterhead) {
  const w = LETTER_WORDS[language];
  return {
    today: longDate(today, language),
    author: { name: author.name, role: w.roles[author.role] },
    department: { name: head.name, address: head.address, phone: head.phone },
  };
}

function serviceAddress(service: ServiceDetail | null): string {
  if (!service) return '';
  for (const loc of service.locations) {
    const a = loc.addresses.find((x) => x.addressType === 'physical') ?? loc.addresses[0];
    if (a) {
      return [a.address1, a.address2, `${a.city}, ${a.stateProvince} ${a.postalCode}`.trim()].filter(Boolean).join('\n');
    }
  }
  return '';
}

function serviceHours(service: ServiceDetail | null): string {
  if (!service) return '';
  const hours = [...service.schedules, ...service.locations.flatMap((l) => l.schedules)]
    .map((s) => s.hours ?? s.description)
    .filter((h): h is string => Boolean(h));
  return [...new Set(hours)].join('\n');
}

function servicePhone(service: ServiceDetail | null): string {
  const p = service?.phones[0] ?? service?.locations.flatMap((l) => l.phones)[0] ?? service?.organization.phones[0];
  return p ? `${p.number}${p.extension !== null ? ` ext. ${p.extension}` : ''}` : '';
}

export interface ReferralLetterInput {
  language: FormLanguage;
  today: string;
  referral: Referral;
  person: { firstName: string; lastName: string; displayName: string; dateOfBirth: string | null; birthYear: number | null };
  service: ServiceDetail | null;
  clinicalSummary: string;
  author: Author;
  letterhead: Letterhead;
}

export function referralView(i: ReferralLetterInput): object {
  const w = LETTER_WORDS[i.language];
  const order: readonly string[] = NEED_CODES;
  const needs = [...i.referral.needs].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((n) => w.needs[n as Need] ?? n);
  const name = [i.person.firstName, i.person.lastName].filter(Boolean).join(' ') || i.person.displayName;
  return {
    ...common(i.language, i.today, i.author, i.letterhead),
    person: {
      name,
      firstName: i.person.firstName || name,
      lastName: i.person.lastName,
      dateOfBirth: i.person.dateOfBirth
        ? longDate(i.person.dateOfBirth, i.language)
        : i.person.birthYear
          ? String(i.person.birthYear)
          : '',
    },
    provider: { name: i.referral.service.organizationName },
    service: {
      name: i.referral.service.name,
      address: serviceAddress(i.service),
      hours: serviceHours(i.service),
      phone: servicePhone(i.service),
    },
    needs,
    needsText: joinWords(needs, w.and),
    referral: {
      reason: i.referral.reason,
      method: w.methods[i.referral.method as ReferralMethod] ?? i.referral.method,
      date: longDate(i.referral.referredOn, i.language),
    },
    clinicalSummary: i.clinicalSummary,
  };
}

export interface ProgrammeLetterInput {
  language: FormLanguage;
  today: string;
  author: Author;
  letterhead: Letterhead;
  recipientName: string;
  recipientOrganization: string;
  recipientAddress: string;
  subject: string;
  details: string;
}

export function programmeView(i: ProgrammeLetterInput): object {
  return {
    ...common(i.language, i.today, i.author, i.letterhead),
    recipient: { name: i.recipientName, organization: i.recipientOrganization, address: i.recipientAddress },
    letter: { subject: i.subject, details: i.details },
  };
}

/** "Disclosed under the consent signed on …: …" in the letter's language. */
function scopeText(c: ConsentRow, language: FormLanguage): string {
  const cats = categoriesOf(c).map((x) =>
    (language === 'es' ? CATEGORY_LABELS_ES[x] : labelOf(CONSENT_CATEGORIES, x)).toLowerCase(),
  );
  const expiry = [c.expires_on ? longDate(c.expires_on, language) : '', c.expiry_event]
    .filter(Boolean)
    .join(language === 'es' ? ' o ' : ' or ');
  if (language === 'es') {
    return `Consentimiento firmado el ${longDate(c.signed_on, 'es')} para divulgar información sobre ${joinWords(cats, 'y')} a ${c.recipient_name}, con el propósito de: ${c.purpose}. Vence: ${expiry}. Puede revocarse en cualquier momento.`;
  }
  return `Consent signed on ${longDate(c.signed_on, 'en')} to disclose information on ${joinWords(cats, 'and')} to ${c.recipient_name}, for this purpose: ${c.purpose}. Expires: ${expiry}. It may be revoked at any time.`;
}

export function letterDocument(opts: {
  language: FormLanguage;
  title: string;
  letterhead: Letterhead;
  body: string;
  view: object;
  consent: ConsentRow | null;
  override: boolean;
  part2: boolean;
  confidential: boolean;
}): LetterDocument {
  const w = LETTER_WORDS[opts.language];
  const blocks: LetterBlock[] = toBlocks(fillTemplate(opts.body, opts.view));
  let scope: LetterDocument['scope'] = null;
  if (opts.consent) scope = { heading: w.scopeHeading, text: scopeText(opts.consent, opts.language) };
  else if (opts.override) scope = { heading: w.overrideHeading, text: w.overrideText };
  return {
    language: opts.language,
    letterhead: { name: opts.letterhead.name, lines: opts.letterhead.lines, hasLogo: opts.letterhead.logo !== null },
    title: opts.title,
    blocks,
    scope,
    notice: opts.part2 ? { heading: w.noticeHeading, paragraphs: [...PART2_NOTICE] } : null,
    confidential: opts.confidential,
  };
}

/** The document as the PDF path draws it. */
export function pdfOf(doc: LetterDocument, head: Letterhead): PdfDoc {
  const w = LETTER_WORDS[doc.language];
  return {
    title: doc.title,
    language: doc.language,
    letterhead: { name: head.name, lines: head.lines, logo: head.logo },
    blocks: [
      ...doc.blocks,
      ...(doc.scope ? [{ kind: 'box' as const, heading: doc.scope.heading, paragraphs: [doc.scope.text] }] : []),
      ...(doc.notice ? [{ kind: 'box' as const, heading: doc.notice.heading, paragraphs: doc.notice.paragraphs }] : []),
    ],
    footer: { label: doc.confidential ? w.confidential : '', page: w.page },
  };
}
