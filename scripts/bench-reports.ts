/**
 * Reports benchmark (ARCHITECTURE.md budgets: compute a quarterly report ≤ 300 ms, write its data package
 * ≤ 2 s) on a seeded unit: times the quarter's figures (reports/compute.ts), suppression, both data packages
 * and the PDF summary, the way the router runs them. Medians over repeated runs.
 *
 *   npx tsx scripts/bench-reports.ts                 # seeds a store of BENCH_PEOPLE / BENCH_CONTACTS first
 *   BENCH_DIR=/tmp/store npx tsx scripts/bench-reports.ts   # reuses (or creates and keeps) a seeded store there
 *
 * Seeding 50,000 people and 250,000 contacts with their referrals takes several minutes; keep the store
 * with BENCH_DIR to time again.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend';
import { seedStore } from '../electron/backend/demo/seed';
import { computeReport } from '../electron/backend/reports/compute';
import { writePackage } from '../electron/backend/reports/package';
import { departmentTimeZone, departmentToday } from '../electron/backend/calendar';
import { summaryPdf } from '../electron/backend/reports/summary';
import { suppress } from '../electron/backend/reports/suppress';
import { letterheadOf } from '../electron/backend/letters/letterhead';
import { lastFullQuarter, previousPeriod, yearPeriod } from '../shared/domain/reports/periods';
import type { InputOf, OutputOf, ProcedureName } from '../shared/contract';
import { makePackage, median } from './bench-directory';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 250_000);
const ADMIN = { username: 'admin', displayName: 'Bench Admin', password: 'orange-kettle-harbour-42' };

async function main(): Promise<void> {
  const keep = process.env.BENCH_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  const fresh = !existsSync(join(dir, 'deflect.vault.json'));
  try {
    const { backend, router } = createBackend({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
    const call = async <N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      const r = await router.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as OutputOf<N>;
    };
    if (fresh) {
      await call('auth.setup', {
        department: { name: 'Bench PD', addressLine1: '1 Bench Way', city: 'Testville', state: 'IL', postalCode: '60000' },
        admin: ADMIN,
      });
    }
    await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    if (fresh) {
      const imported = await call('providers.import', {
        fileName: 'bench.zip',
        contentBase64: Buffer.from(makePackage()).toString('base64'),
      });
      if (!imported.committed) throw new Error('directory import refused');
      const t = performance.now();
      const seeded = seedStore(backend, { people: PEOPLE, contacts: CONTACTS, seed: 7 });
      console.log(
        `seeded ${PEOPLE} people, ${CONTACTS} contacts, ${seeded.referrals?.referrals ?? 0} referrals in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
    }
    const db = backend.requireDb();
    const counts = db
      .prepare(
        'SELECT (SELECT count(*) FROM persons) AS people, (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM referrals) AS referrals',
      )
      .get() as { people: number; contacts: number; referrals: number };
    const latest = db.prepare('SELECT max(occurred_date) FROM contacts').pluck().get() as string;
    const timeZone = departmentTimeZone(db);
    const today = departmentToday(db, Date.now());
    const quarter = lastFullQuarter(latest);
    const inQuarter = db
      .prepare('SELECT count(*) FROM contacts WHERE occurred_date BETWEEN ? AND ?')
      .pluck()
      .get(quarter.from, quarter.to) as number;
    console.log(
      `store: ${counts.people} people, ${counts.contacts} contacts, ${counts.referrals} referrals; quarter ${quarter.from}..${quarter.to} holds ${inQuarter} contacts`,
    );
    const time = (label: string, runs: number, fn: () => unknown) => {
      fn();
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const c = process.cpuUsage();
        const t = performance.now();
        fn();
        ms.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
      }
      // CPU time too: on a shared machine the wall time also counts the time other processes held the cores.
      console.log(
        `${label.padEnd(56)} median ${median(ms).toFixed(1).padStart(8)} ms, CPU ${median(cpu).toFixed(1).padStart(8)} ms  (${runs} runs)`,
      );
    };
    const [load] = loadavg();
    console.log(`load average ${load!.toFixed(1)} on ${availableParallelism()} cores`);
    const opts = { timeZone, today };
    time('compute a quarterly report (budget 300 ms)', 15, () => computeReport(db, quarter, opts));
    time('compute the quarter and the one before (the screen)', 10, () => {
      computeReport(db, quarter, opts);
      computeReport(db, previousPeriod(quarter), opts);
    });
    const report = computeReport(db, quarter, opts);
    time('suppression of the quarter (threshold 10)', 15, () => suppress(report.values, report.months, 10));
    const suppression = suppress(report.values, report.months, 10);
    console.log(
      `  ${suppression.hidden.size} figures hidden (${suppression.primary.size} primary, ${suppression.complementary.size} complementary)`,
    );
    for (const profile of ['state', 'tta'] as const) {
      time(`compute + write the ${profile} data package (budget 2 s)`, 10, () => {
        const r = computeReport(db, quarter, opts);
        writePackage({
          report: r,
          suppression: suppress(r.values, r.months, 10),
          profile,
          department: { name: 'Bench PD', phone: '' },
          createdIso: new Date().toISOString(),
          auditAnchor: null,
        });
      });
    }
    const head = letterheadOf(db);
    time('compute + PDF summary (two quarters, charts)', 5, () => {
      const r = computeReport(db, quarter, opts);
      const p = computeReport(db, previousPeriod(quarter), opts);
      summaryPdf({
        report: r,
        suppression: suppress(r.values, r.months, 10),
        previous: { report: p, suppression: suppress(p.values, p.months, 10) },
        letterhead: head,
        createdIso: new Date().toISOString(),
        auditAnchor: null,
      });
    });
    const year = yearPeriod(Number(quarter.from.slice(0, 4)));
    time(`compute a year (${year.from.slice(0, 4)})`, 5, () => computeReport(db, year, opts));
    const first = db.prepare('SELECT min(occurred_date) FROM contacts').pluck().get() as string;
    time(`compute the whole store (${first}..${latest})`, 3, () => computeReport(db, { from: first, to: latest }, opts));
    await call('auth.logout', {});
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
