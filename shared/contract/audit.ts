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

/** `SEQ:HASH`, as printed by the audit screen, `audit verify` and every export. */
export const anchorTextSchema = z
  .string()
  .trim()
  .regex(
    /^\d{1,12}\s*:\s*[0-9a-fA-F]{64}$/,
    'Anchor: enter it as the sequence number, a colon and the 64-character hash, e.g. 1234:9f86d0…',
  );

export const anchorCheckSchema = z.object({
  seq: z.number(),
  hash: z.string(),
  /** Where the anchor came from: typed in (or given to `audit verify --anchor`), the key file's copy, or the newest good backup (the backup log). */
  source: z.enum(['entered', 'key file', 'backup log']),
  status: z.enum(['ok', 'truncated', 'rewritten']),
});
export type AnchorCheck = z.infer<typeof anchorCheckSchema>;

/** How the window and the messages name where an anchor came from. */
export const ANCHOR_SOURCE_LABELS: Record<AnchorCheck['source'], string> = {
  entered: 'the anchor entered',
  'key file': 'the copy in the key file',
  'backup log': 'the newest backup (in the backup log)',
};

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBadSeq: z.number().nullable(),
  /** One plain sentence for the first problem found, or null. */
  problem: z.string().nullable(),
  /** The head to write down or print now: `seq:hash`. */
  head: z.object({ seq: z.number(), hash: z.string(), at: z.string(), anchor: z.string() }).nullable(),
  anchors: z.array(anchorCheckSchema),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;

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
  /**
   * Recomputes the hash chain (any edited, renumbered or deleted entry breaks it) and checks it against
   * the key file's copy of the head and, if given, an anchor written down or printed earlier.
   */
  'audit.verify': procedure({
    input: z.strictObject({ anchor: anchorTextSchema.optional() }),
    output: auditVerifySchema,
    access: ['admin'],
    kind: 'query',
  }),
} as const;
