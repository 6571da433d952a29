import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/contract/reports';
import { buildScenario, Q3, type Scenario, TTA_TEXT } from './reports-scenario';

/**
 * Every figure of the hand-built scenario (reports-scenario.ts), written out before running: the third
 * quarter of 2026 and the second beside it, as the coordinator sees them, and an officer's own counts.
 * Figures not listed are zero (counts) or not applicable (rates and statistics without a denominator).
 */

const Q3_FIGURES: Record<string, number | null> = {
  // 31 contacts: c1, c2, c3 (Sep 30 23:59), c6, c7, c8, c9 (04:30 UTC on Oct 1 = Sep 30 in Chicago), 24 bulk.
  contacts: 31,
  unique_people: 3, // P1 (with the merged P5), P2, P4
  unidentified_contacts: 26,
  repeat_people: 1, // P1: c1, c2 and c8
  'contacts_by_pathway.self_referral': 1,
  'contacts_by_pathway.active_outreach': 1,
  'contacts_by_pathway.naloxone_plus': 1,
  'contacts_by_pathway.officer_prevention': 1,
  'contacts_by_pathway.officer_intervention': 1,
  'contacts_by_pathway.community_response': 26,
  'contacts_by_month.2026-07': 3,
  'contacts_by_month.2026-08': 25,
  'contacts_by_month.2026-09': 3,
  'contacts_by_month_pathway.2026-07.self_referral': 1,
  'contacts_by_month_pathway.2026-07.officer_intervention': 1,
  'contacts_by_month_pathway.2026-07.community_response': 1,
  'contacts_by_month_pathway.2026-08.naloxone_plus': 1,
  'contacts_by_month_pathway.2026-08.community_response': 24,
  'contacts_by_month_pathway.2026-09.active_outreach': 1,
  'contacts_by_month_pathway.2026-09.officer_prevention': 1,
  'contacts_by_month_pathway.2026-09.community_response': 1,
  'contacts_by_need.opioid_use': 2,
  'contacts_by_need.housing': 1,
  'contacts_by_need.mental_health': 1,
  'contacts_by_need.sex_trafficking': 1,
  'contacts_by_need.stimulant_use': 1,
  'contacts_by_need.alcohol_use': 1,
  'contacts_by_need.labour_trafficking': 1,
  'contacts_by_need.food': 25,
  'contacts_by_disposition.warm_handoff': 1,
  'contacts_by_disposition.transported_treatment': 1,
  'contacts_by_disposition.referred_info': 2,
  'contacts_by_disposition.declined': 1,
  'contacts_by_disposition.citation_abeyance': 1,
  'contacts_by_disposition.other': 25,
  'contacts_by_referral_source.self': 1,
  'contacts_by_referral_source.ems_fire': 1,
  'contacts_by_referral_source.outreach': 1,
  'contacts_by_referral_source.dispatch': 26,
  'contacts_by_referral_source.patrol': 2,
  // Treatment referrals sent from c1 (withdrawal management, MOUD), c2 (outpatient SUD, closed later) and
  // c3 (crisis mental health); c7's went to a shelter, c8's is a draft.
  treatment_referral_encounters: 3,
  treatment_referral_rate: 9.7,
  referrals_made: 4, // r1, r2, r3, r5 (r4 is a draft)
  'referrals_by_service_type.withdrawal_management': 1,
  'referrals_by_service_type.moud': 1,
  'referrals_by_service_type.crisis_mental_health': 1,
  'referrals_by_service_type.shelter_housing': 1,
  'referrals_by_service_type.outpatient_sud': 1,
  'referrals_by_status.completed': 1,
  'referrals_by_status.engaged': 1,
  'referrals_by_status.closed': 2,
  'referral_funnel.accepted': 3,
  'referral_funnel.engaged': 2,
  'closure_reasons.could_not_contact': 1,
  'closure_reasons.declined_by_person': 1,
  overdoses: 1,
  naloxone_doses: 2,
  trafficking_people: 1, // P1 through c8 (P5, merged); c6 is unidentified
  'safety_events.use_of_force': 1,
  'safety_events.injury': 1,
  charges_deflected: 2,
  'charges_by_category.drug_possession': 1,
  'charges_by_category.trespass': 1,
  'charges_by_outcome.held_in_abeyance': 1,
  'charges_by_outcome.not_filed': 1,
  'charges_by_category_outcome.drug_possession.held_in_abeyance': 1,
  'charges_by_category_outcome.trespass.not_filed': 1,
  // Demographics of P1 (34 on July 2, not 35), P2 (born 1960: 66 in 2026) and P4 (nothing recorded).
  'age_band.25_34': 1,
  'age_band.65_over': 1,
  'age_band.not_recorded': 1,
  'sex.male': 1,
  'sex.female': 1,
  'sex.not_recorded': 1,
  'race_ethnicity.black_african_american': 1,
  'race_ethnicity.more_than_one': 1,
  'race_ethnicity.not_recorded': 1,
  'veteran_status.no': 1,
  'veteran_status.yes': 1,
  'veteran_status.not_recorded': 1,
  'housing_status.unsheltered': 1,
  'housing_status.sheltered': 1,
  'housing_status.not_recorded': 1,
  // Participant milestones: P1 (first contact Jul 2), P4 (Jul 10) and P2 (Sep 30 at 23:59) enrolled; P1
  // engaged on day 30 (Aug 1), P2 on day 31 (Oct 31): one of three within 30 days, nobody still waiting.
  enrolled: 3,
  engaged_30: 1,
  engagement_rate_30: 33.3,
  first_engagements: 1,
  'days_to_engagement.median': 30,
  'days_to_engagement.q1': 30,
  'days_to_engagement.q3': 30,
  'days_to_engagement_distribution.d15_30': 1,
  // P1's 30-day check fell due Aug 31 (recorded: still engaged), the 60-day one Sep 30 (recorded: not).
  'retention_due.d30': 1,
  'retention_due.d60': 1,
  'retention_checked.d30': 1,
  'retention_checked.d60': 1,
  'retained.d30': 1,
  'retention_rate.d30': 100,
  'retention_rate.d60': 0,
  housing_obtained: 1,
  exited: 1,
  'exits_by_reason.lost_contact': 1,
  // The plan: three milestones due in the quarter; two still open and past their day; the done one was
  // completed in November.
  programme_milestones_due: 3,
  'programme_milestones_by_status.planned': 1,
  'programme_milestones_by_status.in_progress': 1,
  'programme_milestones_by_status.done': 1,
  programme_milestones_overdue: 2,
};

