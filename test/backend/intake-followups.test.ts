import { describe, expect, it } from 'vitest';
import { contactFields, NOW, recordNewPerson, setUpUnit, TODAY } from './intake-helpers';

const DAY = 86_400_000;

describe('follow-ups', () => {
  it('appear in "my follow-ups" with overdue ones first', async () => {
    const unit = await setUpUnit();
    await unit.as('coresponder');
    const { person } = await recordNewPerson(unit);
    const make = (dueDate: string, note: string) =>
      unit.call('followups.create', { personId: person!.id, followup: { dueDate, assigneeId: unit.ids.officer, note } });
    await make('2026-12-10', 'later');
    await make('2026-11-29', 'soon');
    await make('2026-11-28', 'today');
    await unit.call('followups.create', {
      personId: person!.id,
      followup: { dueDate: '2026-11-30', assigneeId: unit.ids.coresponder },
    });

    unit.clock.now = NOW + 2 * DAY; // Monday 30 November
    await unit.as('officer');
    const mine = await unit.call('followups.mine', {});
    expect(mine.followups.map((f) => [f.note, f.overdue])).toEqual([
      ['today', true],
      ['soon', true],
      ['later', false],
    ]);
    expect(mine.overdue).toBe(2);
    const home = await unit.call('home.dashboard', {});
    expect(home.myFollowups.map((f) => f.note)).toEqual(['today', 'soon', 'later']);
    expect(home.overdueFollowups).toBe(2);
    expect(home.myFollowups[0]!.personName).toBe('Quendell, Ravito');
  });

  it('can be closed and reopened; officers may close only their own', async () => {
    const unit = await setUpUnit();
    await unit.as('coresponder');
    const { person } = await recordNewPerson(unit);
    const theirs = await unit.call('followups.create', {
      personId: person!.id,
      followup: { dueDate: TODAY, assigneeId: unit.ids.coordinator },
    });
    const mine = await unit.call('followups.create', {
      personId: person!.id,
      followup: { dueDate: TODAY, assigneeId: unit.ids.officer },
    });
    await unit.as('officer');
    expect((await unit.fail('followups.close', { id: theirs.followup.id, status: 'done' })).code).toBe('forbidden');
    const closed = await unit.call('followups.close', {
      id: mine.followup.id,
      status: 'done',
      outcomeNote: 'Attended first appointment',
    });
    expect(closed.followup).toMatchObject({
      status: 'done',
      closedBy: { id: unit.ids.officer },
      outcomeNote: 'Attended first appointment',
    });
    expect((await unit.call('followups.mine', {})).followups).toEqual([]);
    expect((await unit.fail('followups.close', { id: mine.followup.id, status: 'done' })).code).toBe('conflict');
    const reopened = await unit.call('followups.reopen', { id: mine.followup.id });
    expect(reopened.followup.status).toBe('open');
  });

  it('refuse due dates in the past and deactivated assignees, naming the field', async () => {
    const unit = await setUpUnit();
    const { person } = await recordNewPerson(unit);
    const past = await unit.fail('followups.create', {
      personId: person!.id,
      followup: { dueDate: '2026-11-01', assigneeId: unit.ids.officer },
    });
    expect(past).toMatchObject({ code: 'invalid_input', field: 'followup.dueDate' });
    await unit.call('users.deactivate', { id: unit.ids.coordinator });
    const gone = await unit.fail('followups.create', {
      personId: person!.id,
      followup: { dueDate: TODAY, assigneeId: unit.ids.coordinator },
    });
    expect(gone).toMatchObject({ code: 'invalid_input', field: 'followup.assigneeId' });
  });
});

describe('home dashboard', () => {
  it('counts this week (Monday to Sunday) and lists recent contacts newest first', async () => {
    const unit = await setUpUnit();
    await unit.as('coresponder');
    await recordNewPerson(
      unit,
      { firstName: 'Kelia', lastName: 'Vorton' },
      { occurredAt: '2026-11-23T09:00:00-06:00', overdose: true, naloxoneDoses: 2, pathway: 'naloxone_plus' },
    );
    await recordNewPerson(unit, { firstName: 'Mira', lastName: 'Selwen' }, { occurredAt: '2026-11-28T07:30:00-06:00' });
    await recordNewPerson(unit, { firstName: 'Oriel', lastName: 'Pashwick' }, { occurredAt: '2026-11-20T09:00:00-06:00' });
    await unit.call('contacts.create', {
      subject: { kind: 'anonymous', description: 'Man, grey hoodie' },
      contact: contactFields(unit.ids.officer, { occurredAt: '2026-11-27T12:00:00-06:00' }),
      screenings: [{ instrument: 'cage_aid', answers: ['yes', 'no', 'no', 'no'] }],
    });
    const home = await unit.call('home.dashboard', {});
    expect(home.week).toMatchObject({
      from: '2026-11-23',
      to: '2026-11-29',
      contacts: 3,
      people: 2,
      overdoses: 1,
      naloxoneDoses: 2,
      screenedPositive: 1,
      newPeople: 3,
    });
    expect(home.recentContacts.map((c) => c.personName ?? c.anonymousDescription)).toEqual([
      'Selwen, Mira',
      'Man, grey hoodie',
      'Vorton, Kelia',
      'Pashwick, Oriel',
    ]);
  });
});
