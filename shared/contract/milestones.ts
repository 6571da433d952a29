import { z } from 'zod';
import { MILESTONE_CATEGORIES, MILESTONE_LIMITS as L, MILESTONE_STATUSES, TIME_OF_DAY } from '../domain/milestones';
import { isoDate, staffRefSchema, text, vocab } from './fields';
import { retentionDueSchema } from './participants';
import { empty, id, line, procedure, requiredLine } from './procedure';

/** Programme milestones (PRODUCT.md capability 6 a): the plan agreed with the TTA provider. */

const WRITERS = ['coordinator', 'admin'] as const;

/**
 * A milestone as a coordinator enters it. The owner is a staff account (`ownerUserId`) or a named partner
 * (`ownerName`), exactly one of them. An event date comes with its time, in the department's time zone.
 */
export const milestoneFieldsSchema = z.strictObject({
  title: requiredLine(L.title, 'Title'),
  description: text(L.description, 'Description').default(''),
  category: vocab(MILESTONE_CATEGORIES, 'Category'),
  ownerUserId: z.uuid({ error: 'Owner: choose a staff member.' }).nullable().default(null),
  ownerName: line(L.ownerName, 'Owner (partner)').default(''),
  dueDate: isoDate('Due date'),
  eventDate: isoDate('Event date').nullable().default(null),
  eventTime: z
    .string({ error: 'Event time: enter a time such as 10:00.' })
    .regex(TIME_OF_DAY, 'Event time: enter a time such as 10:00.')
    .nullable()
    .default(null),
  status: vocab(MILESTONE_STATUSES, 'Status').default('planned'),
  completedOn: isoDate('Completion date').nullable().default(null),
  evidence: text(L.evidence, 'Evidence').default(''),
  organizationIds: z
    .array(id)
    .max(L.organizations, `Partner organisations: at most ${L.organizations}.`)
    .refine((v) => new Set(v).size === v.length, 'Partner organisations: each may be listed only once.')
    .default([]),
});
export type MilestoneFields = z.input<typeof milestoneFieldsSchema>;
export type ParsedMilestoneFields = z.output<typeof milestoneFieldsSchema>;

export const milestoneSchema = z.object({
  id,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  owner: z.object({ userId: z.string().nullable(), name: z.string() }),
  dueDate: z.string(),
  eventDate: z.string().nullable(),
  eventTime: z.string().nullable(),
  /** The IANA zone the event time is in (the department's when it was saved). */
  eventTimeZone: z.string().nullable(),
  status: z.string(),
  completedOn: z.string().nullable(),
  evidence: z.string(),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), inDirectory: z.boolean() })),
  /** The starter-plan item it was created from, if any. */
  templateKey: z.string().nullable(),
  /** Open (planned, in progress, at risk) and due before today, in the department's time zone. */
  overdue: z.boolean(),
  /** Open and due today or within the next 14 days. */
  dueSoon: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
  updatedAt: z.string(),
  updatedBy: staffRefSchema.nullable(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const milestoneHistoryEntrySchema = z.object({
  at: z.string(),
  by: staffRefSchema.nullable(),
  /** A field of `milestoneFieldsSchema`, or `created`. */
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type MilestoneHistoryEntry = z.infer<typeof milestoneHistoryEntrySchema>;

const ownerKey = z
  .string()
  .max(200)
  .regex(/^(user:[0-9a-f-]{36}|partner:.+)$/u, 'Owner: choose an owner from the list.');

export const milestonesContract = {
  /** The plan, by due date; optionally only some statuses, categories or one owner (`user:ID` / `partner:NAME`). */
  'milestones.list': procedure({
    input: z.strictObject({
      statuses: z.array(vocab(MILESTONE_STATUSES, 'Status')).max(MILESTONE_STATUSES.length).default([]),
      categories: z.array(vocab(MILESTONE_CATEGORIES, 'Category')).max(MILESTONE_CATEGORIES.length).default([]),
      owner: ownerKey.nullable().default(null),
    }),
    output: z.object({
      milestones: z.array(milestoneSchema),
      /** Everyone who owns a milestone, for the owner filter. */
      owners: z.array(z.object({ key: z.string(), label: z.string() })),
      /** Over the whole plan, whatever the filter. */
      counts: z.object({ total: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int(), done: z.number().int() }),
      /** Starter-plan items already in the plan, by key. */
      starterKeys: z.array(z.string()),
      today: z.string(),
      timeZone: z.string(),
    }),
    access: 'session',
    kind: 'query',
  }),
  'milestones.get': procedure({
    input: z.strictObject({ id }),
    output: z.object({ milestone: milestoneSchema, history: z.array(milestoneHistoryEntrySchema) }),
    access: 'session',
    kind: 'query',
  }),
  /** Staff who can own a milestone and the directory's organisations, for the milestone form. */
  'milestones.options': procedure({
    input: empty,
    output: z.object({
      staff: z.array(z.object({ id, displayName: z.string(), role: z.string() })),
      organizations: z.array(z.object({ id, name: z.string() })),
      timeZone: z.string(),
    }),
    access: WRITERS,
    kind: 'query',
  }),
  'milestones.create': procedure({
    input: z.strictObject({ milestone: milestoneFieldsSchema }),
    output: z.object({ milestone: milestoneSchema }),
    access: WRITERS,
    kind: 'mutation',
  }),
  /** Replaces every field; `version` must be the one the user saw (else: changed meanwhile). Each change is kept. */
  'milestones.update': procedure({
    input: z.strictObject({ id, version: z.number().int().min(1), milestone: milestoneFieldsSchema }),
    output: z.object({ milestone: milestoneSchema }),
    access: WRITERS,
    kind: 'mutation',
  }),
  /**
   * Adds the starter plan's milestones that are not yet in the plan, due at their offsets from `startDate`,
   * owned by the caller. Starting it again adds nothing that is already there.
   */
  'milestones.startPlan': procedure({
    input: z.strictObject({ startDate: isoDate('Start date') }),
    output: z.object({ added: z.number().int(), alreadyThere: z.number().int() }),
    access: WRITERS,
    kind: 'mutation',
  }),
  /**
   * Home: for coordinators and administrators, programme milestones overdue or due soon; for co-responders
   * and coordinators, their people's 30/60/90-day retention checks due this week (or missed lately).
   */
  'milestones.home': procedure({
    input: empty,
    output: z.object({
      programme: z.object({ overdue: z.array(milestoneSchema), dueSoon: z.array(milestoneSchema) }).nullable(),
      retention: z.array(retentionDueSchema).nullable(),
      today: z.string(),
      weekEnd: z.string(),
    }),
    access: 'session',
    kind: 'query',
    auditRead: true,
  }),
} as const;
