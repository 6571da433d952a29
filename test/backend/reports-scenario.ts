import type { ContactFields } from '../../shared/contract/intake';
import { TODAY } from './intake-helpers';
import { consentFields, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

/**
 * The hand-built unit the report tests count, in the third quarter of 2026 (July 1 – September 30, Chicago).
 * Every figure it gives is written out in reports-figures.test.ts. The clock stands at NOW (November 28).
 *
 * People (synthetic):
 * - P1 "Alder Testperson", born 1991-07-15 (34 on July 2: the birthday is later in the month), male,
 *   Black or African American, not a veteran, unsheltered. Contacts c1 (Jul 2), c2 (Aug 15), and c8
 *   (Sep 1) through the duplicate record P5, merged into P1.
 * - P2 "Birch Examplar", year of birth 1960 only, female, Hispanic or Latino + White, veteran, sheltered.
 *   Contacts c5 (June 30, 23:30: the previous quarter) and c3 (September 30, 23:59: the last minute of Q3).
 * - P3 "Cedar Sampleton": contact c4 on October 1 at 00:01 (Q4, just after the quarter).
 * - P4 "Dogwood Fakename": nothing but the name recorded. Contact c7 (Jul 10).
 * - Unidentified: c6 (Jul 20), c9 (Oct 1 04:30 UTC = Sep 30 23:30 in Chicago: recorded on a workstation set
 *   to UTC, it is in Q3) and 24 contacts on Aug 1–24 ("bulk").
 *
 * Referrals (made by the co-responder):
 * - r1 from c1 to Acme Withdrawal Unit (withdrawal management + MOUD), Jul 2; accepted; engaged Aug 1
 *   (day 30 after P1's first contact); completed.
 * - r2 from c3 to Línea de Crisis (crisis mental health), Sep 30; accepted; engaged Oct 31 (day 31).
 * - r3 from c7 to Northside Shelter (shelter, not treatment), Jul 10; closed: could not contact.
 * - r4 from c8 (P5) to Acme Outpatient (outpatient SUD), Sep 1: a draft, never sent.
 * - r5 from c2 to Acme Outpatient, Aug 15; accepted; closed: declined by the person.
 *
 * Participant milestones: P1 enrolled Jul 2 (c1), first engaged Aug 1 (day 30: within 30 days); P2 enrolled
 * Sep 30 (c3; c5 led to no referral), first engaged Oct 31 (day 31: not within); P4 enrolled Jul 10, never
 * engaged. Recorded by hand: P1's 30-day check on Aug 31 (still engaged), 60-day check on Sep 30 (not),
 * housing on Sep 15; P4's exit on Sep 20 (lost contact).
 * Programme plan: due Jul 15 (planned), Aug 20 (in progress), Sep 10 (done on Nov 28), Oct 15 (cancelled).
 * TTA answers for 2026-Q3: a number (4), yes, and a sentence.
 */

export const NARRATIVE = 'Synthetic narrative marker QX7 for the report tests.';
export const NAMES = ['Alder', 'Testperson', 'Testpersen', 'Birch', 'Examplar', 'Cedar', 'Sampleton', 'Dogwood', 'Fakename'];
export const BIRTH = { p1: '1991-07-15', p1Text: '07/15/1991', p2Year: 1960 };
export const BULK = 24;
/** The clock's day (TODAY in intake-helpers). */
export const NOW_DAY = TODAY;
export const TTA_TEXT = 'Waiting lists at the withdrawal unit; two partners short of staff.';

export async function buildScenario() {
  const unit = await setUpReferrals();
  const officer = unit.ids.officer;
  const coord = unit.ids.coordinator;
  await unit.as('coresponder');
  const base = (extra: Partial<ContactFields>): ContactFields => ({
    occurredAt: '2026-07-01T12:00:00-05:00',
    pathway: 'community_response',
    referralSource: 'dispatch',
    needs: [],
    disposition: 'other',
    officerIds: [coord],
    narrative: NARRATIVE,
    location: '1400 block of Example Ave',
    cadNumber: '2026-000777',
    ...extra,
  });
  const newPerson = async (person: Record<string, unknown>, contact: Partial<ContactFields>) =>
    unit.call('contacts.create', {
      subject: { kind: 'new', person, allowDuplicate: true },
      contact: base(contact),
    });
  const existing = async (personId: string, contact: Partial<ContactFields>) =>
    unit.call('contacts.create', { subject: { kind: 'existing', personId }, contact: base(contact) });
  const anonymous = async (contact: Partial<ContactFields>) =>
    unit.call('contacts.create', {
      subject: { kind: 'anonymous', description: 'Adult, declined to give a name' },
      contact: base(contact),
    });

  const c1 = await newPerson(
    {
      firstName: 'Alder',
      lastName: 'Testperson',
      dateOfBirth: BIRTH.p1,
      sex: 'male',
      raceEthnicity: ['black_african_american'],
      veteranStatus: 'no',
      housingStatus: 'unsheltered',
    },
    {
      occurredAt: '2026-07-02T10:00:00-05:00',
      pathway: 'self_referral',
      referralSource: 'self',
      disposition: 'warm_handoff',
      needs: ['opioid_use', 'housing'],
      officerIds: [officer],
    },
  );
  const p1 = c1.person!.id;
  const c2 = await existing(p1, {
    occurredAt: '2026-08-15T14:00:00-05:00',
    pathway: 'naloxone_plus',
    referralSource: 'ems_fire',
    disposition: 'transported_treatment',
    needs: ['opioid_use'],
    overdose: true,
    naloxoneDoses: 2,
    officerIds: [officer],
  });
  const c5 = await newPerson(
    {
      firstName: 'Birch',
      lastName: 'Examplar',
      birthYear: BIRTH.p2Year,
      sex: 'female',
      raceEthnicity: ['hispanic_latino', 'white'],
      veteranStatus: 'yes',
      housingStatus: 'sheltered',
    },
    {
      occurredAt: '2026-06-30T23:30:00-05:00',
      pathway: 'active_outreach',
      referralSource: 'outreach',
      disposition: 'no_contact',
      needs: ['mental_health'],
      officerIds: [officer],
    },
  );
  const p2 = c5.person!.id;
  const c3 = await existing(p2, {
    occurredAt: '2026-09-30T23:59:00-05:00',
    pathway: 'active_outreach',
    referralSource: 'outreach',
    disposition: 'referred_info',
    needs: ['mental_health'],
    officerIds: [officer],
  });
  await newPerson(
    { firstName: 'Cedar', lastName: 'Sampleton' },
    { occurredAt: '2026-10-01T00:01:00-05:00', officerIds: [officer] },
  );
  await anonymous({
    occurredAt: '2026-07-20T03:00:00-05:00',
    disposition: 'declined',
    needs: ['sex_trafficking'],
  });
  const c7 = await newPerson(
    { firstName: 'Dogwood', lastName: 'Fakename' },
    {
      occurredAt: '2026-07-10T16:00:00-05:00',
      pathway: 'officer_intervention',
      referralSource: 'patrol',
      disposition: 'citation_abeyance',
      chargeCategory: 'drug_possession',
      chargesHeldInAbeyance: true,
      useOfForce: true,
      injury: true,
      needs: ['stimulant_use'],
    },
  );
  const c8 = await newPerson(
    { firstName: 'Alder', lastName: 'Testpersen', dateOfBirth: BIRTH.p1 },
    {
      occurredAt: '2026-09-01T09:00:00-05:00',
      pathway: 'officer_prevention',
      referralSource: 'patrol',
      disposition: 'referred_info',
      chargeCategory: 'trespass',
      needs: ['alcohol_use', 'labour_trafficking'],
    },
  );
  await anonymous({ occurredAt: '2026-10-01T04:30:00Z', needs: ['food'] });
  for (let day = 1; day <= BULK; day++) {
    await anonymous({ occurredAt: `2026-08-${String(day).padStart(2, '0')}T12:00:00-05:00`, needs: ['food'] });
  }

  // Consents, so that the referrals disclosing substance-use and mental-health information can be sent.
  await unit.call('consents.create', { personId: p1, consent: consentFields(unit as ReferralsUnit, { signedOn: '2026-07-01' }) });
  await unit.call('consents.create', {
    personId: p2,
    consent: consentFields(unit as ReferralsUnit, {
      recipient: { kind: 'organization', organizationId: unit.orgs.riverside },
      categories: ['mental_health', 'contact_details'],
      signedOn: '2026-09-30',
    }),
  });
  const refer = async (
    personId: string,
    contactId: string,
    serviceId: string,
    needs: string[],
    referredOn: string,
    send = true,
  ) =>
    (
      await unit.call('referrals.create', {
        personId,
        contactId,
        serviceId,
        needs: needs as never,
        method: 'warm_handoff',
        referredOn,
        send,
      })
    ).referral.id;
  const step = (id: string, to: string, extra: Record<string, unknown> = {}) =>
    unit.call('referrals.transition', { id, to: to as never, ...extra });

  const r1 = await refer(p1, c1.contact.id, unit.services.detox, ['opioid_use'], '2026-07-02');
  await step(r1, 'accepted');
  await step(r1, 'engaged', { engagedOn: '2026-08-01' });
  await step(r1, 'completed');
  const r2 = await refer(p2, c3.contact.id, unit.services.crisis, ['mental_health'], '2026-09-30');
  await step(r2, 'accepted');
  await step(r2, 'engaged', { engagedOn: '2026-10-31' });
  const r3 = await refer(c7.person!.id, c7.contact.id, unit.services.shelter, ['housing'], '2026-07-10');
  await step(r3, 'closed', { closureReason: 'could_not_contact' });
  await refer(c8.person!.id, c8.contact.id, unit.services.outpatient, ['alcohol_use'], '2026-09-01', false);
  const r5 = await refer(p1, c2.contact.id, unit.services.outpatient, ['opioid_use'], '2026-08-15');
  await step(r5, 'accepted');
  await step(r5, 'closed', { closureReason: 'declined_by_person' });

  await unit.call('people.merge', { survivorId: p1, mergedId: c8.person!.id, reason: 'Same person, surname misspelt' });

  // Participant milestones recorded by hand: P1's 30-day check (still engaged) and 60-day check (not),
  // P1's housing, P4's exit.
  const record = (personId: string, milestone: Record<string, unknown>) =>
    unit.call('participants.record', { personId, milestone: milestone as never });
  await record(p1, { kind: 'retention', checkDays: 30, date: '2026-08-31', stillEngaged: true });
  await record(p1, { kind: 'retention', checkDays: 60, date: '2026-09-30', stillEngaged: false });
  await record(p1, { kind: 'housing', date: '2026-09-15' });
  await record(c7.person!.id, { kind: 'exited', date: '2026-09-20', reason: 'lost_contact' });

  // The programme plan and the TTA answers for the quarter (the coordinator's).
  await unit.as('coordinator');
  const plan = async (title: string, dueDate: string, status: string, completedOn: string | null = null) =>
    unit.call('milestones.create', {
      milestone: {
        title,
        category: 'technical_assistance',
        ownerUserId: coord,
        dueDate,
        status: status as never,
        completedOn,
        evidence: completedOn ? 'Minutes filed.' : '',
      },
    });
  await plan('Kick-off meeting with the TTA provider', '2026-07-15', 'planned');
  await plan('Provider MOUs signed', '2026-08-20', 'in_progress');
  await plan('Officer training', '2026-09-10', 'done', NOW_DAY);
  await plan('Community briefing', '2026-10-15', 'cancelled');
  const q3 = await unit.call('tta.quarter', { quarter: '2026-Q3' });
  const question = (type: string, nth = 0) => q3.items.filter((i) => i.question.answerType === type)[nth]!.question.id;
  await unit.call('tta.saveAnswers', {
    quarter: '2026-Q3',
    answers: [
      // Officers trained: 4 (a small count, suppressed in exports); co-responders and partners: 12.
      { questionId: question('number'), value: 4 },
      { questionId: question('number', 1), value: 12 },
      { questionId: question('yes_no'), value: true },
      { questionId: question('text'), value: TTA_TEXT },
    ],
  });
  return { ...unit, people: { p1, p2, p4: c7.person!.id } };
}
export type Scenario = Awaited<ReturnType<typeof buildScenario>>;

export const Q3 = { from: '2026-07-01', to: '2026-09-30' };
