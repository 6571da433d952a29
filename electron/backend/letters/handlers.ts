import PDFDocument from 'pdfkit';
import type { ParsedInputOf } from '../../../shared/contract';
import type { LetterDocument, lettersContract } from '../../../shared/contract/letters';
import type { ConsentCategory } from '../../../shared/domain/consents';
import type { FormLanguage } from '../../../shared/domain/consents';
import { LETTER_LIMITS } from '../../../shared/domain/letters';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { checkGate, discloseThroughGate } from '../consents/gate';
import { departmentDateOf, departmentToday } from '../calendar';
import { AppError } from '../errors';
import { resolvePersonRow, toPerson } from '../people/repo';
import { serviceDetail } from '../providers/detail';
import { clockFor } from '../providers/search';
import { requireReferableService } from '../referrals/handlers';
import { requireReferral } from '../referrals/repo';
import type { Ctx, HandlersFor } from '../router';
import { letterDocument, pdfOf, programmeView, referralView } from './compose';
import { letterheadOf } from './letterhead';
import {
  insertLetter,
  listTemplates,
  loadLetters,
  newLetterId,
  openLetter,
  requireTemplate,
  saveTemplate,
  toTemplate,
} from './repo';
import { renderPdf, sha256 } from '../pdf/draw';
import { requireValidTemplate } from './template';

type LetterHandlers = HandlersFor<typeof lettersContract>;

type ReferralLetterInput = { referralId: string; templateId: string; clinicalSummary: string };

const SAMPLE_SERVICE_ADDRESS = '400 Example Avenue\nTestville, IL 60000';

function author(ctx: Ctx) {
  return { name: ctx.user.displayName, role: ctx.user.role };
}

function activeTemplate(ctx: Ctx, id: string, kind: 'referral' | 'programme') {
  const t = requireTemplate(ctx.db, id, 'templateId');
  if (t.kind !== kind) {
    throw new AppError(
      'invalid_input',
      kind === 'referral' ? 'Template: choose a referral letter template.' : 'Template: choose a programme letter template.',
      'templateId',
    );
  }
  if (!t.active) throw new AppError('invalid_input', 'Template: this template is no longer in use.', 'templateId');
  return t;
}

/** Everything a referral letter is made of, and whether the consent gate lets it go today. */
function composeReferralLetter(ctx: Ctx, input: ReferralLetterInput, override: boolean) {
  const db = ctx.db;
  const now = ctx.backend.now();
  const today = departmentToday(db, now);
  if (input.clinicalSummary && !(CLINICAL_ROLES as readonly string[]).includes(ctx.user.role)) {
    throw new AppError(
      'forbidden',
      'Officers cannot add a clinical summary to a letter; a co-responder or coordinator writes it.',
      'clinicalSummary',
    );
  }
  const referral = requireReferral(db, now, input.referralId);
  if (referral.status === 'closed' || referral.status === 'completed') {
    throw new AppError('invalid_input', `This referral is ${referral.status}; a letter is no longer made for it.`, 'referralId');
  }
  requireReferableService(db, referral.service.id, 'referralId');
  const template = activeTemplate(ctx, input.templateId, 'referral');
  const person = toPerson(resolvePersonRow(db, referral.personId, 'referralId'));
  const head = letterheadOf(db);
  const service = serviceDetail(db, referral.service.id, clockFor(db, new Date(now))).service;
  const language = template.language as FormLanguage;
  const categories = referral.categories as ConsentCategory[];
  const recipient = { organizationId: referral.service.organizationId, name: referral.service.organizationName };
  const gate = checkGate(db, referral.personId, recipient, categories, today);
  const view = referralView({
    language,
    today,
    referral,
    person,
    service,
    clinicalSummary: input.clinicalSummary,
    author: author(ctx),
    letterhead: head,
  });
  const document = letterDocument({
    language,
    title: `${template.name} — ${referral.service.name}`,
    letterhead: head,
    body: template.body,
    view,
    consent: gate.allowed ? gate.consent : null,
    override: !gate.allowed && override,
    part2: categories.includes('substance_use'),
    confidential: true,
  });
  return { referral, template, head, document, gate, categories, recipient, today };
}

function programmeDocument(ctx: Ctx, input: ParsedInputOf<'letters.previewProgramme'>) {
  const template = activeTemplate(ctx, input.templateId, 'programme');
  const head = letterheadOf(ctx.db);
  const language = template.language as FormLanguage;
  const view = programmeView({
    language,
    today: departmentToday(ctx.db, ctx.backend.now()),
    author: author(ctx),
    letterhead: head,
    recipientName: input.recipientName,
    recipientOrganization: input.recipientOrganization,
    recipientAddress: input.recipientAddress,
    subject: input.subject,
    details: input.details,
  });
  const document = letterDocument({
    language,
    title: input.subject || template.name,
    letterhead: head,
    body: template.body,
    view,
    consent: null,
    override: false,
    part2: false,
    confidential: false,
  });
  return { template, head, document };
}

