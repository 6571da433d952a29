import { starterPlanFor } from '../../../shared/domain/milestones';
import { RETENTION_CHECK_DAYS, retentionDueOn } from '../../../shared/domain/participants';
import { quarterOf, quarterRange, shiftQuarter } from '../../../shared/domain/tta';
import { seal } from '../clinical/seal';
import { dateIn } from '../../../shared/domain/calendar';
import { departmentTimeZone } from '../calendar';
import type { Db } from '../db/open';
import { Random } from './random';

/**
 * Synthetic milestones for a seeded store: the starter plan begun about seven months before "now", with
 * what is due by now done (with evidence) but for one overdue, one under way, events with a time; TTA answers for the last two quarters; and for a share of the people engaged in treatment, the
 * 30/60/90-day retention checks that are due (most still engaged, fewer at each check), with some housing,
 * employment and exits. Deterministic for a seed and a "now"; nothing is dated after "now".
 */

export interface MilestoneSeedResult {
  programme: number;
  retentionChecks: number;
  otherMilestones: number;
  ttaAnswers: number;
}

const DAY = 86_400_000;

const EVIDENCE: Record<string, string> = {
  kickoff: 'Minutes of the kick-off call with the TTA centre, filed in the grant binder.',
  stakeholder_inventory: 'Inventory spreadsheet shared with the TTA provider.',
  provider_mous: 'Signed MOUs with three treatment providers (copies in the records room).',
  training: 'Sign-in sheets: 18 officers and 3 co-responders trained.',
  referral_protocol: 'Protocol approved by the chief; general order issued.',
  consent_forms: 'Forms reviewed by the city attorney; English and Spanish versions printed.',
  data_collection: 'All contacts recorded in Deflect from this day.',
  community_briefing: 'Briefing at the public library; 40 residents attended.',
};

const RETENTION_NOTES = [
  'Attending intensive outpatient three times a week.',
  'On buprenorphine; kept the last two appointments.',
  'Missed the last appointment; will call the counsellor.',
  'Staying at the recovery residence; meeting with a peer weekly.',
];

