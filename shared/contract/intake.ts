import { z } from 'zod';
import { CHARGE_CATEGORIES, DISPOSITIONS, INTAKE_LIMITS as L, PATHWAYS, REFERRAL_SOURCES } from '../domain/intake';
import { NEEDS } from '../domain/needs';
import { CLINICAL_ROLES, ROLES } from '../domain/roles';
import { allQuestions, CAGE_AID, PHQ2, SCREENER_CODES, TVIT } from '../domain/screeners';
import { isoDateTime, staffRefSchema, text, vocab, vocabSet } from './fields';
import { followupFieldsSchema, followupSchema } from './followups';
import { personFieldsSchema, personSchema } from './people';
import { empty, id, line, ok, procedure, requiredLine } from './procedure';

const unique = <T>(v: readonly T[]) => new Set(v).size === v.length;

export const contactFieldsSchema = z.strictObject({
  occurredAt: isoDateTime('Date and time of contact'),
  location: line(L.location, 'Location').default(''),
  cadNumber: line(L.cadNumber, 'CAD / incident number').default(''),
  pathway: vocab(PATHWAYS, 'Pathway'),
  referralSource: vocab(REFERRAL_SOURCES, 'Referral source'),
  needs: vocabSet(NEEDS, 'Needs').default([]),
  disposition: vocab(DISPOSITIONS, 'Disposition'),
  overdose: z.boolean().default(false),
  naloxoneDoses: z
    .number({ error: 'Naloxone doses: enter a number.' })
    .int('Naloxone doses: enter a whole number.')
    .min(0, 'Naloxone doses cannot be negative.')
    .max(L.naloxoneDoses, `Naloxone doses: at most ${L.naloxoneDoses}.`)
    .default(0),
  useOfForce: z.boolean().default(false),
  injury: z.boolean().default(false),
  chargeCategory: vocab(CHARGE_CATEGORIES, 'Deflected charge').nullable().default(null),
  chargesHeldInAbeyance: z.boolean().default(false),
  officerIds: z
    .array(id)
    .min(1, 'Officers: choose at least one officer.')
    .max(L.officers, `Officers: at most ${L.officers}.`)
    .refine(unique, 'Officers: each officer may be listed only once.'),
  coResponderId: id.nullable().default(null),
  narrative: text(L.narrative, 'Narrative').default(''),
  /** Clinical roles only: an officer who sends one is refused. */
  clinicalNote: text(L.clinicalNote, 'Clinical note').default(''),
});
export type ContactFields = z.input<typeof contactFieldsSchema>;

/** Who the contact was with: a known person, a new one, or someone described but not (yet) identified. */
export const contactSubjectSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('existing'), personId: id }),
    z.strictObject({ kind: z.literal('new'), person: personFieldsSchema, allowDuplicate: z.boolean().default(false) }),
    z.strictObject({ kind: z.literal('anonymous'), description: requiredLine(L.description, 'Description of the person') }),
  ],
  { error: 'Person: choose an existing person, a new person, or describe an unidentified person.' },
);
export type ContactSubject = z.input<typeof contactSubjectSchema>;

/** "CAGE-AID question 3: answer yes or no." — each unanswered question named, so each is marked on its own. */
function unanswered(label: string, what: string) {
  return (issue: { path?: PropertyKey[] | undefined }) => {
    const index = [...(issue.path ?? [])].reverse().find((p): p is number => typeof p === 'number');
    return index === undefined ? `${label}: ${what}.` : `${label} question ${index + 1}: ${what}.`;
  };
}

function answers<T extends z.ZodType>(item: T, count: number, label: string) {
  return z.array(item).length(count, `${label}: answer ${allQuestions(count)}.`);
}

export const screeningInputSchema = z.discriminatedUnion(
  'instrument',
  [
    z.strictObject({
      instrument: z.literal('cage_aid'),
      answers: answers(
        z.enum(['yes', 'no'], { error: unanswered('CAGE-AID', 'answer yes or no') }),
        CAGE_AID.items.length,
        'CAGE-AID',
      ),
    }),
    z.strictObject({
      instrument: z.literal('phq2'),
      answers: answers(
        z
          .number({ error: unanswered('PHQ-2', 'choose an answer') })
          .int()
          .min(0, 'PHQ-2: choose an answer.')
          .max(3, 'PHQ-2: choose an answer.'),
        PHQ2.items.length,
        'PHQ-2',
      ),
    }),
    z.strictObject({
      instrument: z.literal('tvit'),
      answers: answers(
        z.enum(['yes', 'no', 'declined'], { error: unanswered('TVIT', 'answer yes, no or declined') }),
        TVIT.items.length,
        'TVIT',
      ),
    }),
  ],
  { error: 'Screening: choose CAGE-AID, PHQ-2 or TVIT.' },
);
export type ScreeningInput = z.input<typeof screeningInputSchema>;

/** What anyone on the unit may see of a screening: that it was done, which instrument, by whom and when — never the result. */
export const screeningSummarySchema = z.object({
  id,
  contactId: id,
  instrument: z.enum(SCREENER_CODES),
  administeredAt: z.string(),
  administeredBy: staffRefSchema.nullable(),
});
export type ScreeningSummary = z.infer<typeof screeningSummarySchema>;

/** Clinical (sealed with the clinical key): answers, score and result (co-responders, coordinators, admins). */
export const screeningDetailSchema = screeningSummarySchema.extend({
  answers: z.array(z.union([z.string(), z.number()])),
  score: z.number(),
  positive: z.boolean(),
});
export type ScreeningDetail = z.infer<typeof screeningDetailSchema>;