function sampleDocument(ctx: Ctx, kind: 'referral' | 'programme', language: FormLanguage, body: string): LetterDocument {
  const head = letterheadOf(ctx.db);
  const today = departmentToday(ctx.db, ctx.backend.now());
  const view =
    kind === 'referral'
      ? referralView({
          language,
          today,
          referral: {
            needs: ['opioid_use', 'housing'],
            reason: 'Asked for help with opioid use after an overdose response.',
            method: 'warm_handoff',
            referredOn: today,
            service: { organizationName: 'Sample Recovery Centre', name: 'Outpatient treatment' },
          } as never,
          person: {
            firstName: 'José',
            lastName: 'Núñez',
            displayName: 'Núñez, José',
            dateOfBirth: '1988-04-12',
            birthYear: 1988,
          },
          service: null,
          clinicalSummary: 'A clinical summary written by a co-responder appears here.',
          author: author(ctx),
          letterhead: head,
        })
      : programmeView({
          language,
          today,
          author: author(ctx),
          letterhead: head,
          recipientName: 'Dr. Sample Recipient',
          recipientOrganization: 'Technical assistance centre',
          recipientAddress: '1 Sample Street\nSampletown, ST 00000',
          subject: 'Sample subject',
          details: 'The details typed when the letter is made appear here.',
        });
  const withAddress =
    kind === 'referral'
      ? {
          ...view,
          service: {
            ...(view as { service: object }).service,
            address: SAMPLE_SERVICE_ADDRESS,
            hours: 'Mon–Fri 09:00–17:00',
            phone: '555-0100',
          },
        }
      : view;
  return letterDocument({
    language,
    title: 'Preview',
    letterhead: head,
    body,
    view: withAddress,
    consent: null,
    override: false,
    part2: kind === 'referral',
    confidential: kind === 'referral',
  });
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

function logoType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes.subarray(0, 3).equals(JPEG)) return 'image/jpeg';
  return null;
}

