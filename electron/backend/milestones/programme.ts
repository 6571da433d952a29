import { randomUUID } from 'node:crypto';
import type { Milestone, MilestoneHistoryEntry, ParsedMilestoneFields } from '../../../shared/contract/milestones';
import { milestoneFlags, milestoneProblems } from '../../../shared/domain/milestones';
import type { Db } from '../db/open';
import { AppError, Problems } from '../errors';
import { staffNames } from '../intake/repo';
import { requireActiveStaff } from '../users/staffRef';

interface MilestoneRow {
  id: string;
  title: string;
  description: string;
  category: string;
  owner_user_id: string | null;
  owner_name: string;
  due_date: string;
  event_date: string | null;
  event_time: string | null;
  event_time_zone: string | null;
  status: string;
  completed_on: string | null;
  evidence: string;
  template_key: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Milestones matching `where` (on `programme_milestones m`), by due date. */
export function loadMilestones(db: Db, today: string, where = '1 = 1', params: unknown[] = []): Milestone[] {
  const rows = db
    .prepare(`SELECT m.* FROM programme_milestones m WHERE ${where} ORDER BY m.due_date, m.created_at, m.title, m.id`)
    .all(...params) as MilestoneRow[];
  if (!rows.length) return [];
  const orgs = new Map<string, Milestone['organizations']>();
  const orgRows = db
    .prepare(
      `SELECT l.milestone_id, l.organization_id, coalesce(o.name, l.organization_name) AS name, o.id IS NOT NULL AS in_directory
         FROM programme_milestone_organizations l LEFT JOIN hsds_organization o ON o.id = l.organization_id
        WHERE l.milestone_id IN (SELECT value FROM json_each(?)) ORDER BY l.milestone_id, l.position`,
    )
    .all(JSON.stringify(rows.map((r) => r.id))) as {
    milestone_id: string;
    organization_id: string;
    name: string;
    in_directory: number;
  }[];
  for (const o of orgRows) {
    orgs.set(o.milestone_id, [
      ...(orgs.get(o.milestone_id) ?? []),
      { id: o.organization_id, name: o.name, inDirectory: o.in_directory === 1 },
    ]);
  }
  const staff = staffNames(db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    owner: {
      userId: r.owner_user_id,
      name: r.owner_user_id ? (staff(r.owner_user_id)?.displayName ?? 'Unknown staff member') : r.owner_name,
    },
    dueDate: r.due_date,
    eventDate: r.event_date,
    eventTime: r.event_time,
    eventTimeZone: r.event_time_zone,
    status: r.status,
    completedOn: r.completed_on,
    evidence: r.evidence,
    organizations: orgs.get(r.id) ?? [],
    templateKey: r.template_key,
    ...milestoneFlags(r.due_date, r.status, today),
    version: r.version,
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
    updatedAt: r.updated_at,
    updatedBy: staff(r.updated_by),
  }));
}

export function requireMilestone(db: Db, today: string, id: string): Milestone {
  const m = loadMilestones(db, today, 'm.id = ?', [id])[0];
  if (!m) throw new AppError('not_found', 'No such milestone.', 'id');
  return m;
}

export function milestoneHistory(db: Db, id: string): MilestoneHistoryEntry[] {
  const staff = staffNames(db);
  const rows = db
    .prepare(
      'SELECT at, user_id, field, old_value, new_value FROM programme_milestone_history WHERE milestone_id = ? ORDER BY at DESC, seq',
    )
    .all(id) as { at: string; user_id: string | null; field: string; old_value: string | null; new_value: string | null }[];
  return rows.map((r) => ({ at: r.at, by: staff(r.user_id), field: r.field, oldValue: r.old_value, newValue: r.new_value }));
}

/** A milestone's values as stored, with the organisations' names resolved. */
interface Stored {
  fields: ParsedMilestoneFields;
  organizations: { id: string; name: string }[];
  eventTimeZone: string | null;
}

/**
 * Every problem of a milestone being saved, at once (fields under `milestone.`): the shared rules, the
 * owner (one staff account or one named partner), and organisations that must be in the directory.
 * `createdOn` is the department's date on which it was created (today for a new one).
 */
export function checkMilestone(
  db: Db,
  f: ParsedMilestoneFields,
  clock: { today: string; timeZone: string },
  createdOn: string,
  keep: { organizations: Map<string, string> } = { organizations: new Map() },
): { id: string; name: string }[] {
  const problems = new Problems();
  problems.addAll(milestoneProblems(f, clock.today, createdOn), 'milestone');
  if (f.ownerUserId && f.ownerName) {
    problems.add('milestone.ownerName', 'Owner: choose a staff member or name a partner, not both.');
  } else if (!f.ownerUserId && !f.ownerName) {
    problems.add('milestone.ownerUserId', 'Owner: choose a staff member, or name the partner who owns it.');
  } else if (f.ownerUserId) {
    problems.check(() => requireActiveStaff(db, f.ownerUserId!, 'milestone.ownerUserId'));
  }
  const organizations: { id: string; name: string }[] = [];
  const lookup = db.prepare('SELECT name FROM hsds_organization WHERE id = ?').pluck();
  f.organizationIds.forEach((orgId, i) => {
    const name = (lookup.get(orgId) as string | undefined) ?? keep.organizations.get(orgId);
    if (name === undefined)
      problems.add(`milestone.organizationIds.${i}`, 'Partner organisations: this organisation is not in the directory.');
    else organizations.push({ id: orgId, name });
  });
  problems.throwIfAny();
  return organizations;
}

