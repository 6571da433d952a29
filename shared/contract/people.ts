import { z } from 'zod';
import {
  GENDER_IDENTITIES,
  HOUSING_STATUSES,
  INTAKE_LIMITS as L,
  LANGUAGES,
  RACE_ETHNICITIES,
  SEXES,
  VETERAN_STATUSES,
} from '../domain/intake';
import { isoDate, phoneNumber, staffRefSchema, vocab, vocabSet } from './fields';
import { id, line, procedure, requiredLine } from './procedure';

/**
 * A person's details. Every field is optional: on create a missing field is empty, on update it is
 * left unchanged. `null` clears a coded field. A date of birth is exact (`dateOfBirth`) or a year only
 * (`birthYear`).
 */
export const personFieldsSchema = z.strictObject({
  firstName: line(L.name, 'First name').optional(),
  lastName: line(L.name, 'Last name').optional(),
  aliases: z
    .array(requiredLine(L.alias, 'Alias'))
    .max(L.aliases, `Record at most ${L.aliases} aliases or street names.`)
    .optional(),
  dateOfBirth: isoDate('Date of birth').nullable().optional(),
  birthYear: z
    .number({ error: 'Year of birth: enter a year such as 1985.' })
    .int('Year of birth: enter a year such as 1985.')
    .min(L.earliestBirthYear, `Year of birth must be ${L.earliestBirthYear} or later.`)
    .max(2200, 'Year of birth: enter a year such as 1985.')
    .nullable()
    .optional(),
  sex: vocab(SEXES, 'Sex').nullable().optional(),
  genderIdentity: vocab(GENDER_IDENTITIES, 'Gender identity').nullable().optional(),
  raceEthnicity: vocabSet(RACE_ETHNICITIES, 'Race and ethnicity')
    .refine(
      (v) => !(v.includes('declined') && v.length > 1),
      'Race and ethnicity: "Declined to answer" cannot be combined with other choices.',
    )
    .optional(),
  preferredLanguage: vocab(LANGUAGES, 'Preferred language').nullable().optional(),
  veteranStatus: vocab(VETERAN_STATUSES, 'Veteran status').nullable().optional(),
  residenceArea: line(L.residenceArea, 'Residence area').optional(),
  zip: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'ZIP code: enter 5 digits, or leave it empty.')
    .optional(),
  housingStatus: vocab(HOUSING_STATUSES, 'Housing status').nullable().optional(),
  phone: phoneNumber(L.phone).optional(),
});
export type PersonFields = z.input<typeof personFieldsSchema>;
export type ParsedPersonFields = z.output<typeof personFieldsSchema>;

/** The fields whose changes are kept in a person's edit history (and may be filled by a merge). */
export const PERSON_FIELDS = Object.keys(personFieldsSchema.shape) as (keyof ParsedPersonFields)[];
export type PersonField = (typeof PERSON_FIELDS)[number];

export const personSchema = z.object({
  id,
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  birthYear: z.number().nullable(),
  sex: z.string().nullable(),
  genderIdentity: z.string().nullable(),
  raceEthnicity: z.array(z.string()),
  preferredLanguage: z.string().nullable(),
  veteranStatus: z.string().nullable(),
  residenceArea: z.string(),
  zip: z.string(),
  housingStatus: z.string().nullable(),
  phone: z.string(),
  /** Set when this record was merged into another; open that one instead. */
  mergedInto: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const personMatchSchema = z.object({
  id,
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  birthYear: z.number().nullable(),
  contactCount: z.number(),
  lastContactAt: z.string().nullable(),
  /** 0–1: how closely the name (and date of birth, when given) agree. */
  matchScore: z.number(),
  /** Why it matched, in plain words: "name", "swapped first/last", "alias", "nickname", "date of birth". */
  reasons: z.array(z.string()),
});
export type PersonMatch = z.infer<typeof personMatchSchema>;

const historyValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
export const personHistoryEntrySchema = z.object({
  at: z.string(),
  by: staffRefSchema.nullable(),
  field: z.string(),
  oldValue: historyValue,
  newValue: historyValue,
  /** `edit` by a user, or `merge` when a merge filled an empty field or added aliases. */
  source: z.enum(['edit', 'merge']),
});
export type PersonHistoryEntry = z.infer<typeof personHistoryEntrySchema>;

export const mergeRecordSchema = z.object({
  id,
  at: z.string(),
  by: staffRefSchema.nullable(),
  survivorId: id,
  mergedId: id,
  mergedName: z.string(),
  reason: z.string(),
  moved: z.record(z.string(), z.number()),
  fieldsFilled: z.array(z.string()),
  aliasesAdded: z.array(z.string()),
});
export type MergeRecord = z.infer<typeof mergeRecordSchema>;

export const peopleContract = {
  /** Find-or-create as you type: ranked by name similarity (misspellings, swapped names, aliases, nicknames) and date of birth. */
  'people.search': procedure({
    input: z.strictObject({
      query: z.string().trim().max(120, 'Search: at most 120 characters.').default(''),
      dateOfBirth: isoDate('Date of birth').optional(),
      birthYear: z.number().int().min(L.earliestBirthYear).max(2200).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    output: z.object({ results: z.array(personMatchSchema) }),
    access: 'session',
    kind: 'query',
    /** Audited with the number of results only, never the text searched for. */
    auditRead: true,
  }),
  /** People who look like the one about to be created (same check `people.create` makes). */
  'people.findDuplicates': procedure({
    input: z.strictObject({ person: personFieldsSchema }),
    output: z.object({ candidates: z.array(personMatchSchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** Refused with `conflict` when a likely duplicate exists, unless `allowDuplicate` says the user checked. */
  'people.create': procedure({
    input: z.strictObject({ person: personFieldsSchema, allowDuplicate: z.boolean().default(false) }),
    output: z.object({ person: personSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'people.get': procedure({
    input: z.strictObject({ id }),
    output: z.object({ person: personSchema }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** `version` is the one the user started editing; a newer one means someone else saved first. */
  'people.update': procedure({
    input: z.strictObject({ id, version: z.number().int().min(1), changes: personFieldsSchema }),
    output: z.object({ person: personSchema, changed: z.array(z.string()) }),
    access: 'session',
    kind: 'mutation',
  }),
  'people.history': procedure({
    input: z.strictObject({ id }),
    output: z.object({ entries: z.array(personHistoryEntrySchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** Moves everything of `mergedId` onto `survivorId`, fills the survivor's empty fields, keeps a record of what moved. */
  'people.merge': procedure({
    input: z.strictObject({
      survivorId: id,
      mergedId: id,
      reason: requiredLine(200, 'Reason for merging'),
    }),
    output: z.object({ person: personSchema, merge: mergeRecordSchema }),
    access: ['coresponder', 'coordinator', 'admin'],
    kind: 'mutation',
  }),
} as const;
