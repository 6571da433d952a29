import { beforeEach, describe, expect, it } from 'vitest';
import { participantCounts } from '../../electron/backend/milestones/report';
import { NOW } from './intake-helpers';
import { consentFields, makeReferral, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

const DAY = 86_400_000;

let unit: ReferralsUnit;
let referralId = '';
beforeEach(async () => {
  unit = await setUpReferrals();
  await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
  const r = await makeReferral(unit, unit.services.detox, { send: true });
  await unit.call('referrals.transition', { id: r.id, to: 'accepted' });
  referralId = r.id;
});

async function later(days: number, role: 'coresponder' | 'coordinator' | 'officer' = 'coresponder') {
  unit.clock.now = NOW + days * DAY;
  await unit.as(role);
}

const retention = (date: string, checkDays: 30 | 60 | 90 = 30, extra: { stillEngaged?: boolean; note?: string } = {}) => ({
  personId: unit.person.id,
  milestone: { kind: 'retention' as const, checkDays, date, stillEngaged: true, ...extra },
});

async function manualRows(): Promise<number> {
  return (await unit.call('system.status', {})).tables.participant_milestones ?? -1;
}

describe('participant milestones recorded by hand', () => {
  it('refuses a retention check without an engagement, before the engagement date or too early, naming the field', async () => {
    const none = await unit.fail('participants.record', retention('2026-11-28'));
    expect(none).toMatchObject({ code: 'invalid_input', field: 'milestone.checkDays' });
    expect(none.message).toMatch(/no treatment engagement on record/);

    await later(40);
    await unit.call('referrals.transition', { id: referralId, to: 'engaged', engagedOn: '2026-12-01' });
    const before = await unit.fail('participants.record', retention('2026-11-30'));
    expect(before.fields).toEqual({
      'milestone.date':
        'Date of the check: it is before the treatment engagement (2026-12-01); a retention check comes after it.',
    });
    const early = await unit.fail('participants.record', retention('2026-12-20'));
    expect(early.fields).toEqual({
      'milestone.date': 'Date of the check: the 30-day check is due on 2026-12-31; record it from 2026-12-24.',
    });
    const future = await unit.fail('participants.record', retention('2027-03-01', 90));
    expect(future.fields?.['milestone.date']).toBe('Date: it cannot be in the future.');
    const unanswered = await unit.router.call('participants.record', {
      personId: unit.person.id,
      milestone: { kind: 'retention', checkDays: 45, date: '2027-01-02' },
    });
    expect(unanswered.ok ? null : unanswered.error.fields).toEqual({
      'milestone.checkDays': 'Retention check: choose the 30-, 60- or 90-day check.',
      'milestone.stillEngaged': 'Still engaged in treatment: answer yes or no.',
    });
    expect(await manualRows()).toBe(0);

    const { milestone } = await unit.call(
      'participants.record',
      retention('2027-01-02', 30, { note: 'Attending IOP three times a week.' }),
    );
    expect(milestone).toMatchObject({
      kind: 'retention',
      checkDays: 30,
      stillEngaged: true,
      note: 'Attending IOP three times a week.',
    });
    expect(milestone.createdBy?.id).toBe(unit.ids.coresponder);
    const twice = await unit.fail('participants.record', retention('2027-01-03'));
    expect(twice.field).toBe('milestone.checkDays');

    const s = (await unit.call('people.timeline', { id: unit.person.id })).milestones;
    expect(s.checks.map((c) => [c.checkDays, c.dueOn, c.state])).toEqual([
      [30, '2026-12-31', 'recorded'],
      [60, '2027-01-30', 'upcoming'],
      [90, '2027-03-01', 'upcoming'],
    ]);
  });

  it('seals notes with the clinical key: officers see that there is one, not what it says', async () => {
    await later(40);
    await unit.call('referrals.transition', { id: referralId, to: 'engaged', engagedOn: '2026-12-01' });
    await unit.call('participants.record', retention('2027-01-02', 30, { note: 'Relapsed once; back on buprenorphine.' }));
    await unit.call('participants.record', {
      personId: unit.person.id,
      milestone: { kind: 'housing', date: '2027-01-05', note: 'Room at the recovery residence.' },
    });
    expect(participantCounts(unit.backend.requireDb(), '2027-01-01', '2027-03-31')).toMatchObject({
      retention: [
        { checkDays: 30, checked: 1, stillEngaged: 1 },
        { checkDays: 60, checked: 0, stillEngaged: 0 },
        { checkDays: 90, checked: 0, stillEngaged: 0 },
      ],
      housing: 1,
      employment: 0,
    });
    const raw = unit.backend.requireDb().prepare('SELECT note FROM participant_milestones').pluck().all() as string[];
    expect(raw.every((n) => n.startsWith('dcs1.'))).toBe(true);
    expect(raw.join()).not.toContain('buprenorphine');

    await unit.as('officer');
    const seen = (await unit.call('people.timeline', { id: unit.person.id })).milestones.manual;
    expect(seen.map((m) => [m.kind, m.note, m.hasNote])).toEqual([
      ['retention', '', true],
      ['housing', '', true],
    ]);
    expect((await unit.fail('participants.record', retention('2027-01-03', 60))).code).toBe('forbidden');
  });

  it('records exits and takes back a milestone recorded in error, keeping the row, who and why', async () => {
    await later(5);
    const exitBefore = await unit.fail('participants.record', {
      personId: unit.person.id,
      milestone: { kind: 'exited', date: '2026-11-20', reason: 'moved_away' },
    });
    expect(exitBefore.fields?.['milestone.date']).toMatch(/enrolled on 2026-11-28/);
    const noReason = await unit.router.call('participants.record', {
      personId: unit.person.id,
      milestone: { kind: 'exited', date: '2026-12-02' },
    });
    expect(noReason.ok ? null : noReason.error.field).toBe('milestone.reason');
    const { milestone } = await unit.call('participants.record', {
      personId: unit.person.id,
      milestone: { kind: 'exited', date: '2026-12-02', reason: 'moved_away' },
    });
    expect((await unit.call('people.timeline', { id: unit.person.id })).milestones.exited?.exitReason).toBe('moved_away');

    await unit.call('participants.remove', { id: milestone.id, reason: 'Wrong person.' });
    expect((await unit.call('people.timeline', { id: unit.person.id })).milestones.exited).toBeNull();
    expect(await manualRows()).toBe(1);
    const row = unit.backend.requireDb().prepare('SELECT removed_by, removed_reason FROM participant_milestones').get();
    expect(row).toEqual({ removed_by: unit.ids.coresponder, removed_reason: 'Wrong person.' });
    expect((await unit.fail('participants.remove', { id: milestone.id, reason: 'Again.' })).code).toBe('conflict');
  });

  it('puts the co-responder’s people whose check is due this week on their home screen', async () => {
    // The co-responder was on the contact. Engaged on 2 December: the 30-day check falls on 1 January 2027.
    await later(10);
    await unit.call('referrals.transition', { id: referralId, to: 'engaged', engagedOn: '2026-12-02' });
    await later(30); // Monday 28 December
    expect((await unit.call('milestones.home', {})).retention).toEqual([
      {
        personId: unit.person.id,
        personName: 'Núñez, José',
        checkDays: 30,
        dueOn: '2027-01-01',
        firstEngagedOn: '2026-12-02',
        overdue: false,
      },
    ]);
    await later(42); // Saturday 9 January: missed, still listed as overdue (for two weeks after the day it was due)
    expect((await unit.call('milestones.home', {})).retention?.map((r) => [r.checkDays, r.overdue])).toEqual([[30, true]]);
    await later(52); // Tuesday 19 January: more than two weeks late, off the list (the person's page still shows it)
    expect((await unit.call('milestones.home', {})).retention).toEqual([]);
    const checks = (await unit.call('people.timeline', { id: unit.person.id })).milestones.checks;
    expect(checks[0]).toMatchObject({ checkDays: 30, state: 'overdue' });
    await unit.call('participants.record', retention('2027-01-19', 30, { stillEngaged: false }));
    expect((await unit.call('people.timeline', { id: unit.person.id })).milestones.checks[0]!.state).toBe('recorded');

    // Someone else's people are not theirs.
    await unit.as('coordinator');
    expect((await unit.call('milestones.home', {})).retention).toEqual([]);
  });

  it('moves recorded milestones with a merge', async () => {
    const other = await unit.call('people.create', { person: { firstName: 'Jose', lastName: 'Nunez' }, allowDuplicate: true });
    await unit.call('participants.record', {
      personId: other.person.id,
      milestone: { kind: 'employment', date: '2026-11-27' },
    });
    await unit.call('people.merge', { survivorId: unit.person.id, mergedId: other.person.id, reason: 'Same person.' });
    const s = (await unit.call('people.timeline', { id: unit.person.id })).milestones;
    expect(s.manual.map((m) => m.kind)).toEqual(['employment']);
  });
});
