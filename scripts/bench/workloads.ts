/**
 * What the benchmark measures: each workload calls the real router exactly as the window does, on both
 * stores, with inputs drawn (deterministically) from the generated data.
 */
import type { Backend, Router } from '../../electron/backend';
import { familyName, givenName, misspell } from '../../electron/backend/demo/fakeNames';
import { Random } from '../../electron/backend/demo/random';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import { NEEDS, type Need } from '../../shared/domain/needs';

const NEED_CODES: readonly Need[] = NEEDS.map((n) => n.code);
import type { StoreKind } from './plain';
import { ACCOUNTS, BENCH_NOW, PASSWORD } from './store';

export interface Env {
  kinds: readonly StoreKind[];
  stores: Record<StoreKind, { backend: Backend; router: Router }>;
  seed: number;
  /** Scales iteration counts (smaller for quick runs). */
  scale: number;
}

export interface Prepared {
  step: (kind: StoreKind, i: number) => Promise<unknown>;
  /** Called once after the timed iterations: what else the workload found out. */
  finish?: () => Promise<Record<string, number | string>> | Record<string, number | string>;
}

export interface Workload {
  id: string;
  label: string;
  budgetMs: number | null;
  warmup: number;
  iterations: number;
  prepare: (env: Env) => Promise<Prepared>;
}

export async function call<N extends ProcedureName>(env: Env, kind: StoreKind, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await env.stores[kind].router.invoke(name, input);
  if (!r.ok) throw new Error(`${kind} ${name}: ${r.error.message}`);
  return r.value;
}

/** Reads inputs for the workloads from the encrypted store (not timed). Both stores hold the same rows. */
function sample<T>(env: Env, sql: string, ...params: unknown[]): T[] {
  return env.stores.encrypted.backend
    .requireDb()
    .prepare(sql)
    .all(...params) as T[];
}

interface NamedPerson {
  id: string;
  first_name: string;
  last_name: string;
}

const search: Workload = {
  id: 'person_search',
  label: 'person search as you type',
  budgetMs: 10,
  warmup: 20,
  iterations: 400,
  async prepare(env) {
    const r = new Random(env.seed ^ 0x5ea7c4);
    const people = sample<NamedPerson>(
      env,
      `SELECT id, first_name, last_name FROM persons
        WHERE merged_into IS NULL AND length(first_name) >= 3 AND length(last_name) >= 5 ORDER BY rowid`,
    );
    const pick = () => people[r.int(0, people.length - 1)]!;
    // As typed: a family name letter by letter from the second letter, then "given family" the same way.
    const typed: string[] = [];
    for (let k = 0; k < 12; k++) {
      const p = pick();
      for (let n = 2; n <= p.last_name.length; n++) typed.push(p.last_name.slice(0, n));
      for (let n = 1; n <= Math.min(4, p.last_name.length); n++) typed.push(`${p.first_name} ${p.last_name.slice(0, n)}`);
    }
    // Names that are not in the store at all (the common case before a new person is created).
    for (let k = 0; k < 20; k++) typed.push(`${givenName(r)} ${familyName(r)}`);
    // Misspelled: one typo in the family name or the given name, as typed by a tired officer.
    const misspelled = Array.from({ length: 100 }, () => {
      const p = pick();
      const inFamily = r.chance(0.7);
      const first = inFamily ? p.first_name : misspell(r, p.first_name);
      const last = inFamily ? misspell(r, p.last_name) : p.last_name;
      return { id: p.id, query: `${first} ${last}` };
    });
    const queries = [...typed, ...misspelled.map((m) => m.query)];
    return {
      step: (kind, i) => call(env, kind, 'people.search', { query: queries[i % queries.length]!, limit: 10 }),
      async finish() {
        let found = 0;
        for (const m of misspelled) {
          const { results } = await call(env, 'encrypted', 'people.search', { query: m.query, limit: 10 });
          if (results.some((x) => x.id === m.id)) found++;
        }
        return {
          misspelledFoundInTop10: found / misspelled.length,
          queries: queries.length,
          misspelledQueries: misspelled.length,
        };
      },
    };
  },
};

