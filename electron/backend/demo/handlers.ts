import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { demoContract } from '../../../shared/contract/demo';
import { DEMO_ACCOUNTS, DEMO_DEPARTMENT_NAME, DEMO_PASSWORD, DEMO_SIZE } from '../../../shared/domain/demo';
import type { Backend } from '../backend';
import { AppError } from '../errors';
import type { Ctx, HandlersFor, Router } from '../router';
import { readVault, VAULT_VERSION, vaultExists } from '../vault/file';
import { seedStore } from './seed';

/** The demonstration store lives beside the real one: `<data folder>-demo`. */
export function demoDirFor(backend: Backend): string {
  return `${backend.primaryDataDir.replace(/[\\/]+$/, '')}-demo`;
}

async function must<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new AppError('internal', `The demo store could not be created: ${r.error.message}`);
  return r.value;
}

/**
 * Builds the demo store with its own backend (accounts for every role, synthetic data, marked demo) in a
 * scratch folder, and moves it into place only when it is complete: an interrupted build leaves no store.
 */
async function buildDemoStore(target: string, ctx: Ctx): Promise<void> {
  const dir = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await fillDemoStore(dir, ctx);
    renameSync(dir, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fillDemoStore(dir: string, ctx: Ctx): Promise<void> {
  const like = ctx.backend;
  const { backend, router } = ctx.router.forStore({
    dataDir: dir,
    ...(like.options.kdfCost ? { kdfCost: like.options.kdfCost } : {}),
    ...(like.options.now ? { now: like.options.now } : {}),
    ...(like.options.nativeBinding ? { nativeBinding: like.options.nativeBinding } : {}),
  });
  try {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    await must(
      router.invoke('auth.setup', {
        department: { name: DEMO_DEPARTMENT_NAME },
        admin: { username: admin.username, displayName: admin.displayName, password: DEMO_PASSWORD },
      }),
    );
    await must(router.invoke('auth.login', { username: admin.username, password: DEMO_PASSWORD }));
    for (const account of DEMO_ACCOUNTS.filter((a) => a !== admin)) {
      await must(router.invoke('users.create', { ...account, password: DEMO_PASSWORD }));
    }
    // Demo accounts keep the published password instead of choosing their own at first login.
    backend.requireDb().prepare('UPDATE users SET must_change_password = 0').run();
    seedStore(backend, DEMO_SIZE);
    await demoLetters(router);
    const vault = backend.readVault();
    vault.public.demo = true;
    backend.writeVault(vault);
  } finally {
    backend.shutdown();
  }
}

/** A few letters in the demo store, made through the real letter path (consent gate, PDF, disclosure log). */
async function demoLetters(router: Router): Promise<void> {
  const templates = (await must(router.invoke('letters.templates', { kind: 'referral' }))).templates;
  const db = router.backend.requireDb();
  const candidates = db
    .prepare(
      `SELECT r.id, p.preferred_language AS language FROM referrals r JOIN persons p ON p.id = r.person_id
        WHERE r.status IN ('sent', 'accepted') AND r.categories LIKE '%substance_use%' ORDER BY r.created_at DESC LIMIT 40`,
    )
    .all() as { id: string; language: string | null }[];
  let made = 0;
  for (const c of candidates) {
    if (made >= DEMO_LETTERS) break;
    const template = templates.find((t) => t.language === (c.language === 'es' ? 'es' : 'en')) ?? templates[0];
    if (!template) return;
    const input = { referralId: c.id, templateId: template.id, clinicalSummary: '' };
    const preview = await router.invoke('letters.preview', input);
    if (!preview.ok || !preview.value.gate.allowed) continue;
    await must(router.invoke('letters.generate', input));
    made++;
  }
}

const DEMO_LETTERS = 4;

export const demoHandlers: HandlersFor<typeof demoContract> = {
  'demo.open': {
    async: async (ctx) => {
      const backend = ctx.backend;
      if (backend.session) throw new AppError('conflict', 'Log out first: the demo uses its own accounts and its own store.');
      const dir = demoDirFor(backend);
      if (!existsSync(dirname(dir)))
        throw new AppError(
          'unavailable',
          `The demonstration store goes beside the data folder, in ${dirname(dir)}, which cannot be reached (is the drive connected?). Nothing was changed.`,
        );
      let created = false;
      if (!vaultExists(dir)) {
        if (existsSync(dir))
          throw new AppError('conflict', `${dir} exists and is not a Deflect demo store; nothing was changed.`);
        await buildDemoStore(dir, ctx);
        created = true;
      } else if (!readVault(dir).public.demo) {
        throw new AppError('conflict', `${dir} holds a Deflect store that is not a demo; it was not opened.`);
      } else if (readVault(dir).version < VAULT_VERSION) {
        // A demo store from before version 2 (no clinical key, old key slots): nothing in it is real, so it is rebuilt.
        rmSync(dir, { recursive: true, force: true });
        await buildDemoStore(dir, ctx);
        created = true;
      }
      backend.useDemoStore(dir);
      return { created };
    },
  },

  'demo.leave': (ctx) => {
    // Outside the demo this does nothing (in particular, it does not end a real session).
    if (ctx.backend.dataDir !== ctx.backend.primaryDataDir) ctx.backend.useDemoStore(null);
    return {};
  },
};
