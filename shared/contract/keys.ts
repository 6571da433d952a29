import { z } from 'zod';
import { jobStateSchema } from './backups';
import { empty, procedure } from './procedure';

export const rotationPreviewSchema = z.object({
  /** The new recovery key: shown now, before anything changes, and never again. */
  recoveryKey: z.string(),
  /** Accounts that keep working with their own password (they take up the new keys at their next login). */
  keep: z.array(z.object({ username: z.string(), displayName: z.string() })),
  /** Accounts whose key slot cannot take the new keys (written before version 2): they need a new password from an administrator. */
  needReset: z.array(z.object({ username: z.string(), displayName: z.string() })),
  expiresAt: z.string(),
});
export type RotationPreview = z.infer<typeof rotationPreviewSchema>;

export const keysContract = {
  /**
   * When the keys were last rotated, and by whom (from the audit log); and whether the recovery key also
   * opens the clinical compartment (false for a store upgraded from before the clinical key existed,
   * until a rotation issues a new recovery key).
   */
  'keys.status': procedure({
    input: empty,
    output: z.object({
      lastRotatedAt: z.string().nullable(),
      lastRotatedBy: z.string().nullable(),
      recoveryKeyOpensClinical: z.boolean(),
    }),
    access: ['admin'],
    kind: 'query',
  }),
  /**
   * First step of a key rotation: a new recovery key, to write down before anything changes, and which
   * accounts keep working. Valid for 15 minutes.
   */
  'keys.prepareRotation': procedure({ input: empty, output: rotationPreviewSchema, access: ['admin'], kind: 'mutation' }),
  /**
   * Rotates: a new data key (the database re-encrypted), a new clinical key (every clinical value
   * re-sealed), every key slot rewrapped, the new recovery key in force. The administrator types the new
   * recovery key back (proving it was written down) and their password. Follow it with `keys.job`.
   */
  'keys.rotate': procedure({
    input: z.strictObject({
      recoveryKey: z
        .string()
        .trim()
        .min(1, 'Type the new recovery key you wrote down.')
        .max(200, 'The recovery key is 39 characters.'),
      password: z.string().min(1, 'Enter your password.').max(1024),
    }),
    output: z.object({ job: jobStateSchema }),
    access: ['admin'],
    kind: 'mutation',
  }),
  'keys.job': procedure({
    input: empty,
    output: z.object({ job: jobStateSchema.nullable() }),
    access: ['admin'],
    kind: 'query',
    passive: true,
  }),
} as const;