export const lettersHandlers: LetterHandlers = {
  'letters.templates': (ctx, input) => ({
    templates: listTemplates(ctx.db, input.kind, input.includeInactive).map((r) => {
      const { body: _body, ...summary } = toTemplate(ctx.db, r);
      return summary;
    }),
  }),

  'letters.template': (ctx, input) => ({ template: toTemplate(ctx.db, requireTemplate(ctx.db, input.id)) }),

  'letters.saveTemplate': (ctx, input) => {
    requireValidTemplate(input.kind, input.body);
    const id = saveTemplate(ctx.db, input, ctx.user.id, ctx.backend.nowIso());
    const template = toTemplate(ctx.db, requireTemplate(ctx.db, id));
    ctx.audit.targetType = 'letter_template';
    ctx.audit.targetId = id;
    ctx.audit.detail = {
      version: template.version,
      kind: template.kind,
      language: template.language,
      bytes: Buffer.byteLength(input.body),
    };
    return { template };
  },

  'letters.previewTemplate': (ctx, input) => {
    requireValidTemplate(input.kind, input.body);
    return { document: sampleDocument(ctx, input.kind, input.language, input.body) };
  },

  'letters.letterhead': (ctx) => {
    const head = letterheadOf(ctx.db);
    return { logo: head.logo && head.logoType ? { type: head.logoType, base64: head.logo.toString('base64') } : null };
  },

  'letters.setLogo': (ctx, input) => {
    const now = ctx.backend.nowIso();
    if (input.contentBase64 === null) {
      ctx.db
        .prepare(
          `INSERT INTO letterhead (id, logo, logo_type, updated_at, updated_by) VALUES (1, NULL, NULL, ?, ?)
           ON CONFLICT(id) DO UPDATE SET logo = NULL, logo_type = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(now, ctx.user.id);
      ctx.audit.detail = { removed: true };
      return {};
    }
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw new AppError('invalid_input', 'Logo: the file is empty.', 'contentBase64');
    if (bytes.length > LETTER_LIMITS.logoBytes) {
      throw new AppError(
        'invalid_input',
        `Logo: the file is ${(bytes.length / 1_000_000).toFixed(1)} MB; at most 1 MB.`,
        'contentBase64',
      );
    }
    const type = logoType(bytes);
    if (!type) throw new AppError('invalid_input', 'Logo: choose a PNG or JPEG image.', 'contentBase64');
    try {
      (new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown }).openImage(bytes);
    } catch {
      throw new AppError(
        'invalid_input',
        `Logo: the file is not a readable ${type === 'image/png' ? 'PNG' : 'JPEG'} image.`,
        'contentBase64',
      );
    }
    ctx.db
      .prepare(
        `INSERT INTO letterhead (id, logo, logo_type, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET logo = excluded.logo, logo_type = excluded.logo_type, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
      )
      .run(bytes, type, now, ctx.user.id);
    ctx.audit.detail = { type, bytes: bytes.length };
    return {};
  },

  'letters.preview': (ctx, input) => {
    const c = composeReferralLetter(ctx, input, false);
    return {
      document: c.document,
      gate: { allowed: c.gate.allowed, message: c.gate.message, consentId: c.gate.consent?.id ?? null },
    };
  },

  'letters.generate': (ctx, input) => {
    const c = composeReferralLetter(ctx, input, input.override !== undefined);
    const id = newLetterId();
    const pdf = renderPdf(pdfOf(c.document, c.head));
    const hash = sha256(pdf);
    insertLetter(ctx, {
      id,
      kind: 'referral',
      personId: c.referral.personId,
      referralId: c.referral.id,
      templateId: c.template.id,
      templateVersion: c.template.version,
      language: c.template.language,
      title: c.document.title,
      recipientName: c.recipient.name,
      recipientOrganizationId: c.recipient.organizationId,
      clinical: input.clinicalSummary.length > 0,
      part2: c.document.notice !== null,
      pdf,
      document: c.document,
      sha256: hash,
    });
    const disclosed = discloseThroughGate(ctx, {
      personId: c.referral.personId,
      kind: 'letter',
      recipient: c.recipient,
      categories: c.categories,
      purpose: `Referral letter to ${c.referral.service.name}`,
      referralId: c.referral.id,
      letterId: id,
      override: input.override,
      day: c.today,
    });
    ctx.audit.targetType = 'letter';
    ctx.audit.targetId = id;
    ctx.audit.detail = {
      referralId: c.referral.id,
      templateVersion: c.template.version,
      clinical: input.clinicalSummary.length > 0,
      disclosureId: disclosed.disclosureId,
      basis: disclosed.basis,
      override: disclosed.basis === 'override',
      sha256: hash,
    };
    return { letter: loadLetters(ctx.db, ctx.user.role, 'l.id = ?', [id])[0]! };
  },

  'letters.previewProgramme': (ctx, input) => ({ document: programmeDocument(ctx, input).document }),

  'letters.generateProgramme': (ctx, input) => {
    const { template, head, document } = programmeDocument(ctx, input);
    const id = newLetterId();
    const pdf = renderPdf(pdfOf(document, head));
    const hash = sha256(pdf);
    insertLetter(ctx, {
      id,
      kind: 'programme',
      personId: null,
      referralId: null,
      templateId: template.id,
      templateVersion: template.version,
      language: template.language,
      title: document.title,
      recipientName: [input.recipientName, input.recipientOrganization].filter(Boolean).join(', '),
      recipientOrganizationId: null,
      clinical: false,
      part2: false,
      pdf,
      document,
      sha256: hash,
    });
    ctx.audit.targetType = 'letter';
    ctx.audit.targetId = id;
    ctx.audit.detail = { kind: 'programme', templateVersion: template.version, sha256: hash };
    return { letter: loadLetters(ctx.db, ctx.user.role, 'l.id = ?', [id])[0]! };
  },

  'letters.list': (ctx, input) => {
    if (input.referralId) return { letters: loadLetters(ctx.db, ctx.user.role, 'l.referral_id = ?', [input.referralId]) };
    if (input.personId) {
      const person = resolvePersonRow(ctx.db, input.personId, 'personId');
      ctx.audit.targetType = 'person';
      ctx.audit.targetId = person.id;
      return { letters: loadLetters(ctx.db, ctx.user.role, 'l.person_id = ?', [person.id]) };
    }
    return { letters: loadLetters(ctx.db, ctx.user.role, 'l.person_id IS NULL', []) };
  },

  'letters.pdf': (ctx, input) => {
    const { letter, pdf, document } = openLetter(ctx, input.id);
    ctx.audit.targetType = 'letter';
    ctx.audit.targetId = letter.id;
    const stamp = departmentDateOf(ctx.db, letter.createdAt);
    return {
      fileName: `${letter.kind === 'referral' ? 'referral-letter' : 'letter'}-${stamp}.pdf`,
      contentBase64: pdf.toString('base64'),
      sha256: letter.sha256,
      document,
    };
  },
};
