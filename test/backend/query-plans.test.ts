import { beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../electron/backend/demo/seed';
import type { InputOf, ProcedureName } from '../../shared/contract';
import type { Role } from '../../shared/domain/roles';
import { contactFields, setUpUnit, type Unit } from './intake-helpers';
import { type Executed, fullScans, recordStatements, rowWork } from './queryPlans';

/**
 * The hot paths of ARCHITECTURE.md's performance budgets (the same calls `npm run bench` times on 50,000
 * people): every statement they run must find its rows through an index. SQLite plans these queries the
 * same way on any size of store (no statistics tables), so a small seeded store shows the large one's plans.
 */

let unit: Unit;
let ids: { person: string; busy: string; referral: string; template: string; contact: string };

beforeAll(async () => {
  unit = await setUpUnit();
  seedStore(unit.backend, { people: 300, contacts: 1500, services: 60, seed: 5 });
  const db = unit.backend.requireDb();
  const one = (sql: string) => db.prepare(sql).pluck().get() as string;
  await unit.as('coordinator');
  const { templates } = await unit.call('letters.templates', { kind: 'referral' });
  const referrals = db
    .prepare(`SELECT id FROM referrals WHERE status IN ('sent','accepted','engaged') ORDER BY status_changed_at DESC LIMIT 50`)
    .pluck()
    .all() as string[];
  let referral = '';
  for (const id of referrals) {
    const { gate } = await unit.call('letters.preview', { referralId: id, templateId: templates[0]!.id, clinicalSummary: '' });
    if (gate.allowed) {
      referral = id;
      break;
    }
  }
  ids = {
    person: one(`SELECT id FROM persons WHERE last_name <> '' ORDER BY rowid LIMIT 1 OFFSET 17`),
    busy: one(`SELECT person_id FROM contacts WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1`),
    referral,
    template: templates[0]!.id,
    contact: one(`SELECT id FROM contacts WHERE person_id IS NOT NULL ORDER BY occurred_at DESC LIMIT 1`),
  };
  expect(ids.referral, 'a seeded referral passes the consent gate').not.toBe('');
}, 120_000);

/** Runs the calls as `role`, recording every statement; the calls must succeed. */
async function statementsOf(role: Role, calls: () => Promise<void>): Promise<Executed[]> {
  await unit.as(role);
  const recording = recordStatements(unit.backend.requireDb());
  try {
    await calls();
  } catch (err) {
    recording.stop();
    throw err;
  }
  return recording.stop();
}

function call<N extends ProcedureName>(name: N, input: InputOf<N>) {
  return unit.call(name, input);
}

/** "SCAN contacts  ←  SELECT …" lines, for a failure message that says which query regressed. */
function describeScans(executed: Executed[]): string[] {
  return fullScans(unit.backend.requireDb(), executed).map((s) => `${s.detail}  ←  ${s.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
}

function touchesGrowingTables(executed: Executed[]): boolean {
  return executed.some((e) => /\b(persons|contacts|referrals|consents|letters|followups|person_keys)\b/.test(e.sql));
}

const HOT: { name: string; role: Role; run: () => Promise<void> }[] = [
  {
    name: 'person search as you type (prefixes, full names, misspellings, date of birth)',
    role: 'officer',
    run: async () => {
      const db = unit.backend.requireDb();
      const p = db.prepare('SELECT first_name, last_name FROM persons WHERE id = ?').get(ids.person) as {
        first_name: string;
        last_name: string;
      };
      for (const query of [
        p.last_name.slice(0, 2),
        p.last_name.slice(0, 4),
        `${p.first_name} ${p.last_name}`,
        `${p.first_name} ${p.last_name.slice(0, -1)}x`,
      ])
        await call('people.search', { query, limit: 10 });
      await call('people.search', { query: p.last_name, dateOfBirth: '1988-04-12', limit: 10 });
    },
  },
  {
    name: 'saving an intake (duplicate check, new person, contact, needs, follow-up)',
    role: 'officer',
    run: async () => {
      const officer = unit.ids.officer;
      await call('people.findDuplicates', { person: { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' } });
      await call('contacts.create', {
        subject: {
          kind: 'new',
          person: { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' },
          allowDuplicate: true,
        },
        contact: contactFields(officer),
        followup: { dueDate: '2026-12-01', assigneeId: officer, note: '' },
      });
      await call('contacts.create', { subject: { kind: 'existing', personId: ids.person }, contact: contactFields(officer) });
    },
  },
  {
    name: "a person's timeline (the busiest person)",
    role: 'coordinator',
    run: async () => {
      await call('people.timeline', { id: ids.busy });
      await call('people.timeline', { id: ids.person });
    },
  },
  {
    name: 'home dashboard (coordinator)',
    role: 'coordinator',
    run: async () => {
      await call('home.dashboard', {});
      await call('drafts.list', {});
      await call('referrals.home', {});
    },
  },
  {
    name: 'home dashboard (officer)',
    role: 'officer',
    run: async () => {
      await call('home.dashboard', {});
      await call('drafts.list', {});
      await call('referrals.home', {});
    },
  },
  {
    name: 'provider directory and referral suggestions',
    role: 'coresponder',
    run: async () => {
      await call('providers.search', { needs: ['opioid_use'], language: 'es', openNow: true });
      await call('referrals.suggest', { needs: ['opioid_use', 'housing'], personId: ids.person });
    },
  },
  {
    name: 'a referral letter PDF',
    role: 'coordinator',
    run: async () => {
      await call('letters.generate', { referralId: ids.referral, templateId: ids.template, clinicalSummary: '' });
    },
  },
  {
    name: "a quarter's report (with its participant milestones, retention and programme), both data packages and the PDF summary",
    role: 'coordinator',
    run: async () => {
      await call('reports.compute', { from: '2026-07-01', to: '2026-09-30', compare: true });
      await call('reports.exportPackage', { from: '2026-07-01', to: '2026-09-30', profile: 'state' });
      await call('reports.exportPackage', { from: '2026-07-01', to: '2026-09-30', profile: 'tta' });
      await call('reports.exportPdf', { from: '2026-07-01', to: '2026-09-30' });
      await call('reports.exports', {});
    },
  },
  {
    name: 'unlock (login: key slot, open, migration check)',
    role: 'coordinator',
    run: async () => {
      await unit.as('coordinator');
    },
  },
];

describe('hot queries use indexes (EXPLAIN QUERY PLAN)', () => {
  for (const hot of HOT) {
    it(`${hot.name}: no full scan of a growing table`, async () => {
      const executed = await statementsOf(hot.role, hot.run);
      if (!hot.name.startsWith('unlock')) expect(touchesGrowingTables(executed), 'the recorder saw the queries').toBe(true);
      expect(describeScans(executed)).toEqual([]);
    });
  }

  it("the directory reads what it shows of each result through that service's own index entries", async () => {
    const executed = await statementsOf('coresponder', async () => {
      await call('providers.search', { needs: ['opioid_use'], openNow: true, limit: 50 });
    });
    const db = unit.backend.requireDb();
    const counts = new Map<string, number>();
    for (const e of executed) counts.set(e.sql, (counts.get(e.sql) ?? 0) + 1);
    const perResult = executed.filter((e, i) => (counts.get(e.sql) ?? 0) > 1 && executed.findIndex((x) => x.sql === e.sql) === i);
    expect(perResult.length, 'statements run once per result').toBeGreaterThan(3);
    const slow: string[] = [];
    for (const { sql, params } of perResult) {
      for (const { detail } of db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]) {
        // A scan, or the walk-ins lookup through the index on the term alone (every walk-in attribute of the directory).
        if ((/^SCAN /.test(detail) && !/VIRTUAL TABLE/.test(detail)) || /hsds_attribute_taxonomy_term_id/.test(detail))
          slow.push(`${detail}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
    }
    expect(slow).toEqual([]);
  });

  it("a quarter's report reads each period's contacts once, and its contacts, people, referrals and participants only from covering indexes, unsorted", async () => {
    const executed = await statementsOf('coordinator', async () => {
      await call('reports.compute', { from: '2026-07-01', to: '2026-09-30', compare: true });
    });
    const db = unit.backend.requireDb();
    const contactReads = executed.filter((e) => /\bFROM contacts\b/.test(e.sql));
    expect(contactReads.length, 'one pass over the contacts of each of the two quarters').toBe(2);
    expect(new Set(contactReads.map((e) => e.sql)).size).toBe(1);
    const lookups = executed.filter((e) => /\bJOIN persons\b/.test(e.sql));
    expect(lookups.length, 'the people of each quarter looked up in one statement').toBe(2);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${lookups[0]!.sql}`).all(...lookups[0]!.params) as { detail: string }[]).map(
      (p) => p.detail,
    );
    expect(plan).toContain('SEARCH p USING COVERING INDEX persons_report (id=?) LEFT-JOIN');
    const work = rowWork(db, executed, /^(contacts|persons|referrals|participant_progress)$/).map(
      (w) => `${w.detail}  ←  ${w.sql.replace(/\s+/g, ' ').slice(0, 200)}`,
    );
    expect(work).toEqual([]);
  });

  it('the covering check catches a lookup of each row and a sort of the period', () => {
    const db = unit.backend.requireDb();
    const work = rowWork(
      db,
      [
        {
          sql: `SELECT c.location FROM contacts c INDEXED BY contacts_report WHERE c.occurred_at >= ? AND c.occurred_at < ?`,
          params: ['2026-07-01', '2026-10-01'],
        },
        {
          sql: `SELECT c.person_id, count(*) FROM contacts c INDEXED BY contacts_report WHERE c.occurred_at >= ? AND c.occurred_at < ? GROUP BY c.person_id`,
          params: ['2026-07-01', '2026-10-01'],
        },
        {
          sql: `SELECT count(*) FROM contacts c INDEXED BY contacts_report WHERE c.occurred_at >= ? AND c.occurred_at < ?`,
          params: ['2026-07-01', '2026-10-01'],
        },
      ],
      /^contacts$/,
    );
    expect(work.map((w) => w.detail)).toEqual([
      'SEARCH c USING INDEX contacts_report (occurred_at>? AND occurred_at<?)',
      'USE TEMP B-TREE FOR GROUP BY',
    ]);
  });

  it('the check catches a full scan, through an alias and in a correlated subquery', () => {
    const db = unit.backend.requireDb();
    const scans = fullScans(db, [
      { sql: `SELECT id FROM contacts c WHERE c.narrative LIKE ?`, params: ['%welfare%'] },
      {
        sql: `SELECT (SELECT count(*) FROM referrals r WHERE r.method = p.zip) FROM persons p WHERE p.id = ?`,
        params: [ids.person],
      },
      { sql: `SELECT id FROM contacts WHERE person_id = ?`, params: [ids.person] },
    ]);
    expect(scans.map((s) => s.table)).toEqual(['contacts', 'referrals']);
  });

  it('the check catches a subquery that reads the same range for every outer row instead of the row’s own records', () => {
    const db = unit.backend.requireDb();
    const perRow = (index: string) =>
      fullScans(db, [
        {
          sql: `SELECT (SELECT max(m.still_engaged) FROM participant_milestones m INDEXED BY ${index}
                  WHERE m.person_id = p.person_id AND m.kind = 'retention' AND m.removed_at IS NULL)
                  FROM participant_progress p INDEXED BY participant_progress_engaged WHERE p.first_engaged_on BETWEEN ? AND ?`,
          params: ['2026-07-01', '2026-09-30'],
        },
      ]);
    expect(perRow('participant_milestones_kind').map((s) => s.detail)).toEqual([
      'per outer row: SEARCH m USING INDEX participant_milestones_kind (kind=?)',
    ]);
    expect(perRow('participant_milestones_person')).toEqual([]);
  });
});
