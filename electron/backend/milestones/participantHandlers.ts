import type { participantsContract } from '../../../shared/contract/participants';
import { AppError } from '../errors';
import { resolvePersonRow } from '../people/repo';
import type { HandlersFor } from '../router';
import { manualMilestones, recordParticipantMilestone, requireManualMilestone } from './participants';
import { departmentClock } from '../calendar';

export const participantsHandlers: HandlersFor<typeof participantsContract> = {
  'participants.record': (ctx, input) => {
    const db = ctx.db;
    const person = resolvePersonRow(db, input.personId, 'personId');
    const key = ctx.clinicalKey;
    const { today } = departmentClock(db, ctx.backend.now());
    const id = recordParticipantMilestone(db, key, person.id, input.milestone, {
      userId: ctx.user.id,
      at: ctx.backend.nowIso(),
      today,
    });
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = person.id;
    ctx.audit.detail = {
      milestoneId: id,
      kind: input.milestone.kind,
      ...(input.milestone.kind === 'retention' ? { checkDays: input.milestone.checkDays } : {}),
    };
    const milestone = manualMilestones(db, person.id, key).find((m) => m.id === id);
    if (!milestone) throw new Error('recorded milestone not found');
    return { milestone };
  },

  'participants.remove': (ctx, input) => {
    const db = ctx.db;
    const row = requireManualMilestone(db, input.id);
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = row.person_id;
    ctx.audit.detail = { milestoneId: row.id, kind: row.kind };
    if (row.removed_at) throw new AppError('conflict', 'This milestone has already been removed.', 'id');
    db.prepare('UPDATE participant_milestones SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ?').run(
      ctx.backend.nowIso(),
      ctx.user.id,
      input.reason,
      row.id,
    );
    return {};
  },
};
