import { z } from 'zod';
import { INTAKE_LIMITS as L } from '../domain/intake';
import { isoDate, staffRefSchema, text } from './fields';
import { empty, id, procedure } from './procedure';

export const FOLLOWUP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** A follow-up to add with a new contact, or on its own. */
export const followupFieldsSchema = z.strictObject({
  dueDate: isoDate('Due date'),
  assigneeId: z.uuid({ error: 'Assigned to: choose a staff member.' }),
  note: text(L.followupNote, 'Follow-up note').default(''),
});

export const followupSchema = z.object({
  id,
  personId: id,
  personName: z.string(),
  contactId: z.string().nullable(),
  dueDate: z.string(),
  assignee: staffRefSchema,
  note: z.string(),
  status: z.enum(FOLLOWUP_STATUSES),
  outcomeNote: z.string(),
  /** Open and due before today. */
  overdue: z.boolean(),
  createdAt: z.string(),
  createdBy: staffRefSchema.nullable(),
  closedAt: z.string().nullable(),
  closedBy: staffRefSchema.nullable(),
});
export type Followup = z.infer<typeof followupSchema>;

export const followupsContract = {
  'followups.create': procedure({
    input: z.strictObject({ personId: id, contactId: id.optional(), followup: followupFieldsSchema }),
    output: z.object({ followup: followupSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  /** Officers may change only follow-ups assigned to them or created by them. */
  'followups.update': procedure({
    input: z.strictObject({
      id,
      dueDate: isoDate('Due date').optional(),
      assigneeId: z.uuid({ error: 'Assigned to: choose a staff member.' }).optional(),
      note: text(L.followupNote, 'Follow-up note').optional(),
    }),
    output: z.object({ followup: followupSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'followups.close': procedure({
    input: z.strictObject({
      id,
      status: z.enum(['done', 'cancelled'], { error: 'Choose done or cancelled.' }),
      outcomeNote: text(L.followupNote, 'Outcome note').default(''),
    }),
    output: z.object({ followup: followupSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  'followups.reopen': procedure({
    input: z.strictObject({ id }),
    output: z.object({ followup: followupSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  /** Open follow-ups assigned to the caller: overdue first, then by due date. */
  'followups.mine': procedure({
    input: empty,
    output: z.object({ followups: z.array(followupSchema), overdue: z.number() }),
    access: 'session',
    kind: 'query',
  }),
} as const;
