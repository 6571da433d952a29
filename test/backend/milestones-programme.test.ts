import { beforeEach, describe, expect, it } from 'vitest';
import type { MilestoneFields } from '../../shared/contract/milestones';
import { STARTER_PLAN } from '../../shared/domain/milestones';
import { NOW, setUpUnit, TODAY, type Unit } from './intake-helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let unit: Unit;
beforeEach(async () => {
  unit = await setUpUnit();
  await unit.as('coordinator');
});

function fields(extra: Partial<MilestoneFields> = {}): MilestoneFields {
  return {
    title: 'Officer training, second cohort',
    category: 'training',
    ownerUserId: unit.ids.coordinator,
    dueDate: '2026-12-20',
    ...extra,
  };
}

async function rows(): Promise<Record<string, number>> {
  const { tables } = await unit.call('system.status', {});
  return {
    milestones: tables.programme_milestones ?? -1,
    history: tables.programme_milestone_history ?? -1,
    links: tables.programme_milestone_organizations ?? -1,
  };
}

describe('programme milestones', () => {
  it('refuses an event date without a time (and the other bad input) naming each field, saving nothing', async () => {
    const before = await rows();
    const noTime = await unit.fail('milestones.create', { milestone: fields({ eventDate: '2026-12-15' }) });
    expect(noTime).toMatchObject({ code: 'invalid_input', field: 'milestone.eventTime' });
    expect(noTime.message).toMatch(/needs a time/);

    const many = await unit.fail('milestones.create', {
      milestone: fields({ ownerUserId: null, status: 'done', eventTime: '10:00' }),
    });
    expect(Object.keys(many.fields ?? {}).sort()).toEqual([
      'milestone.completedOn',
      'milestone.eventDate',
      'milestone.ownerUserId',
    ]);
    expect(many.fields!['milestone.completedOn']).toMatch(/done needs the day it was completed/);

    const early = await unit.fail('milestones.create', {
      milestone: fields({ status: 'done', completedOn: '2026-11-27' }),
    });
    expect(early.fields).toEqual({
      'milestone.completedOn': 'Completion date: it cannot be before the milestone was created (2026-11-28).',
    });
    const badTime = await unit.fail('milestones.create', { milestone: fields({ eventDate: '2026-12-15', eventTime: '25:00' }) });
    expect(badTime.field).toBe('milestone.eventTime');
    expect(await rows()).toEqual(before);
  });

  it('keeps the event time in the department time zone and every change with who and when', async () => {
    const { milestone } = await unit.call('milestones.create', {
      milestone: fields({ eventDate: '2026-12-15', eventTime: '09:30', description: 'Crisis intervention and naloxone.' }),
    });
    expect(milestone).toMatchObject({
      eventDate: '2026-12-15',
      eventTime: '09:30',
      eventTimeZone: 'America/Chicago',
      status: 'planned',
      owner: { userId: unit.ids.coordinator, name: 'Coordinator Example' },
      createdBy: { id: unit.ids.coordinator },
    });

    // The department moves (a setting of the directory): new event times take the new zone, old ones keep theirs.
    await unit.call('providers.updateSettings', { timeZone: 'America/New_York' });
    unit.clock.now = NOW + 2 * DAY;
    await unit.as('admin');
    const done = await unit.call('milestones.update', {
      id: milestone.id,
      version: milestone.version,
      milestone: fields({
        description: 'Crisis intervention and naloxone.',
        eventDate: '2026-12-15',
        eventTime: '09:30',
        status: 'done',
        completedOn: '2026-11-30',
        evidence: 'Sign-in sheet: 14 officers.',
      }),
    });
    expect(done.milestone).toMatchObject({
      status: 'done',
      completedOn: '2026-11-30',
      eventTimeZone: 'America/Chicago',
      version: 2,
    });
    expect(done.milestone.updatedBy?.id).toBe(unit.ids.admin);

    const stale = await unit.fail('milestones.update', { id: milestone.id, version: 1, milestone: fields() });
    expect(stale).toMatchObject({ code: 'conflict', field: 'version' });

    const { history } = await unit.call('milestones.get', { id: milestone.id });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.by?.displayName])).toEqual([
      ['status', 'planned', 'done', 'Admin Example'],
      ['completedOn', null, '2026-11-30', 'Admin Example'],
      ['evidence', null, 'Sign-in sheet: 14 officers.', 'Admin Example'],
      ['created', null, 'Officer training, second cohort', 'Coordinator Example'],
    ]);
    expect(history[0]!.at).toBe(new Date(NOW + 2 * DAY).toISOString());

    const moved = await unit.call('milestones.update', {
      id: milestone.id,
      version: 2,
      milestone: fields({ eventDate: '2026-12-16', eventTime: '09:30', status: 'done', completedOn: '2026-11-30' }),
    });
    expect(moved.milestone.eventTimeZone).toBe('America/New_York');
  });

  it('flags overdue and due-soon milestones by the department’s date, and filters the list', async () => {
    const make = (title: string, dueDate: string, extra: Partial<MilestoneFields> = {}) =>
      unit.call('milestones.create', { milestone: fields({ title, dueDate, ...extra }) });
    await make('Past due', '2026-11-27');
    await make('Due today', TODAY, { category: 'mou_partnership', ownerUserId: null, ownerName: 'County health department' });
    await make('Two weeks out', '2026-12-12');
    await make('Fifteen days out', '2026-12-13');
    await make('Past but cancelled', '2026-11-01', { status: 'cancelled' });

    // 22:30 on the 28th in Chicago is already the 29th in UTC: the department's date decides.
    unit.clock.now = Date.parse('2026-11-29T04:30:00Z');
    await unit.as('coordinator');
    const list = await unit.call('milestones.list', {});
    const flags = Object.fromEntries(list.milestones.map((m) => [m.title, [m.overdue, m.dueSoon]]));
    expect(flags).toEqual({
      'Past but cancelled': [false, false],
      'Past due': [true, false],
      'Due today': [false, true],
      'Two weeks out': [false, true],
      'Fifteen days out': [false, false],
    });
    expect(list.counts).toEqual({ total: 5, overdue: 1, dueSoon: 2, done: 0 });
    expect(list.today).toBe('2026-11-28');
    expect(list.owners.map((o) => o.label)).toEqual(['Coordinator Example', 'County health department']);

    const partner = await unit.call('milestones.list', { owner: 'partner:County health department' });
    expect(partner.milestones.map((m) => m.title)).toEqual(['Due today']);
    const cancelled = await unit.call('milestones.list', { statuses: ['cancelled'] });
    expect(cancelled.milestones.map((m) => m.title)).toEqual(['Past but cancelled']);
    const mou = await unit.call('milestones.list', { categories: ['mou_partnership', 'event'] });
    expect(mou.milestones.map((m) => m.title)).toEqual(['Due today']);

    const home = await unit.call('milestones.home', {});
    expect(home.programme!.overdue.map((m) => m.title)).toEqual(['Past due']);
    expect(home.programme!.dueSoon.map((m) => m.title)).toEqual(['Due today', 'Two weeks out']);
    await unit.as('officer');
    expect(await unit.call('milestones.home', {})).toMatchObject({ programme: null, retention: null });
    // Everyone may read the plan; only coordinators and administrators change it.
    expect((await unit.call('milestones.list', {})).counts.total).toBe(5);
    expect((await unit.fail('milestones.create', { milestone: fields() })).code).toBe('forbidden');
  });

  it('links directory organisations, and refuses ones that are not in the directory', async () => {
    const org = await unit.call('providers.saveOrganization', { name: 'Harbor Recovery Services', description: 'Treatment.' });
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = await unit.fail('milestones.create', {
      milestone: fields({ category: 'mou_partnership', organizationIds: [org.id, missing] }),
    });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'milestone.organizationIds.1' });
    const { milestone } = await unit.call('milestones.create', {
      milestone: fields({ category: 'mou_partnership', organizationIds: [org.id] }),
    });
    expect(milestone.organizations).toEqual([{ id: org.id, name: 'Harbor Recovery Services', inDirectory: true }]);
  });

  it('starts the plan from the template once: starting it again adds nothing', async () => {
    const first = await unit.call('milestones.startPlan', { startDate: '2027-01-04' });
    expect(first).toEqual({ added: STARTER_PLAN.length, alreadyThere: 0 });
    const { milestones } = await unit.call('milestones.list', {});
    expect(milestones).toHaveLength(10);
    expect(milestones[0]).toMatchObject({
      title: 'Kick-off meeting with the TTA provider',
      dueDate: '2027-01-18',
      owner: { userId: unit.ids.coordinator },
      status: 'planned',
      templateKey: 'kickoff',
    });
    expect(milestones.map((m) => m.title)).toContain('Provider MOUs signed');

    // Adjusted after starting: still one of each.
    const kickoff = milestones[0]!;
    await unit.call('milestones.update', {
      id: kickoff.id,
      version: kickoff.version,
      milestone: fields({ title: 'Kick-off with the TTA centre', dueDate: '2027-01-20', category: 'technical_assistance' }),
    });
    await unit.as('admin');
    const again = await unit.call('milestones.startPlan', { startDate: '2027-03-01' });
    expect(again).toEqual({ added: 0, alreadyThere: 10 });
    const after = await unit.call('milestones.list', {});
    expect(after.milestones).toHaveLength(10);
    expect(after.starterKeys.sort()).toEqual(STARTER_PLAN.map((i) => i.key).sort());
    expect((await unit.fail('milestones.startPlan', { startDate: '1999-05-01' })).field).toBe('startDate');
  });
});
