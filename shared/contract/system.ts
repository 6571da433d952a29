import { z } from 'zod';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../domain/session';
import { departmentSchema, departmentViewSchema } from './auth';
import { empty, procedure } from './procedure';
import { sessionUserSchema } from './users';

/** Refused, never silently clamped: the user is told what the field accepts. */
export const IDLE_LOCK_RANGE_MESSAGE = `Inactivity lock must be from ${IDLE_LOCK_MIN_MINUTES} to ${IDLE_LOCK_MAX_MINUTES} minutes (whole minutes).`;

/**
 * The data folder as found at start. `new`: a new installation, setup is offered. `confirm_new`: a folder named
 * at start (`--data-dir`, `DEFLECT_DATA_DIR`) that holds no store: setup only after the user confirms it.
 * `unreachable`: the folder or the drive it is on cannot be reached. `store_missing`: it held a store that is not
 * there now. The last two never offer setup; `problem` says what is wrong and what to do.
 */
export const dataFolderSchema = z.object({
  path: z.string(),
  state: z.enum(['ready', 'new', 'confirm_new', 'unreachable', 'store_missing']),
  problem: z.string().nullable(),
});
export type DataFolder = z.infer<typeof dataFolderSchema>;

export const systemStateSchema = z.object({
  setupDone: z.boolean(),
  dataFolder: dataFolderSchema,
  departmentName: z.string().nullable(),
  banner: z.string(),
  demo: z.boolean(),
  idleLockMinutes: z.number(),
  session: z.object({ user: sessionUserSchema, locked: z.boolean() }).nullable(),
  /** What happened at start that the login screen should say (an interrupted key rotation or restore, finished or undone). */
  notice: z.string().nullable(),
  /** Set when the store failed its integrity check: what to do, for every screen to show. */
  storeProblem: z.string().nullable(),
});
export type SystemState = z.infer<typeof systemStateSchema>;

export const settingsSchema = z.object({
  department: departmentViewSchema,
  banner: z.string(),
  idleLockMinutes: z.number(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const systemContract = {
  /** What the window needs before anyone logs in: setup done? banner? current session? */
  'system.state': procedure({ input: empty, output: systemStateSchema, access: 'public', kind: 'query', passive: true }),
  'system.status': procedure({
    input: empty,
    output: z.object({
      schemaVersion: z.number(),
      appSchemaVersion: z.number(),
      tables: z.record(z.string(), z.number()),
    }),
    access: 'session',
    kind: 'query',
  }),
  'settings.get': procedure({ input: empty, output: settingsSchema, access: 'session', kind: 'query' }),
  'settings.update': procedure({
    input: z.strictObject({
      department: departmentSchema.optional(),
      banner: z
        .string()
        .trim()
        .min(20, 'The system-use banner must be at least 20 characters.')
        .max(2000, 'The system-use banner must be at most 2000 characters.')
        .optional(),
      idleLockMinutes: z
        .number({ error: IDLE_LOCK_RANGE_MESSAGE })
        .int(IDLE_LOCK_RANGE_MESSAGE)
        .min(IDLE_LOCK_MIN_MINUTES, IDLE_LOCK_RANGE_MESSAGE)
        .max(IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_RANGE_MESSAGE)
        .optional(),
    }),
    output: settingsSchema,
    access: ['admin'],
    kind: 'mutation',
  }),
  /** Admin only, re-enters their password, audited: the raw database key, so the department is never locked in. */
  'system.revealKey': procedure({
    input: z.strictObject({ password: z.string().min(1, 'Enter your password.').max(1024) }),
    output: z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/) }),
    access: ['admin'],
    kind: 'mutation',
  }),
} as const;
