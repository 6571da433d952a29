import type { milestonesContract } from '../../../shared/contract/milestones';
import { PLAN_EARLIEST, PLAN_LATEST, plusDays, STARTER_PLAN, starterPlanFor } from '../../../shared/domain/milestones';
import { addDays, dateIn, weekStart } from '../../../shared/domain/calendar';
import { departmentClock } from '../calendar';
import { AppError } from '../errors';
import type { HandlersFor } from '../router';
import { retentionDueFor } from './participants';
import {
  checkMilestone,
  insertMilestone,
  loadMilestones,
  milestoneHistory,
  requireMilestone,
  updateMilestone,
} from './programme';

type Handlers = HandlersFor<typeof milestonesContract>;

const MANAGERS = new Set(['coordinator', 'admin']);
const RETENTION_ROLES = new Set(['coresponder', 'coordinator']);

export const milestonesHandlers: Handlers = {
  'milestones.list': (ctx, input) => {
    const db = ctx.db;
    const clock = departmentClock(db, ctx.backend.now());
    const all = loadMilestones(db, clock.today);
    const owners = new Map<string, string>();
    for (const m of all) owners.set(m.owner.userId ? `user:${m.owner.userId}` : `partner:${m.owner.name}`, m.owner.name);
    const keyOf = (m: (typeof all)[number]) => (m.owner.userId ? `user:${m.owner.userId}` : `partner:${m.owner.name}`);
    const milestones = all.filter(
      (m) =>
        (!input.statuses.length || (input.statuses as string[]).includes(m.status)) &&
        (!input.categories.length || (input.categories as string[]).includes(m.category)) &&
        (!input.owner || keyOf(m) === input.owner),
    );
    return {
      milestones,
      owners: [...owners].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label)),
      counts: {
        total: all.length,
        overdue: all.filter((m) => m.overdue).length,
        dueSoon: all.filter((m) => m.dueSoon).length,
        done: all.filter((m) => m.status === 'done').length,
      },
      starterKeys: all.map((m) => m.templateKey).filter((k): k is string => k !== null),
      today: clock.today,
      timeZone: clock.timeZone,
    };
  },

  'milestones.get': (ctx, input) => {
    const { today } = departmentClock(ctx.db, ctx.backend.now());
    const milestone = requireMilestone(ctx.db, today, input.id);
    return { milestone, history: milestoneHistory(ctx.db, milestone.id) };
  },

  'milestones.options': (ctx) => {
    const db = ctx.db;
    const staff = db
      .prepare('SELECT id, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE')
      .all() as { id: string; displayName: string; role: string }[];
    const organizations = db
      .prepare(`SELECT id, name FROM hsds_organization WHERE name <> '' ORDER BY name COLLATE NOCASE`)
      .all() as { id: string; name: string }[];
    return { staff, organizations, timeZone: departmentClock(db, ctx.backend.now()).timeZone };
  },

  'milestones.create': (ctx, input) => {
    const db = ctx.db;
    const clock = departmentClock(db, ctx.backend.now());
    const organizations = checkMilestone(db, input.milestone, clock, clock.today);
    const id = insertMilestone(db, input.milestone, organizations, {
      userId: ctx.user.id,
      at: ctx.backend.nowIso(),
      timeZone: clock.timeZone,
    });
    ctx.audit.targetType = 'milestone';
    ctx.audit.targetId = id;
    ctx.audit.detail = { category: input.milestone.category, status: input.milestone.status };
    return { milestone: requireMilestone(db, clock.today, id) };
  },

  'milestones.update': (ctx, input) => {
    const db = ctx.db;
    const clock = departmentClock(db, ctx.backend.now());
    const before = requireMilestone(db, clock.today, input.id);
    ctx.audit.targetType = 'milestone';
    ctx.audit.targetId = before.id;
    if (before.version !== input.version) {
      throw new AppError('conflict', 'Someone changed this milestone meanwhile; reopen it and try again.', 'version');
    }
    const createdOn = dateIn(Date.parse(before.createdAt), clock.timeZone);
    const organizations = checkMilestone(db, input.milestone, clock, createdOn, {
      organizations: new Map(before.organizations.map((o) => [o.id, o.name])),
    });
    const changed = updateMilestone(db, before, input.milestone, organizations, {
      userId: ctx.user.id,
      at: ctx.backend.nowIso(),
      timeZone: clock.timeZone,
    });
    ctx.audit.detail = { fields: changed.join(','), ...(changed.includes('status') ? { status: input.milestone.status } : {}) };
    return { milestone: requireMilestone(db, clock.today, before.id) };
  },

  'milestones.startPlan': (ctx, input) => {
    const db = ctx.db;
    const clock = departmentClock(db, ctx.backend.now());
    const last = Math.max(...STARTER_PLAN.map((i) => i.offsetDays));
    if (input.startDate < PLAN_EARLIEST || plusDays(input.startDate, last) > PLAN_LATEST) {
      throw new AppError('invalid_input', 'Start date: enter a date between 2000 and 2098; check the year.', 'startDate');
    }
    const there = new Set(
      db.prepare('SELECT template_key FROM programme_milestones WHERE template_key IS NOT NULL').pluck().all() as string[],
    );
    const at = ctx.backend.nowIso();
    let added = 0;
    for (const item of starterPlanFor(input.startDate)) {
      if (there.has(item.key)) continue;
      const fields = {
        title: item.title,
        description: item.description,
        category: item.category,
        ownerUserId: ctx.user.id,
        ownerName: '',
        dueDate: item.dueDate,
        eventDate: null,
        eventTime: null,
        status: 'planned' as const,
        completedOn: null,
        evidence: '',
        organizationIds: [],
      };
      const organizations = checkMilestone(db, fields, clock, clock.today);
      insertMilestone(db, fields, organizations, { userId: ctx.user.id, at, timeZone: clock.timeZone, templateKey: item.key });
      added++;
    }
    ctx.audit.detail = { startDate: input.startDate, added, alreadyThere: there.size };
    return { added, alreadyThere: there.size };
  },

  'milestones.home': (ctx) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    const clock = departmentClock(db, now);
    const role = ctx.user.role;
    let programme = null;
    if (MANAGERS.has(role)) {
      const open = loadMilestones(db, clock.today, `m.status IN ('planned','in_progress','at_risk')`);
      programme = { overdue: open.filter((m) => m.overdue), dueSoon: open.filter((m) => m.dueSoon) };
    }
    // This week runs Monday to Sunday; checks missed lately stay on the list (see retentionDueFor).
    const weekEnd = addDays(weekStart(clock.today), 6);
    const retention = RETENTION_ROLES.has(role) ? retentionDueFor(db, ctx.user.id, clock.today, weekEnd) : null;
    ctx.audit.detail = {
      ...(programme ? { overdue: programme.overdue.length, dueSoon: programme.dueSoon.length } : {}),
      ...(retention ? { retentionDue: retention.length } : {}),
    };
    return { programme, retention, today: clock.today, weekEnd };
  },
};
