import type { systemContract } from '../../../shared/contract/system';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { tableCounts } from '../db/open';
import { AppError } from '../errors';
import type { HandlersFor } from '../router';
import { findUserSlot, openSlot } from '../vault/slots';
import { setIdleLockMinutes } from './idleLock';
import { getSettings, setDepartment } from './settings';

export const systemHandlers: HandlersFor<typeof systemContract> = {
  'system.state': (ctx) => {
    const backend = ctx.backend;
    const session = backend.session;
    if (!backend.isSetUp()) {
      return {
        setupDone: false,
        dataFolder: backend.dataFolder(),
        departmentName: null,
        banner: '',
        demo: false,
        idleLockMinutes: 15,
        session: null,
        notice: backend.notice,
        storeProblem: null,
      };
    }
    const pub = backend.readVault().public;
    return {
      setupDone: true,
      dataFolder: { path: backend.dataDir, state: 'ready' as const, problem: null },
      departmentName: pub.departmentName,
      banner: pub.banner,
      demo: pub.demo,
      idleLockMinutes: backend.idleLockMinutes(),
      session: session ? { user: session.user, locked: session.locked } : null,
      notice: backend.notice,
      storeProblem: backend.damage,
    };
  },

  'system.status': (ctx) => ({
    schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    tables: tableCounts(ctx.db),
  }),

  'settings.get': (ctx) => getSettings(ctx.backend),

  'settings.update': (ctx, input) => {
    const vault = ctx.backend.readVault();
    const changed: string[] = [];
    if (input.department) {
      setDepartment(ctx.db, input.department);
      vault.public.departmentName = input.department.name;
      changed.push('department');
    }
    if (input.banner !== undefined) {
      vault.public.banner = input.banner;
      changed.push('banner');
    }
    if (input.idleLockMinutes !== undefined) {
      setIdleLockMinutes(ctx.db, input.idleLockMinutes);
      ctx.backend.setIdleLockMinutes(input.idleLockMinutes);
      // A copy for the screen before login; the database's value is the one that counts.
      vault.public.idleLockMinutes = input.idleLockMinutes;
      changed.push('idleLockMinutes');
    }
    ctx.audit.detail = {
      changed: changed.join(','),
      ...(input.idleLockMinutes !== undefined ? { idleLockMinutes: input.idleLockMinutes } : {}),
    };
    ctx.backend.writeVault(vault);
    return getSettings(ctx.backend);
  },

  'system.revealKey': {
    async: async (ctx, input) => {
      const user = ctx.user;
      const vault = ctx.backend.readVault();
      const slot = findUserSlot(vault, user.username);
      const key = slot ? await openSlot(vault, slot, input.password) : null;
      if (!key) throw new AppError('bad_credentials', 'Your password is incorrect.', 'password');
      ctx.tx(() => undefined);
      return { keyHex: key.toString('hex') };
    },
  },
};