/** A contact as every role sees it: no clinical note, no screening answers. */
export const contactSchema = z.object({
  id,
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  anonymousDescription: z.string(),
  occurredAt: z.string(),
  /** The calendar day where the contact happened (from the recorded UTC offset). */
  occurredDate: z.string(),
  location: z.string(),
  cadNumber: z.string(),
  pathway: z.string(),
  referralSource: z.string(),
  needs: z.array(z.string()),
  disposition: z.string(),
  overdose: z.boolean(),
  naloxoneDoses: z.number(),
  useOfForce: z.boolean(),
  injury: z.boolean(),
  chargeCategory: z.string().nullable(),
  chargesHeldInAbeyance: z.boolean(),
  officers: z.array(staffRefSchema),
  coResponder: staffRefSchema.nullable(),
  narrative: z.string(),
  hasClinicalNote: z.boolean(),
  screenings: z.array(screeningSummarySchema),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactClinicalSchema = z.object({
  contactId: id,
  clinicalNote: z.string(),
  noteUpdatedAt: z.string().nullable(),
  noteUpdatedBy: staffRefSchema.nullable(),
  screenings: z.array(screeningDetailSchema),
});
export type ContactClinical = z.infer<typeof contactClinicalSchema>;

/** A draft belongs to one user and one form, e.g. `intake` or `intake:person:<id>`. */
export const formKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(:[a-z0-9-]+){0,3}$/, 'Draft: not a form name.')
  .max(120, 'Draft: not a form name.');
export const DRAFT_MAX_CHARS = 200_000;
const draftContentSchema = z
  .record(z.string(), z.json())
  .refine((v) => JSON.stringify(v).length <= DRAFT_MAX_CHARS, 'The draft is too large to keep; save or shorten the form.');

export const staffSchema = staffRefSchema.extend({ role: z.enum(ROLES) });

const weekCountsSchema = z.object({
  from: z.string(),
  to: z.string(),
  contacts: z.number(),
  people: z.number(),
  newPeople: z.number(),
  overdoses: z.number(),
  naloxoneDoses: z.number(),
  /** Contacts with at least one screening. */
  screened: z.number(),
  /** Contacts with a positive screening: clinical, so null for those without the clinical key (officers). */
  screenedPositive: z.number().nullable(),
  followupsDue: z.number(),
});

export const intakeContract = {
  /** Saves the whole intake in one transaction: the person (if new), the contact, screenings, a follow-up; discards the draft. */
  'contacts.create': procedure({
    input: z.strictObject({
      subject: contactSubjectSchema,
      contact: contactFieldsSchema,
      screenings: z
        .array(screeningInputSchema)
        .max(SCREENER_CODES.length)
        .refine((s) => unique(s.map((x) => x.instrument)), 'Screenings: each instrument at most once per contact.')
        .default([]),
      followup: followupFieldsSchema.optional(),
      draftKey: formKeySchema.optional(),
    }),
    output: z.object({ contact: contactSchema, person: personSchema.nullable(), followup: followupSchema.nullable() }),
    access: 'session',
    kind: 'mutation',
  }),
  'contacts.get': procedure({
    input: z.strictObject({ id }),
    output: z.object({ contact: contactSchema }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** The clinical note and screening answers. Refused for officers. */
  'contacts.clinical': procedure({
    input: z.strictObject({ id }),
    output: contactClinicalSchema,
    access: CLINICAL_ROLES,
    kind: 'query',
    auditRead: true,
  }),
  'contacts.setClinicalNote': procedure({
    /** An empty note is refused: a note is corrected by replacing its text, never blanked. */
    input: z.strictObject({
      id,
      clinicalNote: text(L.clinicalNote, 'Clinical note').pipe(
        z.string().min(1, 'Write the clinical note: it cannot be empty. To keep the note as it is, press Cancel.'),
      ),
    }),
    output: contactClinicalSchema,
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** Links a contact recorded for an unidentified person to the person, once known. */
  'contacts.linkPerson': procedure({
    input: z.strictObject({ id, personId: id }),
    output: z.object({ contact: contactSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'screenings.record': procedure({
    input: z.strictObject({ contactId: id, screening: screeningInputSchema }),
    output: z.object({ screening: screeningDetailSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** Active staff, for the officer and co-responder pickers. */
  'intake.staff': procedure({
    input: empty,
    output: z.object({ staff: z.array(staffSchema) }),
    access: 'session',
    kind: 'query',
  }),
  /** Autosave: replaces the caller's draft of that form. Only its owner can ever read it. */
  'drafts.save': procedure({
    input: z.strictObject({ formKey: formKeySchema, content: draftContentSchema }),
    output: z.object({ savedAt: z.string() }),
    access: 'session',
    kind: 'mutation',
  }),
  'drafts.get': procedure({
    input: z.strictObject({ formKey: formKeySchema }),
    output: z.object({ draft: z.object({ content: z.record(z.string(), z.json()), savedAt: z.string() }).nullable() }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  'drafts.list': procedure({
    input: empty,
    output: z.object({ drafts: z.array(z.object({ formKey: z.string(), savedAt: z.string() })) }),
    access: 'session',
    kind: 'query',
  }),
  'drafts.discard': procedure({
    input: z.strictObject({ formKey: formKeySchema }),
    output: ok,
    access: 'session',
    kind: 'mutation',
  }),
  /** Home screen: my open follow-ups (overdue first), recent contacts, this week's counts. */
  'home.dashboard': procedure({
    input: empty,
    output: z.object({
      myFollowups: z.array(followupSchema),
      overdueFollowups: z.number(),
      openFollowups: z.number(),
      recentContacts: z.array(contactSchema),
      week: weekCountsSchema,
    }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
} as const;
