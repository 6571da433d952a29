import { afterAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../electron/backend/demo/seed';
import type { Report } from '../../shared/contract/reports';
import { setUpUnit } from './intake-helpers';

/**
 * A report gives the same figures for the same data and period, and the demo store holds the same data for
 * the same seed and "now" whatever the time zone of the machine that made it: its calendar dates (contact
 * days, referral and engagement days) are the department's (America/Chicago), as a station records them.
 * A demo store made on a server set to UTC once gave another median time to engagement than one made
 * elsewhere.
 */

const machineZone = process.env.TZ;
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

const QUARTERS = [
  { from: '2026-07-01', to: '2026-09-30' },
  { from: '2026-10-01', to: '2026-12-31' },
];

/** Seeds a store with the machine set to `seedZone`, then computes both quarters with it set to `computeZone`. */
async function figures(seedZone: string, computeZone = seedZone): Promise<Report['values'][]> {
  process.env.TZ = seedZone;
  const unit = await setUpUnit();
  seedStore(unit.backend, { people: 400, contacts: 4000, services: 60, seed: 11 });
  process.env.TZ = computeZone;
  await unit.as('coordinator');
  const out: Report['values'][] = [];
  for (const q of QUARTERS) out.push((await unit.call('reports.compute', { ...q, compare: true })).report.values);
  return out;
}

/** Figures that differ, as "quarter measure: a ≠ b" lines (empty when none). */
function differences(a: Report['values'][], b: Report['values'][]): string[] {
  return a.flatMap((values, i) =>
    Object.keys({ ...values, ...b[i] })
      .filter((k) => values[k] !== b[i]![k])
      .map((k) => `${QUARTERS[i]!.from} ${k}: ${values[k]} ≠ ${b[i]![k]}`),
  );
}

describe('the same data gives the same figures', () => {
  it('whatever the time zone of the machine that seeds the demo store or computes the report', async () => {
    const chicago = await figures('America/Chicago');
    // Enough engagement in the store for a day's shift to show in its median and distribution.
    expect(chicago[0]!.first_engagements).toBeGreaterThan(50);
    expect(chicago[0]!['days_to_engagement.median']).not.toBeNull();
    expect(differences(chicago, await figures('America/Chicago'))).toEqual([]);
    expect(differences(chicago, await figures('America/Chicago', 'UTC'))).toEqual([]);
    expect(differences(chicago, await figures('UTC'))).toEqual([]);
    expect(differences(chicago, await figures('Asia/Tokyo', 'Pacific/Honolulu'))).toEqual([]);
  }, 240_000);
});
