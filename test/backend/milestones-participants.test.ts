import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as m0001 from '../../electron/backend/db/migrations/0001_foundation';
import * as m0002 from '../../electron/backend/db/migrations/0002_providers';
import * as m0003 from '../../electron/backend/db/migrations/0003_intake';
import * as m0004 from '../../electron/backend/db/migrations/0004_hardening';
import * as m0005 from '../../electron/backend/db/migrations/0005_referrals';
import * as m0006 from '../../electron/backend/db/migrations/0006_provider_words';
import * as m0007 from '../../electron/backend/db/migrations/0007_reports';
import { openDatabase } from '../../electron/backend/db/open';
import { Random } from '../../electron/backend/demo/random';
import { participantCounts } from '../../electron/backend/milestones/report';
import type { OutputOf } from '../../shared/contract';
import { deriveProgress } from '../../shared/domain/participants';
import { tempDir } from './helpers';
import { NOW, recordNewPerson } from './intake-helpers';
import { consentFields, makeReferral, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

const DAY = 86_400_000;

let unit: ReferralsUnit;

/** Moves the clock on by `days` from the tests' moment (Sat 28 Nov 2026) and logs `role` in again. */
async function later(days: number, role: 'coresponder' | 'coordinator' | 'officer' = 'coresponder') {
  unit.clock.now = NOW + days * DAY;
  await unit.as(role);
}

async function milestonesOf(personId = unit.person.id): Promise<OutputOf<'people.timeline'>['milestones']> {
  return (await unit.call('people.timeline', { id: personId })).milestones;
}

/** A referral from the person's contact (28 Nov), sent and accepted. */
async function acceptedReferral(serviceId = unit.services.detox, personId = unit.person.id, contactId = unit.contact.id) {
  const r = await makeReferral({ ...unit, person: { id: personId }, contact: { id: contactId } }, serviceId, { send: true });
  return (await unit.call('referrals.transition', { id: r.id, to: 'accepted' })).referral;
}

const engage = (id: string, engagedOn: string) => unit.call('referrals.transition', { id, to: 'engaged', engagedOn });

describe('derived participant milestones', () => {
  beforeEach(async () => {
    unit = await setUpReferrals();
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
  });

  it('count an engagement on day 29 (and 30) as within 30 days of the first contact, and day 31 as not', async () => {
    expect(await milestonesOf()).toMatchObject({ enrolledOn: null, firstEngagedOn: null, engagedWithinWindow: null });
    const draft = await makeReferral(unit, unit.services.detox);
    expect((await milestonesOf()).enrolledOn).toBeNull(); // a draft referred nobody
    const r = await acceptedReferral();
    expect(await milestonesOf()).toMatchObject({
      enrolledOn: '2026-11-28',
      enrolmentContactId: unit.contact.id,
      firstEngagedOn: null,
    });

    await later(40, 'coordinator');
    await engage(r.id, '2026-12-27'); // day 29
    expect(await milestonesOf()).toMatchObject({
      firstEngagedOn: '2026-12-27',
      engagementReferralId: r.id,
      daysToEngagement: 29,
      engagedWithinWindow: true,
    });

    // Corrected: the engagement was on the 29th of December, day 31.
    await unit.call('referrals.transition', { id: r.id, to: 'accepted', note: 'Wrong date entered.' });
    await engage(r.id, '2026-12-29');
    expect(await milestonesOf()).toMatchObject({
      firstEngagedOn: '2026-12-29',
      daysToEngagement: 31,
      engagedWithinWindow: false,
    });
    await unit.call('referrals.transition', { id: r.id, to: 'accepted', note: 'Wrong date entered.' });
    await engage(r.id, '2026-12-28');
    expect(await milestonesOf()).toMatchObject({ daysToEngagement: 30, engagedWithinWindow: true });

    // The timeline shows them, and completing the referral keeps the engagement.
    await unit.call('referrals.transition', { id: r.id, to: 'completed' });
    const { items } = await unit.call('people.timeline', { id: unit.person.id });
    const events = items
      .filter((i) => i.kind === 'milestone')
      .map((i) => (i.kind === 'milestone' ? [i.milestone.code, i.at] : []));
    expect(events).toEqual([
      ['first_engagement', '2026-12-28'],
      ['enrolled', '2026-11-28'],
    ]);
    expect((await milestonesOf()).firstEngagedOn).toBe('2026-12-28');
    expect(draft.status).toBe('draft');

    // The quarterly report counts the same: enrolled in Q4, engaged on day 30, within the window.
    expect(participantCounts(unit.backend.requireDb(), '2026-10-01', '2026-12-31')).toMatchObject({
      enrolled: 1,
      enrolledEngaged: 1,
      enrolledEngagedWithinWindow: 1,
      medianDaysToEngagement: 30,
      firstEngagements: 1,
    });
    expect(participantCounts(unit.backend.requireDb(), '2027-01-01', '2027-03-31')).toMatchObject({
      enrolled: 0,
      firstEngagements: 0,
    });
  });

  it('a referral moved back from engaged removes the engagement; with two referrals the earliest engagement counts', async () => {
    const a = await acceptedReferral();
    const b = await acceptedReferral(unit.services.outpatient);
    await later(30);
    await engage(a.id, '2026-12-20');
    await engage(b.id, '2026-12-10');
    expect(await milestonesOf()).toMatchObject({
      firstEngagedOn: '2026-12-10',
      engagementReferralId: b.id,
      daysToEngagement: 12,
    });

    const refused = await unit.fail('referrals.transition', { id: b.id, to: 'accepted' });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'note' });
    await unit.call('referrals.transition', { id: b.id, to: 'accepted', note: 'Recorded on the wrong referral.' });
    expect(await milestonesOf()).toMatchObject({ firstEngagedOn: '2026-12-20', engagementReferralId: a.id });
    const back = (await unit.call('referrals.get', { id: b.id })).referral;
    expect(back).toMatchObject({ status: 'accepted', engagedOn: null });
    expect(back.history.map((h) => [h.from, h.to])).toContainEqual(['engaged', 'accepted']);

    await unit.call('referrals.transition', { id: a.id, to: 'accepted', note: 'Did not attend after all.' });
    expect(await milestonesOf()).toMatchObject({ enrolledOn: '2026-11-28', firstEngagedOn: null, checks: [] });
    // Closed after the correction (never engaged): still no engagement.
    await unit.call('referrals.transition', { id: a.id, to: 'closed', closureReason: 'no_show' });
    expect((await milestonesOf()).firstEngagedOn).toBeNull();
  });

  it('a merge of two records recomputes them from both records’ referrals', async () => {
    // The same man, recorded twice: first on 10 November (referred, never engaged) ...
    const first = await recordNewPerson(
      unit,
      { firstName: 'Joe', lastName: 'Nunez', dateOfBirth: '1988-04-12' },
      { occurredAt: '2026-11-10T20:00:00-06:00' },
    );
    await unit.call('consents.create', { personId: first.person!.id, consent: consentFields(unit) });
    await acceptedReferral(unit.services.detox, first.person!.id, first.contact.id);
    // ... and on 28 November, engaged ten days later: within 30 days of that record's first contact.
    const r = await acceptedReferral();
    await later(12);
    await engage(r.id, '2026-12-08');
    expect(await milestonesOf()).toMatchObject({ enrolledOn: '2026-11-28', daysToEngagement: 10, engagedWithinWindow: true });

    await unit.call('people.merge', {
      survivorId: first.person!.id,
      mergedId: unit.person.id,
      reason: 'Same date of birth, same street name.',
    });
    expect(await milestonesOf(first.person!.id)).toMatchObject({
      enrolledOn: '2026-11-10',
      firstEngagedOn: '2026-12-08',
      daysToEngagement: 28,
      engagedWithinWindow: true,
    });
    const merged = await milestonesOf(unit.person.id);
    expect(merged).toMatchObject({ enrolledOn: null, firstEngagedOn: null });
  });

  it('the derived table always equals a recomputation from scratch by the stated rule, whatever happens', async () => {
    const r = new Random(11);
    const second = await recordNewPerson(
      unit,
      { firstName: 'Ana', lastName: 'Prado' },
      { occurredAt: '2026-11-20T10:00:00-06:00' },
    );
    await unit.call('consents.create', { personId: second.person!.id, consent: consentFields(unit) });
    const people = [
      { id: unit.person.id, contact: unit.contact.id },
      { id: second.person!.id, contact: second.contact.id },
    ];
    await later(25);
    const referrals: { id: string; status: string }[] = [];
    const moves = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const open = referrals.filter((x) => !['completed', 'closed'].includes(x.status));
      if (!open.length || r.chance(0.25)) {
        const who = r.pick(people);
        // From the contact, or without one and dated earlier than any contact: drafts among them must not count.
        const withContact = r.chance(0.5);
        const made = await makeReferral({ ...unit, person: { id: who.id }, contact: { id: who.contact } }, unit.services.detox, {
          send: r.chance(0.7),
          referredOn: withContact ? '2026-11-28' : `2026-10-${String(r.int(1, 31)).padStart(2, '0')}`,
          ...(withContact ? {} : { contactId: null }),
        });
        referrals.push({ id: made.id, status: made.status });
      } else {
        const x = r.pick(open);
        const current = (await unit.call('referrals.get', { id: x.id })).referral;
        const to = r.pick(current.next) as 'sent' | 'accepted' | 'engaged' | 'completed' | 'closed';
        const out = await unit.router.invoke('referrals.transition', {
          id: x.id,
          to,
          note: 'step',
          ...(to === 'engaged' ? { engagedOn: `2026-12-${String(r.int(1, 20)).padStart(2, '0')}` } : {}),
          ...(to === 'closed'
            ? { closureReason: current.status === 'draft' ? ('withdrawn' as const) : ('declined_by_person' as const) }
            : {}),
        });
        if (out.ok) {
          moves.add(`${x.status}→${out.value.referral.status}`);
          x.status = out.value.referral.status;
        }
      }
      expect(stored(), `after step ${step}`).toEqual(recomputed());
    }
    // The walk went through engagements, their corrections and closings.
    expect([...moves]).toEqual(expect.arrayContaining(['accepted→engaged', 'engaged→accepted', 'engaged→completed']));
    expect(stored().filter((p) => p.first_engaged_on !== null).length).toBeGreaterThan(0);
    await unit.call('people.merge', { survivorId: people[1]!.id, mergedId: people[0]!.id, reason: 'Same person, two records.' });
    expect(stored()).toEqual(recomputed());
  });
});

