import type { followupsContract } from '../../../shared/contract/followups';
import type { SessionUser } from '../../../shared/contract/users';
import { AppError } from '../errors';
import { resolvePersonRow } from '../people/repo';
import type { Ctx, HandlersFor } from '../router';
import { requireActiveStaff } from '../users/staffRef';
import { insertFollowup, loadFollowups, requireFollowup, validateDueDate } from './repo';

/** Officers change only follow-ups assigned to them or created by them; other roles any. */
function requireMayChange(ctx: Ctx, id: string) {
  const f = requireFollowup(ctx.db, ctx.backend.now(), id);
  const user: SessionUser = ctx.user;
  if (user.role === 'officer' && f.assignee.id !== user.id && f.createdBy?.id !== user.id) {
    throw new AppError('forbidden', 'Officers can change only follow-ups assigned to them or created by them.', 'id');
  }
  ctx.audit.targetType = 'followup';
  ctx.audit.targetId = f.id;
  return f;
}

export const followupsHandlers: HandlersFor<typeof followupsContract> = {
  'followups.create': (ctx, input) => {
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    if (input.contactId) {
      const owner = ctx.db.prepare('SELECT person_id FROM contacts WHERE id = ?').pluck().get(input.contactId) as
        string | null | undefined;
      if (owner === undefined) throw new AppError('not_found', 'No such contact.', 'contactId');
      if (owner !== person.id) throw new AppError('invalid_input', 'This contact belongs to someone else.', 'contactId');
    }
    const id = insertFollowup(
      ctx.db,
      { personId: person.id, contactId: input.contactId ?? null, ...input.followup },
      ctx.user.id,
      ctx.backend.now(),
      'followup',
    );
    ctx.audit.targetType = 'followup';
    ctx.audit.targetId = id;
    ctx.audit.detail = { personId: person.id, assigneeId: input.followup.assigneeId };
    return { followup: requireFollowup(ctx.db, ctx.backend.now(), id) };
  },

  'followups.update': (ctx, input) => {
    const f = requireMayChange(ctx, input.id);
    if (f.status !== 'open') throw new AppError('conflict', 'This follow-up is closed; reopen it to change it.', 'id');
    if (input.dueDate !== undefined && input.dueDate !== f.dueDate)
      validateDueDate(ctx.db, input.dueDate, ctx.backend.now(), 'dueDate');
    if (input.assigneeId !== undefined) requireActiveStaff(ctx.db, input.assigneeId, 'assigneeId');
    ctx.db
      .prepare('UPDATE followups SET due_date = ?, assignee_id = ?, note = ? WHERE id = ?')
      .run(input.dueDate ?? f.dueDate, input.assigneeId ?? f.assignee.id, input.note ?? f.note, f.id);
    ctx.audit.detail = {
      dueDate: input.dueDate !== undefined && input.dueDate !== f.dueDate,
      assignee: input.assigneeId !== undefined && input.assigneeId !== f.assignee.id,
      note: input.note !== undefined && input.note !== f.note,
    };
    return { followup: requireFollowup(ctx.db, ctx.backend.now(), f.id) };
  },

  'followups.close': (ctx, input) => {
    const f = requireMayChange(ctx, input.id);
    if (f.status !== 'open') throw new AppError('conflict', 'This follow-up is already closed.', 'id');
    ctx.db
      .prepare('UPDATE followups SET status = ?, outcome_note = ?, closed_at = ?, closed_by = ? WHERE id = ?')
      .run(input.status, input.outcomeNote, ctx.backend.nowIso(), ctx.user.id, f.id);
    ctx.audit.detail = { status: input.status };
    return { followup: requireFollowup(ctx.db, ctx.backend.now(), f.id) };
  },

  'followups.reopen': (ctx, input) => {
    const f = requireMayChange(ctx, input.id);
    if (f.status === 'open') throw new AppError('conflict', 'This follow-up is already open.', 'id');
    ctx.db.prepare(`UPDATE followups SET status = 'open', closed_at = NULL, closed_by = NULL WHERE id = ?`).run(f.id);
    return { followup: requireFollowup(ctx.db, ctx.backend.now(), f.id) };
  },

  'followups.mine': (ctx) => {
    const followups = loadFollowups(ctx.db, ctx.backend.now(), `f.assignee_id = ? AND f.status = 'open'`, [ctx.user.id], 200);
    return { followups, overdue: followups.filter((f) => f.overdue).length };
  },
};
