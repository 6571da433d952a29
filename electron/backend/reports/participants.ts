import { daysBetween, OPEN_MILESTONE_STATUSES, plusDays } from '../../../shared/domain/milestones';
import {
  daysToEngagement,
  ENGAGEMENT_WINDOW_DAYS,
  engagedWithinWindow,
  RETENTION_CHECK_DAYS,
} from '../../../shared/domain/participants';
import { daysBucketOf } from '../../../shared/domain/reports/dimensions';
import { type Period, quartersWithin } from '../../../shared/domain/reports/periods';
import type { TtaAnswerRow } from '../../../shared/contract/reports';
import type { Db } from '../db/open';
import type { Figures } from './figures';
import { sql } from '../providers/store';
import { columnsOf } from './columns';

/**
 * The report's figures from the participant milestones (issue 10) and the programme plan: enrolment and
 * treatment engagement from `participant_progress` (the derived first contact and first treatment
 * engagement of every person, kept by triggers with the rules of shared/domain/participants.ts), retention
 * checks, housing, employment and exits from `participant_milestones`, and the plan's milestones. Each is
 * one indexed range of the period: never a pass over every person or referral.
 */

/** The p-quantile of sorted numbers, interpolated between the two nearest (QUARTILE.INC), to one decimal. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return Math.round((sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)) * 10) / 10;
}

/** The first contact and first treatment engagement of each person in a range (columnsOf). */
type Progress = { contact: string[]; engaged: (string | null)[] };

export function participantFigures(db: Db, f: Figures, period: Period, today: string): void {
  const { from, to } = period;
  const enrolled = columnsOf<Progress>(
    db,
    `SELECT json_group_array(first_contact_on) AS contact, json_group_array(first_engaged_on) AS engaged
       FROM participant_progress INDEXED BY participant_progress_contact WHERE first_contact_on BETWEEN @from AND @to`,
    { from, to },
  );
  let engaged30 = 0;
  let pending = 0;
  enrolled.contact.forEach((contact, i) => {
    const on = enrolled.engaged[i];
    if (on && engagedWithinWindow(contact, on)) engaged30++;
    else if (!on && daysBetween(contact, today) <= ENGAGEMENT_WINDOW_DAYS) pending++;
  });
  f.add('enrolled', [], enrolled.contact.length);
  f.add('engaged_30', [], engaged30);
  f.add('within_30_pending', [], pending);

  const engaged = columnsOf<Progress>(
    db,
    `SELECT json_group_array(first_contact_on) AS contact, json_group_array(first_engaged_on) AS engaged
       FROM participant_progress INDEXED BY participant_progress_engaged WHERE first_engaged_on BETWEEN @from AND @to`,
    { from, to },
  );
  // An engagement dated before the first contact (a date typed in error) counts as the same day.
  const days = engaged.contact
    .map((contact, i) => Math.max(0, daysToEngagement(contact, engaged.engaged[i]!)))
    .sort((a, b) => a - b);
  for (const d of days) {
    f.add('first_engagements', [], 1);
    f.add('days_to_engagement_distribution', [daysBucketOf(d)], 1);
  }
  f.set('days_to_engagement', ['median'], quantile(days, 0.5));
  f.set('days_to_engagement', ['q1'], quantile(days, 0.25));
  f.set('days_to_engagement', ['q3'], quantile(days, 0.75));

  // Retention checks that fell due in the period, up to today: engaged `n` days before those days.
  const lastDue = to < today ? to : today;
  // Each person's check is one entry of the covering index by person, kind and days: left to itself SQLite
  // reads every retention check of the store for each person, through the partial index by kind.
  const checks = sql(
    db,
    `SELECT count(*) AS due, count(still) AS checked, coalesce(sum(still), 0) AS retained
       FROM (SELECT (SELECT max(m.still_engaged) FROM participant_milestones m INDEXED BY participant_milestones_retention
                      WHERE m.person_id = p.person_id AND m.kind = 'retention' AND m.check_days = @n AND m.removed_at IS NULL) AS still
               FROM participant_progress p INDEXED BY participant_progress_engaged WHERE p.first_engaged_on BETWEEN @a AND @b)`,
  );
  if (lastDue >= from) {
    for (const n of RETENTION_CHECK_DAYS) {
      const r = checks.get({ n, a: plusDays(from, -n), b: plusDays(lastDue, -n) }) as {
        due: number;
        checked: number;
        retained: number;
      };
      f.add('retention_due', [`d${n}`], r.due);
      f.add('retention_checked', [`d${n}`], r.checked);
      f.add('retained', [`d${n}`], r.retained);
    }
  }

  const obtained = sql(
    db,
    `SELECT kind, count(DISTINCT person_id) AS people FROM participant_milestones INDEXED BY participant_milestones_kind
        WHERE kind IN ('housing', 'employment') AND removed_at IS NULL AND date BETWEEN ? AND ? GROUP BY kind`,
  ).all(from, to) as { kind: string; people: number }[];
  for (const o of obtained) f.add(o.kind === 'housing' ? 'housing_obtained' : 'employment_obtained', [], o.people);

  // Each person once, by their latest exit in the period.
  const exits = sql(
    db,
    `SELECT m.exit_reason AS reason, count(*) AS people FROM participant_milestones m INDEXED BY participant_milestones_kind
        WHERE m.kind = 'exited' AND m.removed_at IS NULL AND m.date BETWEEN @from AND @to
          AND NOT EXISTS (SELECT 1 FROM participant_milestones l INDEXED BY participant_milestones_person
                WHERE l.person_id = m.person_id AND l.kind = 'exited'
                AND l.removed_at IS NULL AND l.date BETWEEN @from AND @to
                AND (l.date > m.date OR (l.date = m.date AND l.created_at > m.created_at)))
        GROUP BY 1`,
  ).all({ from, to }) as { reason: string; people: number }[];
  for (const e of exits) {
    f.add('exited', [], e.people);
    f.add('exits_by_reason', [e.reason], e.people);
  }
}

