import { describe, expect, it } from 'vitest';
import { generate } from '../../electron/backend/demo/generator';
import { generateReferrals } from '../../electron/backend/demo/referrals';
import { NOW, setUpUnit } from './intake-helpers';
import { setUpReferrals } from './referrals-helpers';

describe('seeded referrals', () => {
  it('follow realistic status histories: most engage within days, a tail takes weeks, a share never engages', async () => {
    const unit = await setUpReferrals();
    const db = unit.backend.requireDb();
    generate(db, {
      people: 400,
      contacts: 1600,
      seed: 11,
      now: NOW,
      staff: { officers: [unit.ids.officer], coResponders: [unit.ids.coresponder], creator: unit.ids.admin },
      clinicalKey: unit.backend.requireClinicalKey(),
    });
    const result = generateReferrals(db, { seed: 11, now: NOW, creator: unit.ids.admin });
    expect(result.skippedNoDirectory).toBe(false);
    expect(result.referrals).toBeGreaterThan(500);
    expect(result.consents).toBeGreaterThan(100);
    const q = <T>(sql: string) => db.prepare(sql).all() as T[];
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;

    // Every status appears, and the history agrees with the current status.
    expect(Object.keys(result.byStatus).sort()).toEqual(['accepted', 'closed', 'completed', 'draft', 'engaged', 'sent']);
    expect(
      one(
        `SELECT count(*) FROM referrals r WHERE r.status <> (SELECT to_status FROM referral_events e WHERE e.referral_id = r.id ORDER BY seq DESC LIMIT 1)`,
      ),
    ).toBe(0);
    expect(one(`SELECT count(*) FROM referral_events WHERE at > '${new Date(NOW).toISOString()}'`)).toBe(0);

    // Days from the contact to engagement: most within a week, a tail of weeks.
    const delays = q<{ d: number }>(
      `SELECT julianday(r.engaged_on) - julianday(c.occurred_date) AS d FROM referrals r JOIN contacts c ON c.id = r.contact_id WHERE r.engaged_on IS NOT NULL`,
    ).map((x) => x.d);
    expect(delays.length).toBeGreaterThan(100);
    const withinWeek = delays.filter((d) => d <= 7).length / delays.length;
    expect(withinWeek).toBeGreaterThan(0.6);
    expect(delays.some((d) => d > 14)).toBe(true);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    // A share of accepted referrals never engaged, and each closing has its outcome.
    const neverEngaged = one(
      `SELECT count(*) FROM referrals WHERE status = 'closed' AND closure_reason IN ('no_show','could_not_contact','declined_by_person') AND engaged_on IS NULL`,
    );
    expect(neverEngaged / result.referrals).toBeGreaterThan(0.08);
    expect(one(`SELECT count(*) FROM referrals WHERE status = 'closed' AND closure_reason IS NULL`)).toBe(0);

    // Sent referrals that disclose substance-use or mental-health information are logged under a consent that covers them.
    expect(
      one(`SELECT count(*) FROM referrals r WHERE r.sent_at IS NOT NULL AND (r.categories LIKE '%substance_use%' OR r.categories LIKE '%mental_health%')
             AND NOT EXISTS (SELECT 1 FROM disclosures d JOIN consents c ON c.id = d.consent_id WHERE d.referral_id = r.id AND d.basis = 'consent')`),
    ).toBe(0);
    // The referral screens read them like any other.
    await unit.as('coordinator');
    const person = db.prepare('SELECT person_id FROM referrals LIMIT 1').pluck().get() as string;
    const { referrals } = await unit.call('referrals.list', { personId: person });
    expect(referrals.length).toBeGreaterThan(0);
    expect(referrals[0]!.history[0]!.to).toBe('draft');
  });

  it('are skipped, saying why, when the directory is empty', async () => {
    const unit = await setUpUnit();
    const db = unit.backend.requireDb();
    generate(db, {
      people: 20,
      contacts: 40,
      seed: 3,
      now: NOW,
      staff: { officers: [unit.ids.officer], coResponders: [], creator: unit.ids.admin },
      clinicalKey: unit.backend.requireClinicalKey(),
    });
    expect(generateReferrals(db, { seed: 3, now: NOW, creator: unit.ids.admin })).toMatchObject({
      referrals: 0,
      skippedNoDirectory: true,
    });
  });
});
