import type { StaffRef } from '../../../shared/contract/fields';
import type { Db } from '../db/open';
import { AppError } from '../errors';

/** A staff member as shown beside a record (id and display name), or null for an unknown id. */
export function staffRef(db: Db, userId: string | null): StaffRef | null {
  if (!userId) return null;
  const name = db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
  return name === undefined ? null : { id: userId, displayName: name };
}

/** Refuses an id that is not an active staff member, naming the field. */
export function requireActiveStaff(db: Db, userId: string, field: string): { id: string; role: string } {
  const row = db.prepare('SELECT id, role, active FROM users WHERE id = ?').get(userId) as
    { id: string; role: string; active: number } | undefined;
  if (!row) throw new AppError('invalid_input', 'This staff member does not exist.', field);
  if (row.active !== 1) throw new AppError('invalid_input', 'This staff member’s account is deactivated.', field);
  return row;
}