/** The fourth quarter so far (to Nov 28): P2's engagement on day 31; P1's 90-day check due Oct 30, not recorded. */
const Q4_ENGAGEMENT: Record<string, number | null> = {
  enrolled: 0,
  engaged_30: 0,
  engagement_rate_30: null,
  first_engagements: 1,
  'days_to_engagement.median': 31,
  'days_to_engagement_distribution.d15_30': 0,
  'days_to_engagement_distribution.d31_60': 1,
  // P2's 30-day check falls due Nov 30: after the day of the report, not counted yet.
  'retention_due.d30': 0,
  'retention_due.d90': 1,
  'retention_checked.d90': 0,
  'retention_rate.d90': null,
  programme_milestones_due: 1,
  'programme_milestones_by_status.cancelled': 1,
  programme_milestones_done: 1,
  programme_milestones_overdue: 2,
};

/** The previous quarter holds c5 alone (June 30, 23:30): P2, 66 on June 30. */
const Q2_FIGURES: Record<string, number | null> = {
  contacts: 1,
  unique_people: 1,
  'contacts_by_pathway.active_outreach': 1,
  'contacts_by_month.2026-06': 1,
  'contacts_by_month_pathway.2026-06.active_outreach': 1,
  'contacts_by_need.mental_health': 1,
  'contacts_by_disposition.no_contact': 1,
  'contacts_by_referral_source.outreach': 1,
  treatment_referral_rate: 0,
  'age_band.65_over': 1,
  'sex.female': 1,
  'race_ethnicity.more_than_one': 1,
  'veteran_status.yes': 1,
  'housing_status.sheltered': 1,
};

