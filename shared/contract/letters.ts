import { z } from 'zod';
import { FORM_LANGUAGES } from '../domain/consents';
import { LETTER_KINDS, LETTER_LIMITS as L } from '../domain/letters';
import { fileSchema } from './consents';
import { staffRefSchema, text, vocab } from './fields';
import { empty, id, line, ok, procedure, requiredLine } from './procedure';
import { overrideSchema } from './referrals';

const TEMPLATE_EDITORS = ['coordinator', 'admin'] as const;

/**
 * A letter as laid out, before it becomes a PDF: the window previews and prints the same blocks the
 * backend draws. The body is the template's text: blank lines separate paragraphs, `# ` starts a
 * heading, `- ` a list item.
 */
export const letterBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
]);
export type LetterBlock = z.infer<typeof letterBlockSchema>;

export const letterDocumentSchema = z.object({
  language: z.enum(['en', 'es']),
  letterhead: z.object({ name: z.string(), lines: z.array(z.string()), hasLogo: z.boolean() }),
  title: z.string(),
  blocks: z.array(letterBlockSchema),
  /** Set when the letter discloses under a consent (§2.32(b): the consent's scope). */
  scope: z.object({ heading: z.string(), text: z.string() }).nullable(),
  /** The §2.32 notice, when substance-use information is disclosed. */
  notice: z.object({ heading: z.string(), paragraphs: z.array(z.string()) }).nullable(),
  confidential: z.boolean(),
});
export type LetterDocument = z.infer<typeof letterDocumentSchema>;

export const templateSummarySchema = z.object({
  id,
  kind: z.enum(['referral', 'programme']),
  language: z.enum(['en', 'es']),
  name: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: staffRefSchema.nullable(),
});
export const templateSchema = templateSummarySchema.extend({ body: z.string() });
export type LetterTemplate = z.infer<typeof templateSchema>;

export const letterSchema = z.object({
  id,
  kind: z.enum(['referral', 'programme']),
  personId: z.string().nullable(),
  referralId: z.string().nullable(),
  title: z.string(),
  recipientName: z.string(),
  language: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  templateVersion: z.number().int(),
  /** Holds a clinical summary: sealed with the clinical key; officers see only that it was sent. */
  clinical: z.boolean(),
  /** False for an officer looking at a clinical letter: the PDF is not theirs to open. */
  readable: z.boolean(),
  sha256: z.string(),
  byteSize: z.number().int(),
  part2Notice: z.boolean(),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
});
export type Letter = z.infer<typeof letterSchema>;

const templateBody = z.string().max(L.templateBytes * 4, 'Template: too long.');

const referralLetterInput = z.strictObject({
  referralId: id,
  templateId: z.uuid({ error: 'Template: choose a letter template.' }),
  /** Co-responders and coordinators only. */
  clinicalSummary: text(L.clinicalSummary, 'Clinical summary').default(''),
});

const programmeLetterInput = z.strictObject({
  templateId: z.uuid({ error: 'Template: choose a letter template.' }),
  recipientName: requiredLine(L.recipientLine, 'Addressed to'),
  recipientOrganization: line(L.recipientLine, 'Organisation').default(''),
  recipientAddress: text(L.recipientAddress, 'Address').default(''),
  subject: line(L.subject, 'Subject').default(''),
  details: text(L.details, 'Details').default(''),
});

export const lettersContract = {
  'letters.templates': procedure({
    input: z.strictObject({ kind: vocab(LETTER_KINDS, 'Kind').optional(), includeInactive: z.boolean().default(false) }),
    output: z.object({ templates: z.array(templateSummarySchema) }),
    access: 'session',
    kind: 'query',
  }),
  'letters.template': procedure({
    input: z.strictObject({ id }),
    output: z.object({ template: templateSchema }),
    access: 'session',
    kind: 'query',
  }),
  /** Coordinators: a new template or a new version of one. Unknown placeholders and templates over 100 kB are refused. */
  'letters.saveTemplate': procedure({
    input: z.strictObject({
      id: id.optional(),
      kind: vocab(LETTER_KINDS, 'Kind'),
      language: vocab(FORM_LANGUAGES, 'Language'),
      name: requiredLine(L.templateName, 'Template name'),
      body: templateBody,
      active: z.boolean().default(true),
    }),
    output: z.object({ template: templateSchema }),
    access: TEMPLATE_EDITORS,
    kind: 'mutation',
  }),
  /** A template's text filled with sample data, as it would print (nothing is saved). */
  'letters.previewTemplate': procedure({
    input: z.strictObject({ kind: vocab(LETTER_KINDS, 'Kind'), language: vocab(FORM_LANGUAGES, 'Language'), body: templateBody }),
    output: z.object({ document: letterDocumentSchema }),
    access: 'session',
    kind: 'query',
  }),
  'letters.letterhead': procedure({
    input: empty,
    output: z.object({ logo: z.object({ type: z.string(), base64: z.string() }).nullable() }),
    access: 'session',
    kind: 'query',
  }),
  /** The letterhead logo: a PNG or JPEG of at most 1 MB; null removes it. */
  'letters.setLogo': procedure({
    input: z.strictObject({
      fileName: line(255, 'File name').default(''),
      contentBase64: z
        .string()
        .max(Math.ceil((L.logoBytes * 4) / 3) + 8, 'Logo: the file is over 1 MB.')
        .nullable(),
    }),
    output: ok,
    access: TEMPLATE_EDITORS,
    kind: 'mutation',
  }),
  /**
   * The letter for a referral, laid out but not saved, and whether the consent gate lets it go
   * (`gate.message` says what is missing when it does not).
   */
  'letters.preview': procedure({
    input: referralLetterInput,
    output: z.object({
      document: letterDocumentSchema,
      gate: z.object({ allowed: z.boolean(), message: z.string().nullable(), consentId: z.string().nullable() }),
    }),
    access: 'session',
    kind: 'query',
  }),
  /** Makes the referral letter: consent gate, PDF, stored with its SHA-256 and template version, disclosure logged. */
  'letters.generate': procedure({
    input: referralLetterInput.extend({ override: overrideSchema.optional() }),
    output: z.object({ letter: letterSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'letters.previewProgramme': procedure({
    input: programmeLetterInput,
    output: z.object({ document: letterDocumentSchema }),
    access: 'session',
    kind: 'query',
  }),
  'letters.generateProgramme': procedure({
    input: programmeLetterInput,
    output: z.object({ letter: letterSchema }),
    access: TEMPLATE_EDITORS,
    kind: 'mutation',
  }),
  /** A person's letters, or (without `personId`) the programme letters. */
  'letters.list': procedure({
    input: z.strictObject({ personId: id.optional(), referralId: id.optional() }),
    output: z.object({ letters: z.array(letterSchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** The stored PDF. A clinical letter is refused to officers. */
  'letters.pdf': procedure({
    input: z.strictObject({ id }),
    output: fileSchema.extend({ document: letterDocumentSchema.nullable() }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
} as const;