export function programmeFigures(db: Db, f: Figures, period: Period, today: string): void {
  const { from, to } = period;
  const due = sql(
    db,
    'SELECT status, count(*) AS n FROM programme_milestones WHERE due_date BETWEEN ? AND ? GROUP BY status',
  ).all(from, to) as { status: string; n: number }[];
  for (const d of due) {
    f.add('programme_milestones_due', [], d.n);
    f.add('programme_milestones_by_status', [d.status], d.n);
  }
  f.add(
    'programme_milestones_done',
    [],
    sql(db, `SELECT count(*) FROM programme_milestones WHERE status = 'done' AND completed_on BETWEEN ? AND ?`)
      .pluck()
      .get(from, to) as number,
  );
  const open = OPEN_MILESTONE_STATUSES.map((s) => `'${s}'`).join(', ');
  f.add(
    'programme_milestones_overdue',
    [],
    sql(db, `SELECT count(*) FROM programme_milestones WHERE status IN (${open}) AND due_date <= ? AND due_date < ?`)
      .pluck()
      .get(to, today) as number,
  );
}

function answerText(json: string): string {
  const v = JSON.parse(json) as unknown;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The TTA answers of the quarters wholly in the period, by quarter and question order. */
export function ttaAnswers(db: Db, period: Period): TtaAnswerRow[] {
  const quarters = quartersWithin(period);
  if (!quarters.length) return [];
  const rows = sql(
    db,
    `SELECT a.quarter, q.position, a.question_text AS question, q.answer_type AS answerType, a.value
         FROM tta_answers a JOIN tta_questions q ON q.id = a.question_id
        WHERE a.quarter IN (${quarters.map(() => '?').join(', ')}) ORDER BY a.quarter, q.position`,
  ).all(...quarters) as (Omit<TtaAnswerRow, 'answer'> & { value: string })[];
  return rows.map(({ value, ...r }) => ({ ...r, answer: answerText(value) }));
}
