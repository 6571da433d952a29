import type { TimelineItem, timelineContract } from '../../../shared/contract/timeline';
import { loadFollowups } from '../followups/repo';
import { loadContacts } from '../intake/repo';
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
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return { person: toPerson(row), items };
  },
};
