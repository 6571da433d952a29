import { dueDateProblem } from '../../../shared/domain/followups';
import { randomUUID } from 'node:crypto';
import type { Followup, FollowupStatus } from '../../../shared/contract/followups';
import { personDisplayName } from '../../../shared/domain/person';
import { departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { staffNames } from '../intake/repo';
import { requireActiveStaff } from '../users/staffRef';

interface FollowupRow {
  id: string;
  person_id: string;
  contact_id: string | null;
  due_date: string;
  assignee_id: string;
  note: string;
  status: FollowupStatus;
  outcome_note: string;
  created_at: string;
  created_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  first_name: string;
  last_name: string;
  aliases: string;
}

const SELECT = `SELECT f.*, p.first_name, p.last_name, p.aliases FROM followups f JOIN persons p ON p.id = f.person_id`;

/** Follow-ups matching `where` (on `followups f`), ordered by due date (so overdue ones come first). */
export function loadFollowups(db: Db, now: number, where: string, params: unknown[], limit = 10_000): Followup[] {
  const rows = db
    .prepare(`${SELECT} WHERE ${where} ORDER BY f.due_date, f.created_at LIMIT ${Math.floor(limit)}`)
    .all(...params) as FollowupRow[];
  const staff = staffNames(db);
  const today = departmentToday(db, now);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: personDisplayName({ firstName: r.first_name, lastName: r.last_name, aliases: JSON.parse(r.aliases) as string[] }),
    contactId: r.contact_id,
    dueDate: r.due_date,
    assignee: staff(r.assignee_id) ?? { id: r.assignee_id, displayName: 'Unknown staff member' },
    note: r.note,
    status: r.status,
    outcomeNote: r.outcome_note,
    overdue: r.status === 'open' && r.due_date < today,
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
    closedAt: r.closed_at,
    closedBy: staff(r.closed_by),
  }));
}

export function requireFollowup(db: Db, now: number, id: string): Followup {
  const f = loadFollowups(db, now, 'f.id = ?', [id], 1)[0];
  if (!f) throw new AppError('not_found', 'No such follow-up.', 'id');
  return f;
}

/** Due dates: a real date, not before the department's today (a follow-up is about the future). */
export function validateDueDate(db: Db, dueDate: string, now: number, field: string): void {
  const problem = dueDateProblem(dueDate, departmentToday(db, now));
  if (problem) throw new AppError('invalid_input', problem, field);
}

export function insertFollowup(
  db: Db,
  f: { personId: string; contactId: string | null; dueDate: string; assigneeId: string; note: string },
  userId: string,
  now: number,
  prefix: string,
): string {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  validateDueDate(db, f.dueDate, now, at('dueDate'));
  requireActiveStaff(db, f.assigneeId, at('assigneeId'));
  const id = randomUUID();
  const stamp = new Date(now).toISOString();
  db.prepare(
    `INSERT INTO followups (id, person_id, contact_id, due_date, assignee_id, note, status, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(id, f.personId, f.contactId, f.dueDate, f.assigneeId, f.note, stamp, userId);
  return id;
}
