import { z } from 'zod';
import { NEEDS } from '../domain/needs';
import { CLOSURE_REASONS, REFERRAL_LIMITS as L, REFERRAL_METHODS, REFERRAL_STATUSES } from '../domain/referrals';
import { consentSchema } from './consents';
import { isoDate, staffRefSchema, text, vocab, vocabSet } from './fields';
import { empty, id, procedure } from './procedure';
import { serviceSummarySchema } from './providers';

/** An administrator's override of the consent gate: a typed reason (e.g. a medical emergency, §2.51). Audited. */
export const overrideSchema = z.strictObject({
  reason: text(L.overrideReason, 'Override reason').pipe(
    z.string().min(10, 'Override reason: say why the information is disclosed without consent (at least 10 characters).'),
  ),
});

const statusEnum = vocab(REFERRAL_STATUSES, 'Status');

export const referralEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  by: staffRefSchema.nullable(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string(),
  closureReason: z.string().nullable(),
  engagedOn: z.string().nullable(),
});
export type ReferralEvent = z.infer<typeof referralEventSchema>;

export const referralSchema = z.object({
  id,
  personId: id,
  personName: z.string(),
  contactId: z.string().nullable(),
  /** The day of the contact the referral came from. */
  contactDate: z.string().nullable(),
  service: z.object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    organizationName: z.string(),
    /** False once the service has been removed from the directory (the referral keeps its name). */
    inDirectory: z.boolean(),
  }),
  needs: z.array(z.string()),
  serviceTypes: z.array(z.string()),
  /** What the referral discloses to the provider (consent categories). */
  categories: z.array(z.string()),
  method: z.string(),
  reason: z.string(),
  referredOn: z.string(),
  status: z.string(),
  statusChangedAt: z.string(),
  engagedOn: z.string().nullable(),
  closureReason: z.string().nullable(),
  /** Open, and no status change for the follow-up period (a coordinator setting). */
  needsFollowUp: z.boolean(),
  daysSinceChange: z.number().int(),
  /** What it may become next (for the buttons). */
  next: z.array(z.string()),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
  history: z.array(referralEventSchema),
});
export type Referral = z.infer<typeof referralSchema>;

export const suggestionSchema = z.object({
  service: serviceSummarySchema,
  score: z.number(),
  matchedNeeds: z.array(z.string()),
  /** Why it ranks where it does, in plain words: "matches: substance use", "Spanish spoken", "open now". */
  reasons: z.array(z.string()),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const referralSettingsSchema = z.object({ followUpDays: z.number().int() });

const needsInput = vocabSet(NEEDS, 'Needs').min(1, 'Needs: choose at least one need this referral is for.');

export const referralsContract = {
  /** Services ranked for these needs and this person: need match, language, open now / soon, walk-ins, verified. */
  'referrals.suggest': procedure({
    input: z.strictObject({
      needs: needsInput,
      personId: id.optional(),
      limit: z.number().int().min(1).max(50).default(12),
    }),
    output: z.object({ suggestions: z.array(suggestionSchema), candidates: z.number().int(), timeZone: z.string() }),
    access: 'session',
    kind: 'query',
  }),
  /**
   * A referral for a person (from one of their contacts, or from their page). Created as a draft, or
   * straight away as sent (which passes the consent gate, like a letter).
   */
  'referrals.create': procedure({
    input: z.strictObject({
      personId: id,
      contactId: id.nullable().default(null),
      needs: needsInput,
      serviceId: z.uuid({ error: 'Provider: choose a service from the directory.' }),
      method: vocab(REFERRAL_METHODS, 'Referral method'),
      reason: text(L.reason, 'Reason for referral').default(''),
      referredOn: isoDate('Date of referral').optional(),
      send: z.boolean().default(false),
      note: text(L.note, 'Note').default(''),
      override: overrideSchema.optional(),
    }),
    output: z.object({ referral: referralSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'referrals.get': procedure({
    input: z.strictObject({ id }),
    output: z.object({ referral: referralSchema }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  'referrals.list': procedure({
    input: z.strictObject({ personId: id.optional(), contactId: id.optional() }),
    output: z.object({ referrals: z.array(referralSchema) }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
  /** One step of the status machine; illegal steps are refused naming the current and requested state. */
  'referrals.transition': procedure({
    input: z.strictObject({
      id,
      to: statusEnum,
      note: text(L.note, 'Note').default(''),
      closureReason: vocab(CLOSURE_REASONS, 'Closing outcome').nullable().default(null),
      /** Required for `engaged`: the day of the first appointment attended. */
      engagedOn: isoDate('Engagement date').nullable().default(null),
      override: overrideSchema.optional(),
    }),
    output: z.object({ referral: referralSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  /** Home: referrals that need a follow-up (mine; everyone's for coordinators) and consents expiring soon. */
  'referrals.home': procedure({
    input: empty,
    output: z.object({
      needsFollowUp: z.array(referralSchema),
      needsFollowUpTotal: z.number().int(),
      expiringConsents: z.array(consentSchema),
      followUpDays: z.number().int(),
    }),
    access: 'session',
    kind: 'query',
  }),
  'referrals.settings': procedure({ input: empty, output: referralSettingsSchema, access: 'session', kind: 'query' }),
  'referrals.updateSettings': procedure({
    input: z.strictObject({
      followUpDays: z
        .number({ error: 'Follow-up after: enter a number of days.' })
        .int('Follow-up after: enter whole days.')
        .min(1, 'Follow-up after: at least 1 day.')
        .max(90, 'Follow-up after: at most 90 days.'),
    }),
    output: referralSettingsSchema,
    access: ['coordinator', 'admin'],
    kind: 'mutation',
  }),
} as const;
