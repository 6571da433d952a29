/**
 * The benchmark's large store: generated once per seed and size (and generator and schema version) into
 * `.bench-cache/` (git-ignored), as an encrypted store and an unencrypted twin of the same pages. Each run
 * works on fresh copies, so the cached stores never change.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend, Router } from '../../electron/backend';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { tableCounts } from '../../electron/backend/db/open';
import { withBulkLoad } from '../../electron/backend/demo/generator';
import { seedStore } from '../../electron/backend/demo/seed';
import { Random } from '../../electron/backend/demo/random';
import { DB_FILE } from '../../electron/backend/vault/file';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import { benchBackend, decryptCopy, type StoreKind } from './plain';

export const ROOT = resolve(__dirname, '../..');
export const CACHE_DIR = join(ROOT, '.bench-cache');

export interface Size {
  name: string;
  people: number;
  contacts: number;
  services: number;
  /** Referral letters stored (copies of real generated letters, attached to sent referrals). */
  letters: number;
  /** Audit entries of past use (the renderer measure scrolls through 10,000 of them). */
  auditEntries: number;
}

export const SIZES: Record<string, Size> = {
  full: { name: 'full', people: 50_000, contacts: 250_000, services: 2_000, letters: 2_000, auditEntries: 20_000 },
  small: { name: 'small', people: 2_000, contacts: 10_000, services: 200, letters: 100, auditEntries: 12_000 },
  tiny: { name: 'tiny', people: 300, contacts: 1_500, services: 60, letters: 20, auditEntries: 500 },
};

/** The bench accounts (the coordinator's slot has the production KDF cost: unlocking is measured). */
export const PASSWORD = 'bench-orange-kettle-harbour-42';
export const ACCOUNTS = {
  admin: { username: 'bench.admin', displayName: 'Bench Admin', role: 'admin' },
  coordinator: { username: 'bench.coordinator', displayName: 'Bench Coordinator', role: 'coordinator' },
  staff: [
    ...Array.from({ length: 6 }, (_, i) => ({
      username: `bench.officer${i + 1}`,
      displayName: `Officer ${i + 1}`,
      role: 'officer' as const,
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      username: `bench.coresponder${i + 1}`,
      displayName: `Co-responder ${i + 1}`,
      role: 'coresponder' as const,
    })),
  ],
} as const;

export type Progress = (message: string) => void;

export async function must<N extends ProcedureName>(router: Router, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await router.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/** What the store was generated from: a change to the generator or the schema makes a new one. */
function cacheKey(size: Size, seed: number): string {
  const hash = createHash('sha256');
  const sources = [join(ROOT, 'electron/backend/demo'), join(ROOT, 'scripts/bench')];
  for (const dir of sources) {
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      if (dir.endsWith('bench') && f !== 'store.ts') continue;
      hash.update(f).update(readFileSync(join(dir, f)));
    }
  }
  return `${size.name}-seed${seed}-schema${LATEST_SCHEMA_VERSION}-${hash.digest('hex').slice(0, 10)}`;
}

export interface StoreInfo {
  key: string;
  size: Size;
  seed: number;
  /** Fixed "now" of the data set (the generator's and the benchmark's clock). */
  now: number;
  counts: Record<string, number>;
  generationSeconds: number;
  megabytes: number;
}

export interface CachedStore {
  dir: string;
  info: StoreInfo;
  /** Whether it was generated in this run. */
  generated: boolean;
}

