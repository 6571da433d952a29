import { existsSync } from 'node:fs';
import type { backupsContract } from '../../../shared/contract/backups';
import { AppError } from '../errors';
import { tasksOf } from '../maintenance/tasks';
import type { HandlersFor } from '../router';
import { readBackupLog } from './log';
import { folderProblem, freeBytes } from './run';
import { currentStoreId } from './restore';
import { backupHealth, startBackup, startRestore, suggestedRestoreDir } from './service';
import { getBackupSettings, setBackupSettings } from './settings';

export const backupsHandlers: HandlersFor<typeof backupsContract> = {
  'backups.settings': (ctx) => getBackupSettings(ctx.db),

  'backups.updateSettings': (ctx, input) => {
    if (input.enabled && !input.folder) {
      throw new AppError('invalid_input', 'Choose a backup folder, or turn the daily backup off.', 'folder');
    }
    setBackupSettings(ctx.db, input);
    ctx.audit.detail = { enabled: input.enabled, time: input.time, keepDaily: input.keepDaily, keepMonthly: input.keepMonthly };
    return getBackupSettings(ctx.db);
  },

  'backups.checkFolder': (_ctx, input) => {
    const problem = folderProblem(input.folder);
    if (problem) return { ok: false, message: problem.message, freeBytes: problem.freeBytes };
    return { ok: true, message: 'Deflect can write backups to this folder.', freeBytes: freeBytes(input.folder) };
  },

  'backups.health': (ctx) => backupHealth(ctx.backend),

  'backups.log': (ctx, input) => ({
    entries: readBackupLog(ctx.backend.dataDir)
      .reverse()
      .slice(0, input.limit)
      .map((e) => ({ ...e, present: e.file !== null && existsSync(e.file) })),
  }),

  'backups.start': (ctx, input) => {
    const folder = input.folder ?? getBackupSettings(ctx.db).folder;
    if (!folder) throw new AppError('invalid_input', 'Choose a backup folder first.', 'folder');
    // "Back up now" while the daily backup (to the same, configured folder) is running: that backup is the one
    // asked for, so the window follows it instead of being told to wait.
    const running = tasksOf(ctx.backend).current();
    if (running && !running.done && running.kind === 'backup' && input.folder === undefined) {
      ctx.audit.detail = { folderGiven: false, trigger: input.trigger, joinedRunning: true };
      return { job: running, joined: true };
    }
    ctx.audit.detail = { folderGiven: input.folder !== undefined, trigger: input.trigger };
    return { job: startBackup(ctx.backend, folder, input.trigger), joined: false };
  },

  'backups.cancel': {
    async: async (ctx) => {
      await tasksOf(ctx.backend).cancel();
      return {};
    },
  },

  'backups.job': (ctx) => ({ job: tasksOf(ctx.backend).current('backup') }),

  'restore.start': (ctx, input) => ({ job: startRestore(ctx.backend, input) }),

  'restore.options': (ctx) => {
    const hasStore = currentStoreId(ctx.backend) !== null || existsSync(ctx.backend.dbPath);
    // A workstation without a store restores straight into its own data folder.
    return {
      dataDir: ctx.backend.primaryDataDir,
      hasStore,
      suggestedTarget: hasStore ? suggestedRestoreDir(ctx.backend) : ctx.backend.primaryDataDir,
    };
  },

  'restore.job': (ctx) => ({ job: tasksOf(ctx.backend).current('restore') }),
};
