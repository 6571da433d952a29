import type { TimelineItem, timelineContract } from '../../../shared/contract/timeline';
import { loadDisclosures } from '../consents/handlers';
import { loadConsents } from '../consents/repo';
import { departmentToday } from '../calendar';
import { loadFollowups } from '../followups/repo';
import { loadContacts } from '../intake/repo';
import { participantEvents, participantSummary } from '../milestones/participants';
import { loadLetters } from '../letters/repo';
import { loadReferrals } from '../referrals/repo';
import type { HandlersFor } from '../router';
import { mergesOf } from './merge';
import { requirePersonRow, toPerson } from './repo';

export const timelineHandlers: HandlersFor<typeof timelineContract> = {
  'people.timeline': (ctx, input) => {
    const row = requirePersonRow(ctx.db, input.id);
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = row.id;
    const contacts = loadContacts(ctx.db, 'c.person_id = ?', [row.id]);
    const items: TimelineItem[] = [];
    for (const contact of contacts) {
      items.push({ kind: 'contact', at: contact.occurredAt, contact });
      for (const screening of contact.screenings) items.push({ kind: 'screening', at: screening.administeredAt, screening });
    }
    for (const followup of loadFollowups(ctx.db, ctx.backend.now(), 'f.person_id = ?', [row.id])) {
      items.push({
        kind: 'followup',
        at: followup.status === 'open' ? followup.dueDate : (followup.closedAt ?? followup.dueDate),
        followup,
      });
    }
    for (const merge of mergesOf(ctx.db, row.id)) items.push({ kind: 'merge', at: merge.at, merge });
    const now = ctx.backend.now();
    const today = departmentToday(ctx.db, now);
    for (const consent of loadConsents(ctx.db, today, 'c.person_id = ?', [row.id])) {
      items.push({ kind: 'consent', at: consent.createdAt, consent });
    }
    for (const referral of loadReferrals(ctx.db, now, 'r.person_id = ?', [row.id])) {
      items.push({ kind: 'referral', at: referral.createdAt, referral });
    }
    for (const letter of loadLetters(ctx.db, ctx.user.role, 'l.person_id = ?', [row.id])) {
      items.push({ kind: 'letter', at: letter.createdAt, letter });
    }
    for (const disclosure of loadDisclosures(ctx.db, row.id)) items.push({ kind: 'disclosure', at: disclosure.at, disclosure });
    const key = ctx.backend.hasClinicalKey() ? ctx.clinicalKey : null;
    const milestones = participantSummary(ctx.db, row.id, today, key);
    for (const milestone of participantEvents(milestones)) items.push({ kind: 'milestone', at: milestone.date, milestone });
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { person: toPerson(row), items, milestones };
  },
};
