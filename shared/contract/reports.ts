import { z } from 'zod';
import { PROFILE_CODES } from '../domain/reports/catalogue';
import { isoDate, staffRefSchema } from './fields';
import { empty, procedure } from './procedure';

/**
 * Reports: a period's figures (everyone with an account; officers their own counts), the data packages and
 * PDF summary that leave the building (coordinators and administrators), the log of those exports, and the
 * suppression threshold. The figures are keyed as the measure catalogue keys them (shared/domain/reports).
 */

export const SUPPRESSION_LIMITS = { default: 10, max: 50 } as const;

const periodSchema = z.object({ from: z.string(), to: z.string() });
const periodInput = {
  from: isoDate('From'),
  to: isoDate('To'),
};

export const profileSchema = z.enum(PROFILE_CODES, { error: 'Profile: choose state or tta.' });

const valuesSchema = z.record(z.string(), z.number().nullable());

export const ttaAnswerRowSchema = z.object({
  quarter: z.string(),
  position: z.number().int(),
  question: z.string(),
  answerType: z.string(),
  /** A number as written, yes / no, or the text. */
  answer: z.string(),
});
export type TtaAnswerRow = z.infer<typeof ttaAnswerRowSchema>;

export const reportSchema = z.object({
  period: periodSchema,
  previous: periodSchema.nullable(),
  months: z.array(z.string()),
  previousMonths: z.array(z.string()),
  timeZone: z.string(),
  /** The department's date when the report was made: statuses are as of this day. */
  today: z.string(),
  scope: z.enum(['unit', 'own']),
  measures: z.array(z.string()),
  values: valuesSchema,
  previousValues: valuesSchema.nullable(),
  /** The TTA provider's questions answered for the quarters wholly in the period (empty in an officer's counts). */
  ttaAnswers: z.array(ttaAnswerRowSchema),
  /** The suppression threshold now, and the figures an export of this period would hide with it. */
  threshold: z.number().int(),
  hidden: z.array(z.string()),
  computedMs: z.number(),
});
export type Report = z.infer<typeof reportSchema>;

export const exportRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['package', 'pdf']),
  profile: profileSchema.nullable(),
  period: periodSchema,
  threshold: z.number().int(),
  hiddenCount: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  auditAnchor: z.string().nullable(),
  via: z.enum(['app', 'cli']),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

export const reportSettingsSchema = z.object({ threshold: z.number().int(), timeZone: z.string() });

const fileSchema = z.object({ fileName: z.string(), contentBase64: z.string(), export: exportRecordSchema });

const EXPORTERS = ['coordinator', 'admin'] as const;

export const reportsContract = {
  /** A period's figures, with the previous period beside them. Officers get their own counts. */
  'reports.compute': procedure({
    input: z.strictObject({ ...periodInput, compare: z.boolean().default(true) }),
    output: z.object({ report: reportSchema }),
    access: 'session',
    kind: 'query',
  }),
  /** A Frictionless data package (zip) of a period for one profile, suppressed; recorded in the export log. */
  'reports.exportPackage': procedure({
    input: z.strictObject({ ...periodInput, profile: profileSchema, via: z.enum(['app', 'cli']).default('app') }),
    output: fileSchema,
    access: EXPORTERS,
    kind: 'mutation',
  }),
  /** The PDF summary of a period for the chief or the council, suppressed; recorded in the export log. */
  'reports.exportPdf': procedure({
    input: z.strictObject({ ...periodInput, via: z.enum(['app', 'cli']).default('app') }),
    output: fileSchema,
    access: EXPORTERS,
    kind: 'mutation',
  }),
  'reports.exports': procedure({
    input: empty,
    output: z.object({ exports: z.array(exportRecordSchema) }),
    access: EXPORTERS,
    kind: 'query',
  }),
  'reports.settings': procedure({ input: empty, output: reportSettingsSchema, access: 'session', kind: 'query' }),
  /** 0 turns suppression off: only with `acknowledgeNoSuppression` after the window's warning (audited). */
  'reports.updateSettings': procedure({
    input: z.strictObject({
      threshold: z
        .number({ error: 'Suppression threshold: enter a whole number.' })
        .int('Suppression threshold: enter a whole number.')
        .min(0, 'Suppression threshold: it cannot be negative.')
        .max(SUPPRESSION_LIMITS.max, `Suppression threshold: at most ${SUPPRESSION_LIMITS.max}.`),
      acknowledgeNoSuppression: z.boolean().default(false),
    }),
    output: reportSettingsSchema,
    access: EXPORTERS,
    kind: 'mutation',
  }),
} as const;