export function generateMilestones(
  db: Db,
  opts: {
    seed: number;
    now: number;
    coordinator: string;
    coResponders: readonly string[];
    clinicalKey: Buffer;
    /** Finished quarters with TTA answers, counted back from "now" (default 2; a ten-year store has 40). */
    ttaQuarters?: number;
  },
): MilestoneSeedResult {
  const r = new Random(opts.seed ^ 0x3a11);
  const timeZone = departmentTimeZone(db);
  // Calendar dates in the department's time zone (not the generating machine's).
  const day = (ms: number) => dateIn(ms, timeZone);
  const today = day(opts.now);
  const result: MilestoneSeedResult = { programme: 0, retentionChecks: 0, otherMilestones: 0, ttaAnswers: 0 };
  const iso = (date: string) => `${date}T15:00:00.000Z`;

  // The programme plan: started ~7 months ago (only what is not there yet, as the template does).
  const start = day(opts.now - 210 * DAY);
  const there = new Set(db.prepare('SELECT template_key FROM programme_milestones WHERE template_key IS NOT NULL').pluck().all());
  const insert = db.prepare(
    `INSERT INTO programme_milestones (id, title, description, category, owner_user_id, owner_name, due_date, event_date, event_time,
       event_time_zone, status, completed_on, evidence, template_key, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const history = db.prepare(
    'INSERT INTO programme_milestone_history (milestone_id, at, user_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const item of starterPlanFor(start)) {
    if (there.has(item.key)) continue;
    const id = r.uuid();
    const due = item.dueDate;
    // What is due by now is done, except the community briefing (left overdue, to show the flag); the first
    // analysis is under way.
    let status = due <= today && item.key !== 'community_briefing' ? 'done' : 'planned';
    if (item.key === 'first_analysis') status = 'in_progress';
    let completed: string | null = null;
    if (status === 'done') {
      const done = day(Date.parse(`${due}T12:00:00Z`) + r.int(-5, 12) * DAY);
      completed = done > today ? today : done;
    }
    const event = item.key === 'training' || item.key === 'community_briefing' || item.key === 'kickoff';
    const eventDate = event ? due : null;
    const eventTime = event ? (item.key === 'community_briefing' ? '18:30' : '09:00') : null;
    const created = iso(start);
    const updated = completed ? iso(completed) : created;
    insert.run(
      id,
      item.title,
      item.description,
      item.category,
      opts.coordinator,
      '',
      due,
      eventDate,
      eventTime,
      event ? timeZone : null,
      status,
      completed,
      completed ? (EVIDENCE[item.key] ?? '') : '',
      item.key,
      created,
      opts.coordinator,
      updated,
      opts.coordinator,
    );
    history.run(id, created, opts.coordinator, 'created', null, item.title);
    if (status !== 'planned') history.run(id, updated, opts.coordinator, 'status', 'planned', status);
    if (completed) history.run(id, updated, opts.coordinator, 'completedOn', null, completed);
    result.programme++;
  }

  // TTA answers for the last finished quarters (two by default).
  const questions = db.prepare('SELECT id, text, answer_type FROM tta_questions WHERE active = 1 ORDER BY position').all() as {
    id: string;
    text: string;
    answer_type: string;
  }[];
  const answer = db.prepare(
    `INSERT OR IGNORE INTO tta_answers (quarter, question_id, question_text, value, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (let back = 1; back <= (opts.ttaQuarters ?? 2); back++) {
    const quarter = shiftQuarter(quarterOf(today), -back);
    const at = iso(quarterRange(shiftQuarter(quarter, 1)).from);
    for (const q of questions) {
      const value =
        q.answer_type === 'number'
          ? r.int(0, 20)
          : q.answer_type === 'yes_no'
            ? r.chance(0.6)
            : r.pick(['Staffing on nights and weekends.', 'Waiting lists for residential treatment.', 'Data entry caught up.']);
      result.ttaAnswers += answer.run(quarter, q.id, q.text, JSON.stringify(value), at, opts.coordinator).changes;
    }
  }

  // Retention checks for about two in three engaged people (not already followed), and other milestones for some of them.
  const engaged = db
    .prepare(
      `SELECT g.person_id, g.first_contact_on, g.first_engaged_on FROM participant_progress g
        WHERE g.first_engaged_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM participant_milestones m WHERE m.person_id = g.person_id)
        ORDER BY g.person_id`,
    )
    .all() as { person_id: string; first_contact_on: string; first_engaged_on: string }[];
  const manual = db.prepare(
    `INSERT INTO participant_milestones (id, person_id, kind, date, check_days, still_engaged, exit_reason, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const staff = opts.coResponders.length ? opts.coResponders : [opts.coordinator];
  for (const p of engaged) {
    if (!r.chance(0.65)) continue;
    const by = r.pick(staff);
    let engagedStill = true;
    let lastDate = p.first_engaged_on;
    for (const checkDays of RETENTION_CHECK_DAYS) {
      const due = retentionDueOn(p.first_engaged_on, checkDays);
      const date = day(Date.parse(`${due}T12:00:00Z`) + r.int(-3, 6) * DAY);
      if (date > today || !engagedStill) break;
      engagedStill = r.chance(checkDays === 30 ? 0.75 : 0.8);
      const id = r.uuid();
      const note = r.chance(0.3) ? seal(opts.clinicalKey, 'participant_milestones.note', id, r.pick(RETENTION_NOTES)) : '';
      manual.run(id, p.person_id, 'retention', date, checkDays, engagedStill ? 1 : 0, null, note, iso(date), by);
      result.retentionChecks++;
      lastDate = date;
    }
    const later = (days: number) => day(Math.min(opts.now, Date.parse(`${lastDate}T12:00:00Z`) + days * DAY));
    if (engagedStill && r.chance(0.25)) {
      const date = later(r.int(5, 40));
      manual.run(r.uuid(), p.person_id, 'housing', date, null, null, null, '', iso(date), by);
      result.otherMilestones++;
    }
    if (engagedStill && r.chance(0.12)) {
      const date = later(r.int(10, 60));
      manual.run(r.uuid(), p.person_id, 'employment', date, null, null, null, '', iso(date), by);
      result.otherMilestones++;
    }
    if (!engagedStill && r.chance(0.5)) {
      const date = later(r.int(1, 20));
      const reason = r.weighted([
        ['lost_contact', 5],
        ['declined', 3],
        ['moved_away', 2],
        ['incarcerated', 1],
      ] as const);
      manual.run(r.uuid(), p.person_id, 'exited', date, null, null, reason, '', iso(date), by);
      result.otherMilestones++;
    }
  }
  return result;
}