/** The officer was on c1, c2 and c3 in the quarter (c5 and c4 are outside it). */
const OFFICER_Q3: Record<string, number | null> = {
  contacts: 3,
  unique_people: 2,
  repeat_people: 1,
  'contacts_by_pathway.self_referral': 1,
  'contacts_by_pathway.naloxone_plus': 1,
  'contacts_by_pathway.active_outreach': 1,
  'contacts_by_month.2026-07': 1,
  'contacts_by_month.2026-08': 1,
  'contacts_by_month.2026-09': 1,
  'contacts_by_month_pathway.2026-07.self_referral': 1,
  'contacts_by_month_pathway.2026-08.naloxone_plus': 1,
  'contacts_by_month_pathway.2026-09.active_outreach': 1,
  'contacts_by_need.opioid_use': 2,
  'contacts_by_need.housing': 1,
  'contacts_by_need.mental_health': 1,
  'contacts_by_disposition.warm_handoff': 1,
  'contacts_by_disposition.transported_treatment': 1,
  'contacts_by_disposition.referred_info': 1,
  'contacts_by_referral_source.self': 1,
  'contacts_by_referral_source.ems_fire': 1,
  'contacts_by_referral_source.outreach': 1,
  treatment_referral_encounters: 3,
  treatment_referral_rate: 100,
  // r1, r5 and r2 came from the officer's contacts.
  referrals_made: 3,
  'referrals_by_service_type.withdrawal_management': 1,
  'referrals_by_service_type.moud': 1,
  'referrals_by_service_type.crisis_mental_health': 1,
  'referrals_by_service_type.outpatient_sud': 1,
  'referrals_by_status.completed': 1,
  'referrals_by_status.engaged': 1,
  'referrals_by_status.closed': 1,
  'referral_funnel.accepted': 3,
  'referral_funnel.engaged': 2,
  'closure_reasons.declined_by_person': 1,
  overdoses: 1,
  naloxone_doses: 2,
};

const RATES_AND_STATS = /^(treatment_referral_rate|engagement_rate_30|retention_rate|days_to_engagement)(\.|$)/;

/** The report's figures with zeros (and empty rates) left out, to compare with the lists above. */
function nonZero(values: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, v]) => (RATES_AND_STATS.test(key) ? v !== null : v !== 0 && v !== null)),
  );
}

