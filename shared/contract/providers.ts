import { z } from 'zod';
import { NEED_CODES, SERVICE_TYPES } from '../domain/serviceTypes';
import { phoneNumber } from './fields';
import { HSDS_TIME, hsdsTableSchema } from './hsds';
import { empty, id, line, ok, procedure, requiredLine } from './procedure';

/**
 * Provider directory: search and read (everyone with a session), edit, import, export and taxonomy
 * mapping (coordinator and admin). Files travel as base64 content, never as paths.
 */

const WRITERS = ['coordinator', 'admin'] as const;

export const needSchema = z.enum(NEED_CODES, { error: 'Choose a need from the list.' });
export const serviceTypeSchema = z.enum(SERVICE_TYPES, { error: 'Choose a service type from the list.' });
export const serviceStatusSchema = z.enum(['active', 'inactive', 'defunct', 'temporarily closed'], { error: 'Choose a status.' });
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const weekdaySchema = z.enum(WEEKDAYS, { error: 'Choose a day.' });

/** 50 MB of package, as base64 (4 characters per 3 bytes). */
export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_PACKAGE_BYTES / 3) * 4 + 4;

export const openStateSchema = z.object({
  state: z.enum(['open', 'closed', 'unknown']),
  /** "Open now · until 5:00 PM", "Closed · opens Tue 9:00 AM", "Hours not listed". */
  label: z.string(),
});
export type OpenState = z.infer<typeof openStateSchema>;

const text = z.string().nullable();

