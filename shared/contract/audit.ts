import { z } from 'zod';
import { procedure } from './procedure';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditContract = {
  'audit.list': procedure({
    input: z.strictObject({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      action: z.string().max(64).optional(),
    }),
    /** `users`: the username of every staff id the entries refer to (targets, assignees), to show names, not ids. */
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number(), users: z.record(z.string(), z.string()) }),
    access: ['admin'],
    kind: 'query',
  }),
  /** Recomputes the hash chain: any edited or deleted entry breaks it. */
  'audit.verify': procedure({
    input: z.strictObject({}),
    output: z.object({ ok: z.boolean(), checked: z.number(), firstBadSeq: z.number().nullable() }),
    access: ['admin'],
    kind: 'query',
  }),
} as const;