describe('report figures of the hand-built scenario', () => {
  let unit: Scenario;
  let report: Report;
  beforeAll(async () => {
    unit = await buildScenario();
    await unit.as('coordinator');
    report = (await unit.call('reports.compute', { ...Q3, compare: true })).report;
  }, 120_000);

  it('counts the third quarter exactly: boundaries in Chicago time, the merged person once, drafts not at all', () => {
    expect(report.period).toEqual(Q3);
    expect(report.previous).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(report.months).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(report.scope).toBe('unit');
    expect(report.timeZone).toBe('America/Chicago');
    expect(nonZero(report.values)).toEqual(Q3_FIGURES);
  });

  it('puts the previous quarter beside it: a person with contacts in both quarters counts in each', () => {
    expect(report.previousMonths).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(nonZero(report.previousValues!)).toEqual(Q2_FIGURES);
  });

  it('gives an officer their own counts only, and no demographics', async () => {
    await unit.as('officer');
    const own = (await unit.call('reports.compute', { ...Q3, compare: false })).report;
    expect(own.scope).toBe('own');
    expect(own.previousValues).toBeNull();
    expect(own.hidden).toEqual([]);
    expect(own.measures).not.toContain('age_band');
    expect(own.measures).not.toContain('enrolled');
    expect(nonZero(own.values)).toEqual(OFFICER_Q3);
    await unit.as('coordinator');
  });

  it('counts the last minute of the quarter in it and the first minute after it in the next', async () => {
    const sep30 = (await unit.call('reports.compute', { from: '2026-09-30', to: '2026-09-30', compare: false })).report;
    expect(sep30.values.contacts).toBe(2); // c3 at 23:59 CDT, c9 at 04:30 UTC the next day
    const oct1 = (await unit.call('reports.compute', { from: '2026-10-01', to: '2026-10-01', compare: true })).report;
    expect(oct1.values.contacts).toBe(1); // c4 at 00:01
    expect(oct1.previous).toEqual({ from: '2026-09-30', to: '2026-09-30' });
  });

  it('counts engagement by the participant milestones: day 30 within, day 31 not; checks due up to the day of the report', async () => {
    const q4 = (await unit.call('reports.compute', { from: '2026-10-01', to: '2026-12-31', compare: false })).report;
    expect(Object.fromEntries(Object.keys(Q4_ENGAGEMENT).map((k) => [k, q4.values[k]]))).toEqual(Q4_ENGAGEMENT);
    // The TTA answers of the quarter, as written; none for a range that holds no whole quarter.
    expect(report.ttaAnswers.map((a) => [a.quarter, a.answerType, a.answer])).toEqual([
      ['2026-Q3', 'number', '4'],
      ['2026-Q3', 'number', '12'],
      ['2026-Q3', 'yes_no', 'yes'],
      ['2026-Q3', 'text', TTA_TEXT],
    ]);
    expect(q4.ttaAnswers).toEqual([]);
    const year = (await unit.call('reports.compute', { from: '2026-01-01', to: '2026-12-31', compare: false })).report;
    expect(year.ttaAnswers).toHaveLength(4);
    const july = (await unit.call('reports.compute', { from: '2026-07-01', to: '2026-07-31', compare: false })).report;
    expect(july.ttaAnswers).toEqual([]);
    expect(july.values.enrolled).toBe(2);
  });

  it('follows a referral engagement taken back: the person no longer counts as engaged, and again once re-recorded', async () => {
    const q4 = async () => (await unit.call('reports.compute', { from: '2026-10-01', to: '2026-12-31', compare: false })).report;
    const r2 = unit.backend
      .requireDb()
      .prepare(`SELECT id FROM referrals WHERE person_id = ? AND engaged_on = '2026-10-31'`)
      .pluck()
      .get(unit.people.p2) as string;
    await unit.as('coresponder');
    await unit.call('referrals.transition', { id: r2, to: 'accepted', note: 'Recorded on the wrong referral.' });
    await unit.as('coordinator');
    expect((await q4()).values.first_engagements).toBe(0);
    expect((await q4()).values['days_to_engagement.median']).toBeNull();
    await unit.as('coresponder');
    await unit.call('referrals.transition', { id: r2, to: 'engaged', engagedOn: '2026-10-31' });
    await unit.as('coordinator');
    expect((await q4()).values['days_to_engagement.median']).toBe(31);
  });

  it('refuses a reversed range, naming the field', async () => {
    const error = await unit.fail('reports.compute', { from: '2026-09-30', to: '2026-07-01' });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'to' });
    expect(error.message).toMatch(/before its start/);
    expect((await unit.fail('reports.compute', { from: '2026-02-30', to: '2026-03-01' })).field).toBe('from');
  });
});

describe('what the computation reads', () => {
  it('has a bit for every need and service type, and the masks agree with the needs and referrals recorded', async () => {
    const unit = await buildScenario();
    const db = unit.backend.requireDb();
    const { NEEDS } = await import('../../shared/domain/needs');
    const { SERVICE_TYPES } = await import('../../shared/domain/serviceTypes');
    const bits = db.prepare('SELECT vocab, code FROM report_bits').all() as { vocab: string; code: string }[];
    expect(new Set(bits.filter((b) => b.vocab === 'need').map((b) => b.code))).toEqual(new Set(NEEDS.map((n) => n.code)));
    expect(new Set(bits.filter((b) => b.vocab === 'service_type').map((b) => b.code))).toEqual(new Set(SERVICE_TYPES));
    const stale = db
      .prepare(
        `SELECT count(*) FROM contacts c WHERE c.needs_mask <> (SELECT coalesce(sum(1 << b.bit), 0) FROM contact_needs n
           JOIN report_bits b ON b.vocab = 'need' AND b.code = n.need WHERE n.contact_id = c.id)
         OR c.referred_types_mask <> (SELECT coalesce(sum(DISTINCT 1 << b.bit), 0) FROM referrals r
           JOIN referral_service_types t ON t.referral_id = r.id JOIN report_bits b ON b.vocab = 'service_type' AND b.code = t.service_type
          WHERE r.contact_id = c.id AND r.sent_at IS NOT NULL)`,
      )
      .pluck()
      .get();
    expect(stale).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contacts WHERE needs_mask <> 0').pluck().get()).toBeGreaterThan(30);
  }, 120_000);
});