const intake: Workload = {
  id: 'save_intake',
  label: 'save an intake (new person, contact, needs, audit)',
  budgetMs: 10,
  warmup: 5,
  iterations: 100,
  async prepare(env) {
    const r = new Random(env.seed ^ 0x17a4e);
    const staff = sample<{ id: string; role: string }>(env, `SELECT id, role FROM users WHERE active = 1 ORDER BY username`);
    const officers = staff.filter((s) => s.role === 'officer').map((s) => s.id);
    const coResponders = staff.filter((s) => s.role === 'coresponder').map((s) => s.id);
    const now = env.stores.encrypted.backend.now();
    return {
      step: (kind, i) => {
        // The same inputs for both stores: a fresh generator per iteration.
        const g = new Random((env.seed ^ 0x17a4e) + i);
        void r;
        const needs = NEED_CODES.filter(() => g.chance(0.2));
        return call(env, kind, 'contacts.create', {
          subject: {
            kind: 'new',
            person: {
              firstName: givenName(g),
              lastName: familyName(g),
              birthYear: 1960 + g.int(0, 40),
              preferredLanguage: g.chance(0.15) ? 'es' : 'en',
            },
            allowDuplicate: true,
          },
          contact: {
            occurredAt: new Date(now - g.int(1, 600) * 60_000).toISOString(),
            location: '1400 block of Center St',
            pathway: 'officer_prevention',
            referralSource: 'patrol',
            needs: needs.length ? needs : ['opioid_use'],
            disposition: 'referred_info',
            officerIds: [g.pick(officers)],
            coResponderId: g.pick(coResponders),
            narrative: 'Met on patrol; talked through treatment options and gave a resource card.',
          },
        });
      },
    };
  },
};

const timeline: Workload = {
  id: 'person_timeline',
  label: "open a person's timeline",
  budgetMs: 20,
  warmup: 5,
  iterations: 100,
  async prepare(env) {
    // The busiest people (ten years of repeat contacts, referrals and letters) and people picked at random.
    const busy = sample<{ person_id: string }>(
      env,
      `SELECT person_id FROM contacts WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 10`,
    ).map((x) => x.person_id);
    const r = new Random(env.seed ^ 0x71e);
    // Only generated people: those the intake workload added have different ids in the two stores.
    const all = sample<{ id: string }>(
      env,
      `SELECT id FROM persons WHERE merged_into IS NULL AND created_at < ? ORDER BY rowid`,
      new Date(BENCH_NOW).toISOString(),
    ).map((x) => x.id);
    const ids = [...busy, ...Array.from({ length: 30 }, () => all[r.int(0, all.length - 1)]!)];
    return { step: (kind, i) => call(env, kind, 'people.timeline', { id: ids[i % ids.length]! }) };
  },
};

const home: Workload = {
  id: 'home_dashboard',
  label: 'home dashboard (coordinator)',
  budgetMs: 50,
  warmup: 5,
  iterations: 60,
  async prepare(env) {
    return {
      step: async (kind) => {
        // What the home screen asks for, in the same calls.
        await Promise.all([
          call(env, kind, 'home.dashboard', {}),
          call(env, kind, 'drafts.list', {}),
          call(env, kind, 'referrals.home', {}),
        ]);
      },
    };
  },
};

const LANGUAGES = ['es', 'en', 'pl', 'ar'];

const directory: Workload = {
  id: 'provider_directory',
  label: 'provider directory by need, language, open now',
  budgetMs: 50,
  warmup: 5,
  iterations: 80,
  async prepare(env) {
    return {
      step: (kind, i) =>
        call(env, kind, 'providers.search', {
          needs: [NEED_CODES[i % NEED_CODES.length]!],
          language: LANGUAGES[i % LANGUAGES.length]!,
          openNow: true,
        }),
    };
  },
};

