import { z } from 'zod';
import { phoneNumber, usStateCode } from './fields';
import { empty, line, ok, procedure, requiredLine } from './procedure';
import { displayNameSchema, passwordSchema, sessionUserSchema, usernameSchema } from './users';

/** The letterhead. Only the name is needed to start; the address can be completed later in Settings. */
export const departmentSchema = z.strictObject({
  name: requiredLine(120, 'Department name'),
  addressLine1: line(120, 'Street address').default(''),
  addressLine2: line(120, 'Address line 2').default(''),
  city: line(80, 'City').default(''),
  state: usStateCode,
  postalCode: z
    .string()
    .trim()
    .max(10, 'Enter a ZIP code such as 60426 or 60426-1234.')
    .regex(/^(\d{5}(-\d{4})?)?$/, 'Enter a ZIP code such as 60426 or 60426-1234.')
    .default(''),
  phone: phoneNumber(40).default(''),
});
export type Department = z.infer<typeof departmentSchema>;

/**
 * The letterhead as stored and shown: plain strings, because details saved before a rule tightened (a
 * state written out, a phone with words) must still load, to be corrected in Settings.
 */
export const departmentViewSchema = z.object({
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  phone: z.string(),
});
export type DepartmentView = z.infer<typeof departmentViewSchema>;

export const loginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(64, 'Unknown username.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'Password is too long.'),
});

export const authContract = {
  /** First run: creates the encrypted store, the first admin and the recovery key (returned once). */
  'auth.setup': procedure({
    input: z.strictObject({
      department: departmentSchema,
      admin: z.strictObject({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }),
      /** The user confirmed a new store in a data folder named at start that holds none (state `confirm_new`). */
      newFolderConfirmed: z.literal(true).optional(),
    }),
    output: z.object({ recoveryKey: z.string() }),
    access: 'public',
    kind: 'mutation',
  }),
  /** Log in, or unlock a locked session. `resumed` is true when the same user unlocks their own session. */
  'auth.login': procedure({
    input: loginInput,
    output: z.object({
      user: sessionUserSchema,
      resumed: z.boolean(),
      idleLockMinutes: z.number(),
      /** The department's time zone (Directory settings): the window's "today" is the date there, as the backend's is. */
      timeZone: z.string(),
    }),
    access: 'public',
    kind: 'mutation',
  }),
  'auth.logout': procedure({ input: empty, output: ok, access: 'public', kind: 'mutation' }),
  'auth.lock': procedure({
    input: z.strictObject({ reason: z.enum(['idle', 'manual', 'os']).default('manual') }),
    output: ok,
    access: 'session',
    kind: 'mutation',
  }),
  /** The window reports user activity (throttled) so the backend's own idle check stays in step. */
  'auth.heartbeat': procedure({ input: empty, output: ok, access: 'session', kind: 'query' }),
  'auth.changePassword': procedure({
    input: z.strictObject({ currentPassword: z.string().max(1024), newPassword: passwordSchema }),
    output: z.object({ user: sessionUserSchema }),
    access: 'session',
    kind: 'mutation',
  }),
  /** With the recovery key (shown once at setup), sets a new password for an administrator. */
  'auth.recover': procedure({
    input: z.strictObject({
      recoveryKey: z.string().trim().min(1, 'Enter the recovery key.').max(128, 'That is not a recovery key.'),
      username: usernameSchema,
      newPassword: passwordSchema,
    }),
    output: ok,
    access: 'public',
    kind: 'mutation',
  }),
} as const;
