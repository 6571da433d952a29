import { z } from 'zod';
import { consentSchema, disclosureSchema } from './consents';
import { followupSchema } from './followups';
import { contactSchema, screeningSummarySchema } from './intake';
import { letterSchema } from './letters';
import { participantEventSchema, participantSummarySchema } from './participants';
import { mergeRecordSchema, personSchema } from './people';
import { id, procedure } from './procedure';
import { referralSchema } from './referrals';

/**
 * A person's timeline, newest first. Each item has a kind, the moment it sorts by, and its record.
 * Later capabilities (milestones) add their own kinds here.
 */
export const timelineItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact'), at: z.string(), contact: contactSchema }),
  z.object({ kind: z.literal('screening'), at: z.string(), screening: screeningSummarySchema }),
  z.object({ kind: z.literal('followup'), at: z.string(), followup: followupSchema }),
  z.object({ kind: z.literal('merge'), at: z.string(), merge: mergeRecordSchema }),
  z.object({ kind: z.literal('consent'), at: z.string(), consent: consentSchema }),
  z.object({ kind: z.literal('referral'), at: z.string(), referral: referralSchema }),
  z.object({ kind: z.literal('letter'), at: z.string(), letter: letterSchema }),
  z.object({ kind: z.literal('disclosure'), at: z.string(), disclosure: disclosureSchema }),
  z.object({ kind: z.literal('milestone'), at: z.string(), milestone: participantEventSchema }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineContract = {
  'people.timeline': procedure({
    input: z.strictObject({ id }),
    output: z.object({ person: personSchema, items: z.array(timelineItemSchema), milestones: participantSummarySchema }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
} as const;
