import type { intakeContract } from '../../../shared/contract/intake';
import { addDays, localDate, weekStart } from '../dates';
import { loadFollowups } from '../followups/repo';
import type { HandlersFor } from '../router';
import { loadContacts } from './repo';

/** The UTC instant at which a local calendar day starts. */
function localMidnightIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export const dashboardHandlers: Pick<HandlersFor<typeof intakeContract>, 'home.dashboard'> = {
  'home.dashboard': (ctx) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    const today = localDate(now);
    const from = weekStart(today);
    const to = addDays(from, 6);
    const mine = loadFollowups(db, now, `f.assignee_id = ? AND f.status = 'open'`, [ctx.user.id], 500);
    const week = db
      .prepare(
        `SELECT count(*) AS contacts, count(DISTINCT person_id) AS people,
                coalesce(sum(overdose), 0) AS overdoses, coalesce(sum(naloxone_doses), 0) AS naloxoneDoses,
                (SELECT count(DISTINCT s.contact_id) FROM screenings s JOIN contacts c2 ON c2.id = s.contact_id
                  WHERE s.positive = 1 AND c2.occurred_date BETWEEN @from AND @to) AS screenedPositive
         FROM contacts WHERE occurred_date BETWEEN @from AND @to`,
      )
      .get({ from, to }) as {
      contacts: number;
      people: number;
      overdoses: number;
      naloxoneDoses: number;
      screenedPositive: number;
    };
    const newPeople = db
      .prepare('SELECT count(*) FROM persons WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL')
      .pluck()
      .get(localMidnightIso(from), localMidnightIso(addDays(to, 1))) as number;
    const followupsDue = db
      .prepare(`SELECT count(*) FROM followups WHERE status = 'open' AND due_date BETWEEN ? AND ?`)
      .pluck()
      .get(from, to) as number;
    return {
      myFollowups: mine.slice(0, 50),
      overdueFollowups: mine.filter((f) => f.overdue).length,
      openFollowups: mine.length,
      recentContacts: loadContacts(db, '1 = 1', [], 8),
      week: { from, to, ...week, newPeople, followupsDue },
    };
  },
};