const suggest: Workload = {
  id: 'referral_suggestions',
  label: 'provider suggestions for a referral',
  budgetMs: 50,
  warmup: 5,
  iterations: 80,
  async prepare(env) {
    const cases = sample<{ person_id: string; needs: string }>(
      env,
      `SELECT c.person_id, (SELECT group_concat(need) FROM contact_needs n WHERE n.contact_id = c.id) AS needs
         FROM contacts c WHERE c.person_id IS NOT NULL AND c.created_at < ? ORDER BY c.occurred_at DESC LIMIT 40`,
      new Date(BENCH_NOW).toISOString(),
    ).filter((c) => c.needs);
    return {
      step: (kind, i) => {
        const c = cases[i % cases.length]!;
        return call(env, kind, 'referrals.suggest', { needs: c.needs.split(',') as Need[], personId: c.person_id });
      },
    };
  },
};

const letter: Workload = {
  id: 'letter_pdf',
  label: 'referral letter PDF (gate, layout, PDF, stored)',
  budgetMs: 300,
  warmup: 3,
  iterations: 20,
  async prepare(env) {
    const { templates } = await call(env, 'encrypted', 'letters.templates', { kind: 'referral' });
    const candidates = sample<{ id: string }>(
      env,
      `SELECT id FROM referrals WHERE status IN ('sent', 'accepted', 'engaged') ORDER BY status_changed_at DESC LIMIT 80`,
    ).map((x) => x.id);
    const allowed: string[] = [];
    for (const id of candidates) {
      const preview = await call(env, 'encrypted', 'letters.preview', { referralId: id, templateId: templates[0]!.id });
      if (preview.gate.allowed) allowed.push(id);
      if (allowed.length >= 12) break;
    }
    if (!allowed.length) throw new Error('no referral passes the consent gate for a letter');
    return {
      step: (kind, i) =>
        call(env, kind, 'letters.generate', {
          referralId: allowed[i % allowed.length]!,
          templateId: templates[i % templates.length]!.id,
          clinicalSummary: '',
        }),
    };
  },
};

const unlock: Workload = {
  id: 'unlock',
  label: 'unlock to dashboard (KDF, open, migration check, home)',
  budgetMs: 1500,
  warmup: 1,
  iterations: 5,
  async prepare(env) {
    return {
      step: async (kind) => {
        // The store is closed and its key forgotten, as after a lock; then the password is typed again.
        await call(env, kind, 'auth.logout', {});
        await call(env, kind, 'auth.login', { username: ACCOUNTS.coordinator.username, password: PASSWORD });
        await Promise.all([
          call(env, kind, 'home.dashboard', {}),
          call(env, kind, 'drafts.list', {}),
          call(env, kind, 'referrals.home', {}),
        ]);
      },
    };
  },
};

/** The last complete quarter before the data set's "now". */
const QUARTER = { from: '2026-07-01', to: '2026-09-30' } as const;

const report: Workload = {
  id: 'quarter_report',
  label: "compute a quarter's report (with the quarter before)",
  budgetMs: 300,
  warmup: 2,
  iterations: 20,
  async prepare(env) {
    return { step: (kind) => call(env, kind, 'reports.compute', { ...QUARTER, compare: true }) };
  },
};

const dataPackage: Workload = {
  id: 'data_package',
  label: "write a quarter's data package (state profile, zip)",
  budgetMs: 2000,
  warmup: 1,
  iterations: 8,
  async prepare(env) {
    return { step: (kind, i) => call(env, kind, 'reports.exportPackage', { ...QUARTER, profile: i % 2 ? 'tta' : 'state' }) };
  },
};

export const WORKLOADS: readonly Workload[] = [
  search,
  intake,
  timeline,
  home,
  directory,
  suggest,
  letter,
  report,
  dataPackage,
  unlock,
];
