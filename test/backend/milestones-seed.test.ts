import { describe, expect, it } from 'vitest';
import { generate } from '../../electron/backend/demo/generator';
import { generateMilestones } from '../../electron/backend/demo/milestones';
import { generateReferrals } from '../../electron/backend/demo/referrals';
import { NOW, TODAY } from './intake-helpers';
import { setUpReferrals } from './referrals-helpers';

describe('seeded milestones', () => {
  it('give the demo a programme plan under way and retention checks for a share of the engaged people', async () => {
    const unit = await setUpReferrals();
    const db = unit.backend.requireDb();
    const clinicalKey = unit.backend.requireClinicalKey();
    generate(db, {
      people: 300,
      contacts: 1200,
      seed: 5,
      now: NOW,
      staff: { officers: [unit.ids.officer], coResponders: [unit.ids.coresponder], creator: unit.ids.admin },
      clinicalKey,
    });
    generateReferrals(db, { seed: 5, now: NOW, creator: unit.ids.admin });
    const opts = { seed: 5, now: NOW, coordinator: unit.ids.coordinator, coResponders: [unit.ids.coresponder], clinicalKey };
    const result = db.transaction(() => generateMilestones(db, opts)).immediate();
    expect(result.programme).toBe(10);
    expect(result.ttaAnswers).toBe(16);

    await unit.as('coordinator');
    const plan = await unit.call('milestones.list', {});
    expect(plan.counts.total).toBe(10);
    expect(plan.counts.done).toBeGreaterThanOrEqual(5);
    expect(plan.counts.overdue).toBe(1);
    expect(plan.milestones.find((m) => m.overdue)?.title).toBe('Community briefing');
    expect(plan.milestones.filter((m) => m.status === 'done').every((m) => m.evidence && m.completedOn! <= TODAY)).toBe(true);
    expect(plan.milestones.some((m) => m.eventTime)).toBe(true);
    const quarters = (await unit.call('tta.quarter', {})).quarters.map((q) => q.quarter);
    expect(quarters).toEqual(['2026-Q3', '2026-Q2']);

    // Checks only for people engaged long enough, never after "now", fewer still engaged at each check.
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const engaged = one(`SELECT count(*) FROM participant_progress WHERE first_engaged_on <= date('${TODAY}', '-30 days')`);
    const checked = one(`SELECT count(DISTINCT person_id) FROM participant_milestones WHERE kind = 'retention'`);
    expect(engaged).toBeGreaterThan(30);
    expect(checked / engaged).toBeGreaterThan(0.4);
    expect(checked / engaged).toBeLessThan(0.9);
    expect(one(`SELECT count(*) FROM participant_milestones WHERE date > '${TODAY}'`)).toBe(0);
    expect(
      one(`SELECT count(*) FROM participant_milestones m JOIN participant_progress g USING (person_id)
            WHERE m.kind = 'retention' AND m.date < g.first_engaged_on`),
    ).toBe(0);
    const still = (days: number) =>
      one(`SELECT avg(still_engaged) FROM participant_milestones WHERE kind = 'retention' AND check_days = ${days}`);
    expect(still(30)).toBeGreaterThan(still(90) - 0.05);
    expect(one(`SELECT count(*) FROM participant_milestones WHERE kind IN ('housing','exited')`)).toBeGreaterThan(0);

    // Seeding again (another seed) adds no second plan, and no second set of checks for the same people.
    const again = db.transaction(() => generateMilestones(db, { ...opts, seed: 6 })).immediate();
    expect(again.programme).toBe(0);
    expect(
      one(
        `SELECT count(*) FROM (SELECT 1 FROM participant_milestones WHERE kind = 'retention' GROUP BY person_id, check_days HAVING count(*) > 1)`,
      ),
    ).toBe(0);
  });
});
