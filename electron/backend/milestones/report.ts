import { RETENTION_CHECK_DAYS, withinEngagementWindow } from '../../../shared/domain/participants';
import type { Db } from '../db/open';

/**
 * Participant milestones counted over a period, for the quarterly reports (5 ILCS 820/25 and the BJA
 * measures). Reads the derived table `participant_progress` (one indexed range per measure) and the
 * recorded milestones; the rules are those of shared/domain/participants.ts.
 */
export interface ParticipantCounts {
  from: string;
  to: string;
  /** People whose first contact that led to a referral falls in the period. */
  enrolled: number;
  /** Of those, how many have a first treatment engagement (so far). */
  enrolledEngaged: number;
  /** Of those, how many engaged within ENGAGEMENT_WINDOW_DAYS of the first contact. */
  enrolledEngagedWithinWindow: number;
  /** Median calendar days from first contact to first treatment engagement, for the enrolled who engaged. */
  medianDaysToEngagement: number | null;
  /** People whose first treatment engagement falls in the period. */
  firstEngagements: number;
  /** Retention checks recorded in the period, by check, and how many were still engaged. */
  retention: { checkDays: number; checked: number; stillEngaged: number }[];
  housing: number;
  employment: number;
  exits: { reason: string; people: number }[];
}

export function participantCounts(db: Db, from: string, to: string): ParticipantCounts {
  const cohort = db
    .prepare(
      `SELECT CAST(julianday(first_engaged_on) - julianday(first_contact_on) AS INTEGER) AS days
         FROM participant_progress WHERE first_contact_on BETWEEN ? AND ?`,
    )
    .pluck()
    .all(from, to) as (number | null)[];
  const days = cohort.filter((d): d is number => d !== null).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  const firstEngagements = db
    .prepare('SELECT count(*) FROM participant_progress WHERE first_engaged_on BETWEEN ? AND ?')
    .pluck()
    .get(from, to) as number;
  const manual = db
    .prepare(
      `SELECT kind, check_days, exit_reason, count(DISTINCT person_id) AS people, sum(coalesce(still_engaged, 0)) AS engaged,
              count(*) AS n
         FROM participant_milestones WHERE removed_at IS NULL AND date BETWEEN ? AND ?
        GROUP BY kind, check_days, exit_reason`,
    )
    .all(from, to) as {
    kind: string;
    check_days: number | null;
    exit_reason: string | null;
    people: number;
    engaged: number;
    n: number;
  }[];
  const of = (kind: string) => manual.filter((m) => m.kind === kind);
  return {
    from,
    to,
    enrolled: cohort.length,
    enrolledEngaged: days.length,
    enrolledEngagedWithinWindow: days.filter(withinEngagementWindow).length,
    medianDaysToEngagement: median,
    firstEngagements,
    retention: RETENTION_CHECK_DAYS.map((checkDays) => {
      const rows = of('retention').filter((m) => m.check_days === checkDays);
      return {
        checkDays,
        checked: rows.reduce((n, m) => n + m.n, 0),
        stillEngaged: rows.reduce((n, m) => n + m.engaged, 0),
      };
    }),
    housing: of('housing').reduce((n, m) => n + m.people, 0),
    employment: of('employment').reduce((n, m) => n + m.people, 0),
    exits: of('exited')
      .map((m) => ({ reason: m.exit_reason ?? 'other', people: m.people }))
      .sort((a, b) => b.people - a.people || a.reason.localeCompare(b.reason)),
  };
}