/** The cached store for this size and seed, generating it first when missing. */
export async function cachedStore(size: Size, seed: number, progress: Progress, rebuild = false): Promise<CachedStore> {
  const key = cacheKey(size, seed);
  const dir = join(CACHE_DIR, key);
  if (rebuild) rmSync(dir, { recursive: true, force: true });
  if (existsSync(join(dir, 'store.json'))) {
    return { dir, info: JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as StoreInfo, generated: false };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  // Stores of other seeds, sizes or generator versions are left alone; an interrupted build is removed.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const info = await generateStore(partial, key, size, seed, progress);
  writeFileSync(join(partial, 'store.json'), JSON.stringify(info, null, 2));
  renameSync(partial, dir);
  return { dir, info, generated: true };
}

/** Fixed clock of the data set: noon UTC on a fixed day, so that the same seed always gives the same store. */
export const BENCH_NOW = Date.parse('2026-11-02T17:00:00.000Z');

async function generateStore(dir: string, key: string, size: Size, seed: number, progress: Progress): Promise<StoreInfo> {
  const started = performance.now();
  const encDir = join(dir, 'encrypted');
  const plainDir = join(dir, 'plain');
  mkdirSync(encDir, { recursive: true });
  // Staff who only appear in the data get a cheap key slot; the coordinator, whose unlock is measured,
  // gets the app's real key-derivation cost.
  progress('accounts…');
  const setup = benchBackend('encrypted', { dataDir: encDir, now: () => BENCH_NOW, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
  try {
    await must(setup.router, 'auth.setup', {
      department: {
        name: 'Bench Police Department',
        addressLine1: '1 Station Way',
        city: 'Testville',
        state: 'IL',
        postalCode: '60426',
      },
      admin: { username: ACCOUNTS.admin.username, displayName: ACCOUNTS.admin.displayName, password: PASSWORD },
    });
    await must(setup.router, 'auth.login', { username: ACCOUNTS.admin.username, password: PASSWORD });
    for (const a of ACCOUNTS.staff) await must(setup.router, 'users.create', { ...a, password: PASSWORD });
  } finally {
    setup.backend.shutdown();
  }
  const { backend, router } = benchBackend('encrypted', { dataDir: encDir, now: () => BENCH_NOW });
  let keyHex = '';
  let counts: Record<string, number> = {};
  try {
    await must(router, 'auth.login', { username: ACCOUNTS.admin.username, password: PASSWORD });
    await must(router, 'users.create', { ...ACCOUNTS.coordinator, password: PASSWORD });
    // As in the demo store: bench accounts keep their password instead of choosing one at first login.
    backend.requireDb().prepare('UPDATE users SET must_change_password = 0').run();
    let shown = 0;
    const seeded = withBulkLoad(backend.requireDb(), () =>
      seedStore(backend, {
        people: size.people,
        contacts: size.contacts,
        services: size.services,
        seed,
        onProgress: (done) => {
          if (done.people - shown >= size.people / 10) {
            shown = done.people;
            progress(`people ${done.people.toLocaleString('en-US')}, contacts ${done.contacts.toLocaleString('en-US')}`);
          }
        },
      }),
    );
    progress(
      `generated ${seeded.people.toLocaleString('en-US')} people, ${seeded.contacts.toLocaleString('en-US')} contacts, ` +
        `${seeded.directory.services.toLocaleString('en-US')} services, ${(seeded.referrals?.referrals ?? 0).toLocaleString('en-US')} referrals`,
    );
    await addLetters(backend, router, size.letters, seed);
    addAuditHistory(backend, size.auditEntries, seed);
    keyHex = backend.requireDataKey().toString('hex');
    counts = tableCounts(backend.requireDb());
  } finally {
    backend.shutdown();
  }
  progress('unencrypted twin…');
  mkdirSync(plainDir, { recursive: true });
  for (const f of readdirSync(encDir)) if (!f.startsWith(DB_FILE)) copyFileSync(join(encDir, f), join(plainDir, f));
  copyFileSync(join(encDir, DB_FILE), join(plainDir, DB_FILE));
  decryptCopy(join(plainDir, DB_FILE), keyHex);
  const megabytes = Math.round(statSync(join(encDir, DB_FILE)).size / 1e6);
  return {
    key,
    size,
    seed,
    now: BENCH_NOW,
    counts,
    generationSeconds: Math.round((performance.now() - started) / 100) / 10,
    megabytes,
  };
}

/**
 * Referral letters: one real letter per template language through the router (consent gate, PDF, stored),
 * then copies of it for other sent referrals (letters are a small share of referrals; their PDFs all alike).
 */
async function addLetters(backend: Backend, router: Router, count: number, seed: number): Promise<void> {
  const db = backend.requireDb();
  const { templates } = await must(router, 'letters.templates', { kind: 'referral' });
  const candidates = db
    .prepare(
      `SELECT r.id FROM referrals r WHERE r.status IN ('sent', 'accepted', 'engaged') AND r.categories LIKE '%substance_use%'
        ORDER BY r.created_at DESC LIMIT 60`,
    )
    .pluck()
    .all() as string[];
  const made: string[] = [];
  for (const referralId of candidates) {
    if (made.length >= templates.length) break;
    const template = templates[made.length]!;
    const input = { referralId, templateId: template.id, clinicalSummary: '' };
    const preview = await must(router, 'letters.preview', input);
    if (!preview.gate.allowed) continue;
    made.push((await must(router, 'letters.generate', input)).letter.id);
  }
  if (!made.length) throw new Error('no referral passed the consent gate for a letter');
  const r = new Random(seed ^ 0x1e77e5);
  const sent = db
    .prepare(
      `SELECT id FROM referrals WHERE sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM letters l WHERE l.referral_id = referrals.id) ORDER BY id`,
    )
    .pluck()
    .all() as string[];
  const copy = db.prepare(
    `INSERT INTO letters (id, kind, person_id, referral_id, template_id, template_version, language, title, recipient_name,
       recipient_organization_id, clinical, part2_notice, pdf, document, sealed, sha256, byte_size, created_at, created_by)
     SELECT ?, l.kind, r.person_id, r.id, l.template_id, l.template_version, l.language, l.title, r.organization_name,
       r.organization_id, 0, l.part2_notice, l.pdf, l.document, NULL, l.sha256, l.byte_size, r.sent_at, r.created_by
       FROM letters l, referrals r WHERE l.id = ? AND r.id = ?`,
  );
  db.transaction(() => {
    for (let i = 0; i < Math.min(count, sent.length) - made.length; i++) {
      copy.run(r.uuid(), made[i % made.length]!, sent[r.int(0, sent.length - 1)]!);
    }
  })();
}

/**
 * A share of what ten years of use leave in the audit log (every search, opened record and save is
 * audited): staff reading and saving, in the real hash chain (`Backend.audit`).
 */
function addAuditHistory(backend: Backend, count: number, seed: number): void {
  const db = backend.requireDb();
  const r = new Random(seed ^ 0xa0d17);
  const staff = db.prepare(`SELECT id, username FROM users ORDER BY username`).all() as { id: string; username: string }[];
  const people = db.prepare(`SELECT id FROM persons ORDER BY rowid LIMIT 5000`).pluck().all() as string[];
  const actions = [
    ['people.search', 40],
    ['people.timeline', 25],
    ['home.dashboard', 15],
    ['contacts.create', 10],
    ['people.get', 10],
  ] as const;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const user = r.pick(staff);
      const action = r.weighted(actions);
      const person = action === 'people.search' || action === 'home.dashboard' ? null : r.pick(people);
      backend.audit({
        userId: user.id,
        username: user.username,
        action,
        outcome: 'success',
        targetType: person ? 'person' : null,
        targetId: person,
        detail: action === 'people.search' ? { results: r.int(0, 10) } : {},
      });
    }
  })();
}

/** Fresh working copies of both stores for one run (the measured writes land there, not in the cache). */
export function workingCopies(store: CachedStore, runDir: string): Record<StoreKind, string> {
  const out = {} as Record<StoreKind, string>;
  for (const kind of ['encrypted', 'plain'] as const) {
    const from = join(store.dir, kind);
    const to = join(runDir, kind);
    mkdirSync(to, { recursive: true, mode: 0o700 });
    for (const f of readdirSync(from)) copyFileSync(join(from, f), join(to, f));
    out[kind] = to;
  }
  return out;
}
