import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { PASSWORD_MAX_LENGTH } from '../domain/password';
import { empty, id, ok, procedure, requiredLine } from './procedure';

export const roleSchema = z.enum(ROLES, { error: 'Choose a role.' });

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Username is required.')
  .min(3, 'Username must be at least 3 characters.')
  .max(32, 'Username must be at most 32 characters.')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters, digits, dot, dash or underscore, starting with a letter or digit.');

/** The policy itself (length, banned list) is checked in the backend with context. */
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const displayNameSchema = requiredLine(80, 'Display name');

export const sessionUserSchema = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const userSummarySchema = sessionUserSchema.extend({
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  /**
   * Whether the account's key slot holds the clinical key: `yes`; `pending` (granted, taken up at its next
   * login); `needs_reset` (a clinical role whose slot cannot receive it: an administrator resets the password);
   * `no` (officers).
   */
  clinicalAccess: z.enum(['yes', 'pending', 'needs_reset', 'no']),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const usersContract = {
  'users.list': procedure({
    input: empty,
    output: z.object({ users: z.array(userSummarySchema) }),
    access: ['admin'],
    kind: 'query',
  }),
  'users.create': procedure({
    input: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      password: passwordSchema,
    }),
    output: z.object({ user: userSummarySchema }),
    access: ['admin'],
    kind: 'mutation',
  }),
  'users.update': procedure({
    input: z.strictObject({ id, displayName: displayNameSchema.optional(), role: roleSchema.optional() }),
    output: z.object({ user: userSummarySchema }),
    access: ['admin'],
    kind: 'mutation',
  }),
  'users.deactivate': procedure({
    input: z.strictObject({ id }),
    output: z.object({ user: userSummarySchema }),
    access: ['admin'],
    kind: 'mutation',
  }),
  /** Sets a temporary password (the user must change it at next login); reactivates a deactivated user. */
  'users.resetPassword': procedure({
    input: z.strictObject({ id, password: passwordSchema }),
    output: z.object({ user: userSummarySchema }),
    access: ['admin'],
    kind: 'mutation',
  }),
  'users.unlock': procedure({
    input: z.strictObject({ id }),
    output: ok,
    access: ['admin'],
    kind: 'mutation',
  }),
} as const;
