/**
 * Milestones benchmark over a large seeded unit (ARCHITECTURE.md: 50,000 people, 250,000 contacts; the
 * referrals seeded with them): the participant-milestone counts a quarterly report needs, read from the
 * derived table and — for comparison — derived on the fly from every referral; a person's timeline with
 * milestones; the home lists; a referral status change with the triggers that keep the derived table.
 * Medians over repeated runs. Usage: npx tsx scripts/bench-milestones.ts   (BENCH_PEOPLE, BENCH_CONTACTS)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend';
import { seedStore } from '../electron/backend/demo/seed';
import { participantCounts } from '../electron/backend/milestones/report';
import type { InputOf, OutputOf, ProcedureName } from '../shared/contract';
import { ENGAGEMENT_WINDOW_DAYS } from '../shared/domain/participants';
import { quarterOf, quarterRange, shiftQuarter } from '../shared/domain/tta';
import { makePackage, median } from './bench-directory';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 250_000);
const PASSWORD = 'orange-kettle-harbour-42';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  try {
    const { backend, router } = createBackend({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
    const call = async <N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      const r = await router.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as OutputOf<N>;
    };
    const time = async (label: string, runs: number, fn: () => unknown) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      console.log(`${label.padEnd(64)} median ${median(ms).toFixed(1).padStart(8)} ms  (${runs} runs)`);
    };
    await call('auth.setup', {
      department: { name: 'Bench PD', addressLine1: '1 Bench Way', city: 'Testville', state: 'IL', postalCode: '60000' },
      admin: { username: 'admin', displayName: 'Bench Admin', password: PASSWORD },
    });
    await call('auth.login', { username: 'admin', password: PASSWORD });
    const staff: Record<string, string> = {};
    for (const role of ['coresponder', 'coordinator'] as const) {
      const { user } = await call('users.create', { username: role, displayName: `Bench ${role}`, role, password: PASSWORD });
      staff[role] = user.id;
    }
    const imported = await call('providers.import', {
      fileName: 'bench.zip',
      contentBase64: Buffer.from(makePackage()).toString('base64'),
    });
    if (!imported.committed) throw new Error('directory import refused');
    const t = performance.now();
    const seeded = seedStore(backend, { people: PEOPLE, contacts: CONTACTS, seed: 7 });
    // A long load outlasts the inactivity lock: log in again.
    await call('auth.login', { username: 'admin', password: PASSWORD });
    const db = backend.requireDb();
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    console.log(
      `seeded ${PEOPLE} people, ${CONTACTS} contacts, ${seeded.referrals?.referrals ?? 0} referrals, ` +
        `${seeded.milestones.retentionChecks} retention checks in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
        `${one('SELECT count(*) FROM participant_progress')} people enrolled, ` +
        `${one('SELECT count(*) FROM participant_progress WHERE first_engaged_on IS NOT NULL')} engaged`,
    );

    const today = new Date().toISOString().slice(0, 10);
    const { from, to } = quarterRange(shiftQuarter(quarterOf(today), -1));
    await time(`report: participant milestones of a quarter (derived table)`, 30, () => participantCounts(db, from, to));
    // The same enrolment / 30-day figures derived on the fly from every referral, as a query without the table would.
    const onTheFly = db.prepare(
      `WITH p AS (
         SELECT r.person_id, min(coalesce(c.occurred_date, r.referred_on)) AS first_contact_on,
                min(CASE WHEN r.engaged_on IS NOT NULL AND r.status IN ('engaged','completed','closed') THEN r.engaged_on END) AS first_engaged_on
           FROM referrals r LEFT JOIN contacts c ON c.id = r.contact_id WHERE r.sent_at IS NOT NULL GROUP BY r.person_id)
       SELECT count(*) AS enrolled, count(first_engaged_on) AS engaged,
              sum(julianday(first_engaged_on) - julianday(first_contact_on) <= ${ENGAGEMENT_WINDOW_DAYS}) AS within
         FROM p WHERE first_contact_on BETWEEN ? AND ?`,
    );
    await time(`  for comparison: the same counts derived on the fly`, 10, () => onTheFly.get(from, to));
    const counts = participantCounts(db, from, to);
    console.log(
      `  ${from} – ${to}: ${counts.enrolled} enrolled, ${counts.enrolledEngagedWithinWindow} engaged within ${ENGAGEMENT_WINDOW_DAYS} days, ` +
        `median ${counts.medianDaysToEngagement} days`,
    );

    const busy = db
      .prepare(
        `SELECT g.person_id FROM participant_progress g JOIN referrals r ON r.person_id = g.person_id
          WHERE g.first_engaged_on IS NOT NULL GROUP BY g.person_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get() as string;
    await time('a busy person’s timeline, with their milestones', 20, () => call('people.timeline', { id: busy }));

    await call('auth.login', { username: 'coresponder', password: PASSWORD });
    await call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'amber-meadow-compass-28' });
    await time('home: a co-responder’s retention checks due this week', 20, () => call('milestones.home', {}));
    await call('auth.login', { username: 'coordinator', password: PASSWORD });
    await call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'silver-harbor-thistle-39' });
    await time('home: programme milestones and retention checks (coordinator)', 20, () => call('milestones.home', {}));
    await time('programme plan list', 20, () => call('milestones.list', {}));

    // A status change now also refreshes the person's derived row (triggers, same transaction).
    const engaged = db.prepare(`SELECT id, engaged_on FROM referrals WHERE status = 'engaged' LIMIT 40`).all() as {
      id: string;
      engaged_on: string;
    }[];
    let i = 0;
    await time('referral engagement taken back and recorded again (2 changes)', 20, async () => {
      const r = engaged[i++ % engaged.length]!;
      await call('referrals.transition', { id: r.id, to: 'accepted', note: 'Benchmark correction.' });
      await call('referrals.transition', { id: r.id, to: 'engaged', engagedOn: r.engaged_on });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
