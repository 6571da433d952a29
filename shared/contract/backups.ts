import { z } from 'zod';
import { empty, ok, procedure } from './procedure';

/** An absolute folder or file path on this computer or a network share: /…, C:\…, \\server\share\…. */
export function pathSchema(label: string) {
  return z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(1024, `The ${label} must be at most 1024 characters.`)
    .refine((v) => !/[\u0000-\u001f\u007f]/u.test(v), `The ${label} must be a single line.`)
    .refine(
      (v) => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)/.test(v),
      `Enter the full ${label}, e.g. E:\\Deflect backups or /media/usb/deflect.`,
    );
}

export const BACKUP_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const KEEP_DAILY_MAX = 90;
export const KEEP_MONTHLY_MAX = 120;
/** The home screen warns administrators when the last good backup is older than this. */
export const BACKUP_STALE_DAYS = 3;

export const backupSettingsSchema = z.object({
  enabled: z.boolean(),
  folder: z.string(),
  /** Local time, HH:MM. */
  time: z.string(),
  keepDaily: z.number(),
  keepMonthly: z.number(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupSettingsInput = z.strictObject({
  enabled: z.boolean(),
  folder: z.union([z.literal(''), pathSchema('backup folder')]),
  time: z.string().regex(BACKUP_TIME_PATTERN, 'Enter a time as HH:MM, e.g. 02:30.'),
  keepDaily: z
    .number({ error: 'Enter a number of daily backups.' })
    .int('Enter a whole number.')
    .min(1, 'Keep at least 1 daily backup.')
    .max(KEEP_DAILY_MAX, `Keep at most ${KEEP_DAILY_MAX} daily backups.`),
  keepMonthly: z
    .number({ error: 'Enter a number of monthly backups.' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 or more monthly backups.')
    .max(KEEP_MONTHLY_MAX, `Keep at most ${KEEP_MONTHLY_MAX} monthly backups.`),
});

export const anchorSchema = z.object({ seq: z.number(), hash: z.string(), at: z.string() });

export const backupLogEntrySchema = z.object({
  id: z.string(),
  trigger: z.enum(['manual', 'scheduled', 'cli']),
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  /** The backup file (full path) when one was written and verified. */
  file: z.string().nullable(),
  folder: z.string(),
  bytes: z.number().nullable(),
  durationMs: z.number(),
  counts: z.record(z.string(), z.number()).nullable(),
  /** The audit log's head inside the backup: sequence number and hash. */
  anchor: anchorSchema.nullable(),
  schemaVersion: z.number().nullable(),
  /** Why it failed, in plain words. */
  message: z.string().nullable(),
});
export type BackupLogEntry = z.infer<typeof backupLogEntrySchema>;

export const JOB_KINDS = ['backup', 'restore', 'rotate'] as const;

export const restoreResultSchema = z.object({
  targetDir: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number(),
  counts: z.record(z.string(), z.number()),
  anchor: anchorSchema.nullable(),
  /** The backup is of the store this workstation uses (same store id). */
  sameStore: z.boolean(),
  /** The workstation now uses the restored store (the previous one was kept aside). */
  switched: z.boolean(),
  /** Where the previous store's files were kept, when switched. */
  replacedDir: z.string().nullable(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

/** A long store job (backup, restore, key rotation) as the window follows it. */
export const jobStateSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  startedAt: z.string(),
  /** What it is doing now, in words: "Copying the database", "Checking the copy"… */
  step: z.string(),
  /** 0–1 overall. */
  fraction: z.number(),
  done: z.boolean(),
  ok: z.boolean().nullable(),
  message: z.string().nullable(),
  /** The input field a failure is about (the backup file, the recovery key, the target folder). */
  field: z.string().nullable(),
  backup: backupLogEntrySchema.nullable(),
  restore: restoreResultSchema.nullable(),
  rotation: z
    .object({
      /** Accounts that take up the new keys at their next login. */
      kept: z.number(),
      /** Accounts that need a new password from an administrator. */
      needReset: z.array(z.string()),
      resealed: z.number(),
    })
    .nullable(),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const backupHealthSchema = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  folder: z.string(),
  reachable: z.boolean(),
  lastGoodAt: z.string().nullable(),
  nextAt: z.string().nullable(),
  /** For the home screen: what an administrator should do now, or null when all is well. */
  problem: z.string().nullable(),
});
export type BackupHealth = z.infer<typeof backupHealthSchema>;

const restoreInput = z.strictObject({
  file: pathSchema('backup file'),
  recoveryKey: z.string().trim().min(1, 'Enter the recovery key.').max(200, 'The recovery key is 39 characters.'),
  targetDir: pathSchema('folder to restore into'),
  /** Switch this workstation to the restored store once it is checked (the current one is kept aside). */
  useIt: z.boolean().default(false),
});

export const backupsContract = {
  'backups.settings': procedure({ input: empty, output: backupSettingsSchema, access: ['admin'], kind: 'query' }),
  'backups.updateSettings': procedure({
    input: backupSettingsInput,
    output: backupSettingsSchema,
    access: ['admin'],
    kind: 'mutation',
  }),
  /** Whether a folder can take backups: exists, writable, free space. */
  'backups.checkFolder': procedure({
    input: z.strictObject({ folder: pathSchema('backup folder') }),
    output: z.object({ ok: z.boolean(), message: z.string(), freeBytes: z.number().nullable() }),
    access: ['admin'],
    kind: 'query',
  }),
  'backups.health': procedure({ input: empty, output: backupHealthSchema, access: ['admin'], kind: 'query' }),
  'backups.log': procedure({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    /** `present`: the file is still in its folder (rotation removes old ones; a folder may be unplugged). */
    output: z.object({ entries: z.array(backupLogEntrySchema.extend({ present: z.boolean() })) }),
    access: ['admin'],
    kind: 'query',
  }),
  /**
   * Starts a backup now, to the configured folder or the one given; follow it with `backups.job`. Asked
   * without a folder while a backup is already running (the daily one), it returns that one (`joined`).
   */
  'backups.start': procedure({
    input: z.strictObject({
      folder: pathSchema('backup folder').optional(),
      /** Recorded in the backup log: from the window, or the command line (IT automation). */
      trigger: z.enum(['manual', 'cli']).default('manual'),
    }),
    output: z.object({ job: jobStateSchema, joined: z.boolean() }),
    access: ['admin'],
    kind: 'mutation',
  }),
  'backups.cancel': procedure({ input: empty, output: ok, access: ['admin'], kind: 'mutation' }),
  /** The running or last job; polled for the progress bar. */
  'backups.job': procedure({
    input: empty,
    output: z.object({ job: jobStateSchema.nullable() }),
    access: ['admin'],
    kind: 'query',
    passive: true,
  }),
  /**
   * Restores a backup into a new folder, after checking it. Also before login (a new workstation, or a
   * damaged store): the recovery key is the authority. Replacing a healthy store with a different one
   * needs an administrator's session.
   */
  'restore.start': procedure({
    input: restoreInput,
    output: z.object({ job: jobStateSchema }),
    access: 'public',
    kind: 'mutation',
  }),
  /** What the restore form needs before login: where to suggest restoring, and whether a store is in use here. */
  'restore.options': procedure({
    input: empty,
    output: z.object({ dataDir: z.string(), hasStore: z.boolean(), suggestedTarget: z.string() }),
    access: 'public',
    kind: 'query',
  }),
  'restore.job': procedure({
    input: empty,
    output: z.object({ job: jobStateSchema.nullable() }),
    access: 'public',
    kind: 'query',
    passive: true,
  }),
} as const;