/** How a stored value reads in the change history (codes stay codes; the window labels them). */
function historyValues(db: Db, s: Stored): Record<string, string | null> {
  const f = s.fields;
  const owner = f.ownerUserId
    ? ((db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(f.ownerUserId) as string | undefined) ??
      f.ownerUserId)
    : f.ownerName;
  return {
    title: f.title,
    description: f.description || null,
    category: f.category,
    owner,
    dueDate: f.dueDate,
    event: f.eventDate ? `${f.eventDate} ${f.eventTime ?? ''} ${s.eventTimeZone ?? ''}`.trim() : null,
    status: f.status,
    completedOn: f.completedOn,
    evidence: f.evidence || null,
    organizations: s.organizations.map((o) => o.name).join('; ') || null,
  };
}

function writeOrganizations(db: Db, id: string, organizations: { id: string; name: string }[]): void {
  db.prepare('DELETE FROM programme_milestone_organizations WHERE milestone_id = ?').run(id);
  const insert = db.prepare(
    'INSERT INTO programme_milestone_organizations (milestone_id, organization_id, organization_name, position) VALUES (?, ?, ?, ?)',
  );
  organizations.forEach((o, i) => insert.run(id, o.id, o.name, i));
}

const history = (db: Db) =>
  db.prepare(
    'INSERT INTO programme_milestone_history (milestone_id, at, user_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)',
  );

/** Inserts a checked milestone (call inside the call's transaction). */
export function insertMilestone(
  db: Db,
  f: ParsedMilestoneFields,
  organizations: { id: string; name: string }[],
  ctx: { userId: string; at: string; timeZone: string; templateKey?: string },
): string {
  const id = randomUUID();
  const zone = f.eventDate ? ctx.timeZone : null;
  db.prepare(
    `INSERT INTO programme_milestones (id, title, description, category, owner_user_id, owner_name, due_date, event_date, event_time,
       event_time_zone, status, completed_on, evidence, template_key, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    f.title,
    f.description,
    f.category,
    f.ownerUserId,
    f.ownerUserId ? '' : f.ownerName,
    f.dueDate,
    f.eventDate,
    f.eventDate ? f.eventTime : null,
    zone,
    f.status,
    f.completedOn,
    f.evidence,
    ctx.templateKey ?? null,
    ctx.at,
    ctx.userId,
    ctx.at,
    ctx.userId,
  );
  writeOrganizations(db, id, organizations);
  history(db).run(id, ctx.at, ctx.userId, 'created', null, f.title);
  return id;
}

/** The stored values of a loaded milestone, as the form would send them. */
export function storedOf(m: Milestone): Stored {
  return {
    fields: {
      title: m.title,
      description: m.description,
      category: m.category as ParsedMilestoneFields['category'],
      ownerUserId: m.owner.userId,
      ownerName: m.owner.userId ? '' : m.owner.name,
      dueDate: m.dueDate,
      eventDate: m.eventDate,
      eventTime: m.eventTime,
      status: m.status as ParsedMilestoneFields['status'],
      completedOn: m.completedOn,
      evidence: m.evidence,
      organizationIds: m.organizations.map((o) => o.id),
    },
    organizations: m.organizations.map((o) => ({ id: o.id, name: o.name })),
    eventTimeZone: m.eventTimeZone,
  };
}

/** Replaces a milestone's values, keeping one history entry per field that changed. Returns the fields changed. */
export function updateMilestone(
  db: Db,
  before: Milestone,
  f: ParsedMilestoneFields,
  organizations: { id: string; name: string }[],
  ctx: { userId: string; at: string; timeZone: string },
): string[] {
  const sameEvent = f.eventDate === before.eventDate && f.eventTime === before.eventTime;
  const zone = f.eventDate ? (sameEvent ? before.eventTimeZone : ctx.timeZone) : null;
  const old = historyValues(db, storedOf(before));
  const next = historyValues(db, { fields: f, organizations, eventTimeZone: zone });
  const changed = Object.keys(next).filter((k) => next[k] !== old[k]);
  if (!changed.length) return [];
  const info = db
    .prepare(
      `UPDATE programme_milestones SET title = ?, description = ?, category = ?, owner_user_id = ?, owner_name = ?, due_date = ?,
         event_date = ?, event_time = ?, event_time_zone = ?, status = ?, completed_on = ?, evidence = ?,
         version = version + 1, updated_at = ?, updated_by = ?
       WHERE id = ? AND version = ?`,
    )
    .run(
      f.title,
      f.description,
      f.category,
      f.ownerUserId,
      f.ownerUserId ? '' : f.ownerName,
      f.dueDate,
      f.eventDate,
      f.eventDate ? f.eventTime : null,
      zone,
      f.status,
      f.completedOn,
      f.evidence,
      ctx.at,
      ctx.userId,
      before.id,
      before.version,
    );
  if (info.changes !== 1)
    throw new AppError('conflict', 'Someone changed this milestone meanwhile; reopen it and try again.', 'version');
  writeOrganizations(db, before.id, organizations);
  const add = history(db);
  for (const field of changed) add.run(before.id, ctx.at, ctx.userId, field, old[field] ?? null, next[field] ?? null);
  return changed;
}