/** participant_progress as stored. */
function stored() {
  const db = unit.backend.requireDb();
  return db
    .prepare('SELECT person_id, first_contact_on, first_engaged_on FROM participant_progress ORDER BY person_id')
    .all() as { person_id: string; first_contact_on: string; first_engaged_on: string | null }[];
}

/** The rule of shared/domain/participants.ts (`deriveProgress`) applied to every referral on record. */
function recomputed() {
  const db = unit.backend.requireDb();
  const rows = db
    .prepare(
      `SELECT r.person_id, r.status, r.sent_at, r.engaged_on, r.referred_on, c.occurred_date
         FROM referrals r LEFT JOIN contacts c ON c.id = r.contact_id`,
    )
    .all() as {
    person_id: string;
    status: string;
    sent_at: string | null;
    engaged_on: string | null;
    referred_on: string;
    occurred_date: string | null;
  }[];
  const derived = deriveProgress(
    rows.map((x) => ({
      personId: x.person_id,
      sent: x.sent_at !== null,
      status: x.status,
      engagedOn: x.engaged_on,
      referredOn: x.referred_on,
      contactDate: x.occurred_date,
    })),
  );
  return [...derived.values()]
    .map((p) => ({ person_id: p.personId, first_contact_on: p.firstContactOn, first_engaged_on: p.firstEngagedOn }))
    .sort((a, b) => (a.person_id < b.person_id ? -1 : 1));
}

