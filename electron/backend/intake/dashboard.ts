import type { intakeContract } from '../../../shared/contract/intake';
import { addDays, weekStart } from '../../../shared/domain/calendar';
import { departmentClock, zonedMidnight } from '../calendar';
import { loadFollowups } from '../followups/repo';
import type { HandlersFor } from '../router';
import { loadContacts, openScreening } from './repo';

export const dashboardHandlers: Pick<HandlersFor<typeof intakeContract>, 'home.dashboard'> = {
  'home.dashboard': (ctx) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    // This week is Monday to Sunday of the department's calendar, whatever zone the workstation's clock is in.
    const { timeZone, today } = departmentClock(db, now);
    const from = weekStart(today);
    const to = addDays(from, 6);
    const mine = loadFollowups(db, now, `f.assignee_id = ? AND f.status = 'open'`, [ctx.user.id], 500);
    const week = db
      .prepare(
        `SELECT count(*) AS contacts, count(DISTINCT person_id) AS people,
                coalesce(sum(overdose), 0) AS overdoses, coalesce(sum(naloxone_doses), 0) AS naloxoneDoses
         FROM contacts WHERE occurred_date BETWEEN @from AND @to`,
      )
      .get({ from, to }) as { contacts: number; people: number; overdoses: number; naloxoneDoses: number };
    const screenings = db
      .prepare(
        `SELECT s.id, s.contact_id, s.result FROM screenings s JOIN contacts c ON c.id = s.contact_id
         WHERE c.occurred_date BETWEEN ? AND ?`,
      )
      .all(from, to) as { id: string; contact_id: string; result: string }[];
    // The result is clinical: counted only for a session holding the clinical key.
    let screenedPositive: number | null = null;
    if (ctx.backend.hasClinicalKey()) {
      const key = ctx.clinicalKey;
      screenedPositive = new Set(screenings.filter((s) => openScreening(key, s).positive).map((s) => s.contact_id)).size;
    }
    const newPeople = db
      .prepare('SELECT count(*) FROM persons WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL')
      .pluck()
      .get(zonedMidnight(from, timeZone), zonedMidnight(addDays(to, 1), timeZone)) as number;
    const followupsDue = db
      .prepare(`SELECT count(*) FROM followups WHERE status = 'open' AND due_date BETWEEN ? AND ?`)
      .pluck()
      .get(from, to) as number;
    const recentContacts = loadContacts(db, '1 = 1', [], 8);
    ctx.audit.detail = { recentContacts: recentContacts.length, myFollowups: mine.length };
    return {
      myFollowups: mine.slice(0, 50),
      overdueFollowups: mine.filter((f) => f.overdue).length,
      openFollowups: mine.length,
      recentContacts,
      week: {
        from,
        to,
        ...week,
        screened: new Set(screenings.map((s) => s.contact_id)).size,
        screenedPositive,
        newPeople,
        followupsDue,
      },
    };
  },
};