export const serviceSummarySchema = z.object({
  id,
  name: z.string(),
  organizationId: id,
  organizationName: z.string().nullable(),
  status: serviceStatusSchema,
  alert: text,
  serviceTypes: z.array(serviceTypeSchema),
  languages: z.array(z.string()),
  walkIns: z.boolean(),
  open: openStateSchema,
  phone: text,
  city: text,
  assuredDate: text,
  stale: z.boolean(),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

const phoneSchema = z.object({
  id,
  number: z.string(),
  extension: z.number().nullable(),
  type: text,
  description: text,
  languages: z.array(z.string()),
});
export type ProviderPhone = z.infer<typeof phoneSchema>;

const scheduleSchema = z.object({
  id,
  /** "Mon–Fri 09:00–17:00"; null when the schedule has no structured hours. */
  hours: text,
  description: text,
  notes: text,
  attendingType: text,
  validFrom: text,
  validTo: text,
  byday: text,
  opensAt: text,
  closesAt: text,
  /** Plain weekly hours of the service itself, which the edit form manages; others are read-only there. */
  editable: z.boolean(),
});
export type ProviderSchedule = z.infer<typeof scheduleSchema>;

const languageSchema = z.object({ id, name: text, code: text, note: text });

const addressSchema = z.object({
  id,
  attention: text,
  address1: z.string(),
  address2: text,
  city: z.string(),
  stateProvince: z.string(),
  postalCode: z.string(),
  country: z.string(),
  addressType: z.string(),
});

const locationSchema = z.object({
  id,
  name: text,
  description: text,
  transportation: text,
  url: text,
  locationType: z.string(),
  addresses: z.array(addressSchema),
  phones: z.array(phoneSchema),
  schedules: z.array(scheduleSchema),
  languages: z.array(languageSchema),
  accessibility: z.array(z.object({ description: text, details: text })),
});

const contactSchema = z.object({ id, name: text, title: text, department: text, email: text, phones: z.array(phoneSchema) });

export const serviceDetailSchema = z.object({
  id,
  name: z.string(),
  alternateName: text,
  description: text,
  status: serviceStatusSchema,
  alert: text,
  url: text,
  email: text,
  organization: z.object({
    id,
    name: z.string().nullable(),
    description: text,
    website: text,
    email: text,
    phones: z.array(phoneSchema),
  }),
  serviceTypes: z.array(serviceTypeSchema),
  needs: z.array(needSchema),
  walkIns: z.boolean(),
  capacityNote: text,
  insuranceNote: text,
  feesDescription: text,
  costOptions: z.array(z.object({ option: text, amount: z.number().nullable(), currency: text, amountDescription: text })),
  eligibilityDescription: text,
  minimumAge: z.number().nullable(),
  maximumAge: z.number().nullable(),
  requiredDocuments: z.array(z.object({ id, document: text, uri: text })),
  applicationProcess: text,
  interpretationServices: text,
  waitTime: text,
  languages: z.array(languageSchema),
  phones: z.array(phoneSchema),
  contacts: z.array(contactSchema),
  schedules: z.array(scheduleSchema),
  locations: z.array(locationSchema),
  serviceAreas: z.array(z.object({ name: text, description: text })),
  assuredDate: text,
  assurerEmail: text,
  stale: z.boolean(),
  open: openStateSchema,
});
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;

export const importIssueSchema = z.object({
  file: z.string(),
  /** Spreadsheet row (the header is row 1) for CSV files. */
  row: z.number().int().nullable(),
  /** Where in a JSON file, e.g. `services[0].phones[1]`. */
  record: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importChangeSchema = z.object({
  table: hsdsTableSchema,
  id: z.string(),
  label: z.string(),
  action: z.enum(['add', 'update']),
  fields: z.array(z.string()),
});

export const importPlanSchema = z.object({
  format: z.enum(['tabular', 'json']),
  files: z.array(z.object({ name: z.string(), table: hsdsTableSchema.nullable(), records: z.number().int() })),
  /** Any error means nothing is imported. At most 500 are listed; `errorCount` has them all. */
  errors: z.array(importIssueSchema),
  errorCount: z.number().int(),
  warnings: z.array(importIssueSchema),
  tables: z.array(
    z.object({ table: hsdsTableSchema, added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  ),
  /** Added and updated records (at most 1,000 listed). */
  changes: z.array(importChangeSchema),
  totals: z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  /** Taxonomy terms in the directory after this import that no service type is mapped to yet. */
  unmappedTerms: z.number().int(),
});
export type ImportPlan = z.infer<typeof importPlanSchema>;

const importInput = z.strictObject({
  fileName: requiredLine(255, 'File name'),
  contentBase64: z
    .string()
    .max(MAX_BASE64, 'The file is larger than 50 MB. Split the directory into smaller packages.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64.'),
});

const timeSchema = z.string().trim().regex(HSDS_TIME, 'Enter a 24-hour time such as 09:00.');
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`).optional();
const optionalUrl = (label: string) =>
  z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: `${label} must be a web address starting with https://.` })])
    .optional();
const age = (label: string) =>
  z
    .number({ error: `${label}: enter whole years.` })
    .int(`${label}: enter whole years.`)
    .min(0, `${label} cannot be negative.`)
    .max(120, `${label}: at most 120 years.`)
    .nullable()
    .optional();
const optionalEmail = (label: string) =>
  z.union([z.literal(''), z.email({ error: `${label} must be an email address.` })]).optional();

export const serviceEditSchema = z
  .strictObject({
    /** Absent: a new service. */
    id: id.optional(),
    organizationId: id,
    name: requiredLine(200, 'Service name'),
    description: optionalText(5000, 'Description'),
    status: serviceStatusSchema,
    alert: optionalText(1000, 'Alert'),
    url: optionalUrl('Website'),
    email: optionalEmail('Email'),
    eligibilityDescription: optionalText(2000, 'Eligibility'),
    minimumAge: age('Minimum age'),
    maximumAge: age('Maximum age'),
    applicationProcess: optionalText(2000, 'How to apply'),
    feesDescription: optionalText(2000, 'Cost'),
    interpretationServices: optionalText(1000, 'Interpretation'),
    waitTime: optionalText(500, 'Wait time'),
    serviceTypes: z.array(serviceTypeSchema).max(SERVICE_TYPES.length),
    walkIns: z.boolean(),
    capacityNote: optionalText(1000, 'Capacity note'),
    insuranceNote: optionalText(1000, 'Insurance note'),
    requiredDocuments: z.array(requiredLine(500, 'Required document')).max(30),
    languages: z.array(z.strictObject({ name: requiredLine(80, 'Language'), code: line(8, 'Language code').optional() })).max(40),
    phones: z
      .array(
        z.strictObject({
          number: phoneNumber(40, 'Phone number').pipe(
            z.string().min(1, 'Phone number is required; remove the row if there is none.'),
          ),
          extension: z
            .number({ error: 'Extension: digits only.' })
            .int('Extension: digits only.')
            .min(0, 'Extension: digits only.')
            .max(99_999_999, 'Extension: at most 8 digits.')
            .nullable()
            .optional(),
          type: z.enum(['voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone']).optional(),
          description: optionalText(500, 'Phone note'),
        }),
      )
      .max(20),
    hours: z.array(z.strictObject({ day: weekdaySchema, opensAt: timeSchema, closesAt: timeSchema })).max(28),
    /** The street address of the service's (first) location; absent leaves locations as they are. */
    address: z
      .strictObject({
        address1: requiredLine(200, 'Street address'),
        address2: line(200, 'Address line 2').optional(),
        city: requiredLine(100, 'City'),
        stateProvince: requiredLine(50, 'State'),
        postalCode: requiredLine(20, 'ZIP code'),
      })
      .optional(),
    /** Marks the listing as verified today (HSDS assured_date). */
    verified: z.boolean().optional(),
  })
  .refine((s) => s.minimumAge == null || s.maximumAge == null || s.minimumAge <= s.maximumAge, {
    message: 'The minimum age is above the maximum age.',
    path: ['minimumAge'],
  });

export type ServiceEdit = z.input<typeof serviceEditSchema>;

export const organizationEditSchema = z.strictObject({
  id: id.optional(),
  name: requiredLine(200, 'Organisation name'),
  description: z
    .string()
    .trim()
    .min(1, 'Describe the organisation in a sentence.')
    .max(5000, 'Description must be at most 5000 characters.'),
  website: optionalUrl('Website'),
  email: optionalEmail('Email'),
});

export const providerSettingsSchema = z.object({
  /** IANA time zone of the department: "open now" is judged in it. */
  timeZone: z.string(),
  /** Listings not verified for this many months are flagged as stale. */
  staleMonths: z.number().int(),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

export const termSchema = z.object({
  id,
  code: text,
  name: z.string(),
  taxonomy: text,
  serviceTypes: z.array(serviceTypeSchema),
  /** A coordinator has looked at it (mapped, or decided it is not a service type). */
  reviewed: z.boolean(),
  /** What the term's wording suggests, for an unmapped term. */
  suggested: z.array(serviceTypeSchema),
  services: z.number().int(),
});

export const providersContract = {
  'providers.search': procedure({
    input: z.strictObject({
      text: line(200, 'Search text').optional(),
      needs: z.array(needSchema).max(NEED_CODES.length).optional(),
      serviceTypes: z.array(serviceTypeSchema).max(SERVICE_TYPES.length).optional(),
      language: line(80, 'Language').optional(),
      openNow: z.boolean().optional(),
      walkIns: z.boolean().optional(),
      staleOnly: z.boolean().optional(),
      includeInactive: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
    }),
    output: z.object({ total: z.number().int(), results: z.array(serviceSummarySchema), timeZone: z.string() }),
    access: 'session',
    kind: 'query',
  }),
  'providers.facets': procedure({
    input: empty,
    output: z.object({
      services: z.number().int(),
      stale: z.number().int(),
      unmappedTerms: z.number().int(),
      languages: z.array(z.object({ key: z.string(), label: z.string(), services: z.number().int() })),
      organizations: z.array(z.object({ id, name: z.string() })),
      settings: providerSettingsSchema,
    }),
    access: 'session',
    kind: 'query',
  }),
  'providers.get': procedure({
    input: z.strictObject({ id }),
    output: z.object({ service: serviceDetailSchema, otherServices: z.array(z.object({ id, name: z.string() })) }),
    access: 'session',
    kind: 'query',
  }),
  'providers.saveOrganization': procedure({
    input: organizationEditSchema,
    output: z.object({ id }),
    access: WRITERS,
    kind: 'mutation',
  }),
  'providers.saveService': procedure({
    input: serviceEditSchema,
    output: z.object({ id }),
    access: WRITERS,
    kind: 'mutation',
  }),
  'providers.verify': procedure({
    input: z.strictObject({ id }),
    output: z.object({ assuredDate: z.string() }),
    access: WRITERS,
    kind: 'mutation',
  }),
  'providers.importPreview': procedure({ input: importInput, output: importPlanSchema, access: WRITERS, kind: 'query' }),
  /** Imports everything or nothing: with any error the plan comes back with `committed: false`. */
  'providers.import': procedure({
    input: importInput,
    output: importPlanSchema.extend({ committed: z.boolean() }),
    access: WRITERS,
    kind: 'mutation',
  }),
  'providers.export': procedure({
    input: empty,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), records: z.record(hsdsTableSchema, z.number().int()) }),
    access: WRITERS,
    kind: 'query',
    auditRead: true,
  }),
  'providers.terms': procedure({
    input: z.strictObject({ unmappedOnly: z.boolean().optional() }),
    output: z.object({ terms: z.array(termSchema) }),
    access: 'session',
    kind: 'query',
  }),
  'providers.mapTerm': procedure({
    input: z.strictObject({ termId: id, serviceTypes: z.array(serviceTypeSchema).max(SERVICE_TYPES.length) }),
    output: ok,
    access: WRITERS,
    kind: 'mutation',
  }),
  'providers.settings': procedure({ input: empty, output: providerSettingsSchema, access: 'session', kind: 'query' }),
  'providers.updateSettings': procedure({
    input: z.strictObject({
      timeZone: z
        .string()
        .trim()
        .min(1, 'Choose a time zone such as America/Chicago.')
        .max(64, 'Choose a time zone such as America/Chicago.')
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'Choose a time zone such as America/Chicago.')
        .optional(),
      staleMonths: z
        .number({ error: 'Enter a number of months.' })
        .int('Enter whole months.')
        .min(1, 'At least 1 month.')
        .max(60, 'At most 60 months.')
        .optional(),
    }),
    output: providerSettingsSchema,
    access: WRITERS,
    kind: 'mutation',
  }),
} as const;
