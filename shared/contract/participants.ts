import { z } from 'zod';
import { CLINICAL_ROLES } from '../domain/roles';
import { EXIT_REASONS, PARTICIPANT_LIMITS as L, RETENTION_CHECK_DAYS } from '../domain/participants';
import { isoDate, staffRefSchema, text, vocab } from './fields';
import { id, procedure } from './procedure';

/**
 * Participant milestones (PRODUCT.md capability 6 b). Enrolment and first treatment engagement are derived
 * from referrals and contacts (shared/domain/participants.ts states the rules); retention checks, housing,
 * employment and exit are recorded by co-responders.
 */

const date = isoDate('Date');
const note = text(L.note, 'Note').default('');

export const manualMilestoneInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('retention'),
      checkDays: z.literal(RETENTION_CHECK_DAYS, { error: 'Retention check: choose the 30-, 60- or 90-day check.' }),
      date: isoDate('Date of the check'),
      stillEngaged: z.boolean({ error: 'Still engaged in treatment: answer yes or no.' }),
      note,
    }),
    z.strictObject({ kind: z.literal('housing'), date, note }),
    z.strictObject({ kind: z.literal('employment'), date, note }),
    z.strictObject({ kind: z.literal('exited'), date, reason: vocab(EXIT_REASONS, 'Reason for leaving'), note }),
  ],
  { error: 'Milestone: choose what to record.' },
);
export type ManualMilestoneInput = z.input<typeof manualMilestoneInputSchema>;

export const manualMilestoneSchema = z.object({
  id,
  personId: id,
  kind: z.string(),
  date: z.string(),
  checkDays: z.number().int().nullable(),
  stillEngaged: z.boolean().nullable(),
  exitReason: z.string().nullable(),
  /** Sealed with the clinical key: empty for anyone without it (officers). */
  note: z.string(),
  /** Whether there is a note, even when it is not shown. */
  hasNote: z.boolean(),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
});
export type ManualMilestone = z.infer<typeof manualMilestoneSchema>;

export const retentionCheckSchema = z.object({
  checkDays: z.number().int(),
  dueOn: z.string(),
  /** recorded; due (from a week before the due day until it passes); overdue; upcoming. */
  state: z.enum(['recorded', 'due', 'overdue', 'upcoming']),
  record: manualMilestoneSchema.nullable(),
});
export type RetentionCheck = z.infer<typeof retentionCheckSchema>;

/** A person's milestones: the derived ones, the retention schedule, and everything recorded by hand. */
export const participantSummarySchema = z.object({
  /** First contact that led to a referral (see shared/domain/participants.ts). */
  enrolledOn: z.string().nullable(),
  enrolmentContactId: z.string().nullable(),
  firstEngagedOn: z.string().nullable(),
  engagementReferralId: z.string().nullable(),
  daysToEngagement: z.number().int().nullable(),
  /** Null until there is both a first contact and an engagement. */
  engagedWithinWindow: z.boolean().nullable(),
  checks: z.array(retentionCheckSchema),
  /** The latest exit on record, if any. */
  exited: manualMilestoneSchema.nullable(),
  manual: z.array(manualMilestoneSchema),
});
export type ParticipantSummary = z.infer<typeof participantSummarySchema>;

/** One entry of a person's timeline for a milestone reached. */
export const participantEventSchema = z.object({
  code: z.enum(['enrolled', 'first_engagement', 'retention', 'housing', 'employment', 'exited']),
  date: z.string(),
  derived: z.boolean(),
  daysToEngagement: z.number().int().nullable(),
  engagedWithinWindow: z.boolean().nullable(),
  manual: manualMilestoneSchema.nullable(),
});
export type ParticipantEvent = z.infer<typeof participantEventSchema>;

/** A retention check due for one of a co-responder's people (home screen). */
export const retentionDueSchema = z.object({
  personId: id,
  personName: z.string(),
  checkDays: z.number().int(),
  dueOn: z.string(),
  firstEngagedOn: z.string(),
  overdue: z.boolean(),
});
export type RetentionDue = z.infer<typeof retentionDueSchema>;

export const participantsContract = {
  'participants.record': procedure({
    input: z.strictObject({ personId: id, milestone: manualMilestoneInputSchema }),
    output: z.object({ milestone: manualMilestoneSchema }),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
  /** Takes back a milestone recorded in error; it is kept (with who removed it, when and why), no longer shown. */
  'participants.remove': procedure({
    input: z.strictObject({
      id,
      reason: text(L.removeReason, 'Reason').pipe(z.string().min(3, 'Reason: say why the milestone is removed.')),
    }),
    output: z.object({}),
    access: CLINICAL_ROLES,
    kind: 'mutation',
  }),
} as const;