describe('migration 8 (milestones)', () => {
  it('fills the derived milestones of a store that already has referrals', () => {
    const path = join(tempDir(), 'deflect.db');
    const keyHex = 'cd'.repeat(32);
    const old = new Database(path);
    old.pragma(`cipher='sqlcipher'`);
    old.pragma('legacy=4');
    old.pragma(`key="x'${keyHex}'"`);
    old.exec([m0001, m0002, m0003, m0004, m0005, m0006, m0007].map((m) => m.sql).join('\n'));
    old.pragma('user_version = 7');
    const at = '2026-11-01T10:00:00.000Z';
    old.prepare(`INSERT INTO persons (id, created_at, updated_at) VALUES ('p1', ?, ?), ('p2', ?, ?)`).run(at, at, at, at);
    old
      .prepare(
        `INSERT INTO contacts (id, person_id, occurred_at, occurred_date, pathway, referral_source, disposition, overdose,
           naloxone_doses, use_of_force, injury, charges_in_abeyance, created_at, updated_at)
         VALUES ('c1', 'p1', ?, '2026-11-01', 'self_referral', 'self', 'warm_handoff', 0, 0, 0, 0, 0, ?, ?)`,
      )
      .run(at, at, at);
    const referral = old.prepare(
      `INSERT INTO referrals (id, person_id, contact_id, service_id, organization_id, service_name, organization_name, method,
         categories, referred_on, status, status_changed_at, sent_at, engaged_on, created_at, updated_at)
       VALUES (?, ?, ?, 's', 'o', 'Service', 'Org', 'phone_call', '[]', ?, ?, ?, ?, ?, ?, ?)`,
    );
    referral.run('r1', 'p1', 'c1', '2026-11-02', 'engaged', at, at, '2026-11-20', at, at);
    referral.run('r2', 'p2', null, '2026-11-05', 'draft', at, null, null, at, at);
    old.close();
    const db = openDatabase(path, keyHex);
    try {
      expect(db.prepare('SELECT * FROM participant_progress').all()).toEqual([
        {
          person_id: 'p1',
          first_contact_on: '2026-11-01',
          first_contact_id: 'c1',
          first_referral_id: 'r1',
          first_engaged_on: '2026-11-20',
          engaged_referral_id: 'r1',
        },
      ]);
    } finally {
      db.close();
    }
  });
});
