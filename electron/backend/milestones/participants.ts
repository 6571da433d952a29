import { randomUUID } from 'node:crypto';
import type {
  ManualMilestone,
  ManualMilestoneInput,
  ParticipantEvent,
  ParticipantSummary,
  RetentionCheck,
  RetentionDue,
} from '../../../shared/contract/participants';
import { plusDays } from '../../../shared/domain/milestones';
import {
  daysToEngagement,
  engagedWithinWindow,
  manualMilestoneProblems,
  RETENTION_CHECK_DAYS,
  RETENTION_EARLY_DAYS,
  retentionDueOn,
} from '../../../shared/domain/participants';
import { personDisplayName } from '../../../shared/domain/person';
import { seal, unseal } from '../clinical/seal';
import type { Db } from '../db/open';
import { AppError, Problems } from '../errors';
import { staffNames } from '../intake/repo';

/**
 * Participant milestones. Enrolment (first contact) and first treatment engagement are read from
 * `participant_progress`, which the database keeps in step with referrals and contacts by triggers (see
 * the migration); the rules are in shared/domain/participants.ts. Manual milestones are rows of
 * `participant_milestones`, their notes sealed with the clinical key.
 */

/** A person's derived progress, one row per person who has been referred (see the migration's triggers). */
export interface ProgressRow {
  person_id: string;
  first_contact_on: string;
  first_contact_id: string | null;
  first_referral_id: string;
  first_engaged_on: string | null;
  engaged_referral_id: string | null;
}

export function progressOf(db: Db, personId: string): ProgressRow | undefined {
  return db.prepare('SELECT * FROM participant_progress WHERE person_id = ?').get(personId) as ProgressRow | undefined;
}

interface ManualRow {
  id: string;
  person_id: string;
  kind: string;
  date: string;
  check_days: number | null;
  still_engaged: number | null;
  exit_reason: string | null;
  note: string;
  created_at: string;
  created_by: string | null;
}

const NOTE = 'participant_milestones.note';

/** Manual milestones of a person that stand (not removed), by date. Notes only for `key` holders. */
export function manualMilestones(db: Db, personId: string, key: Buffer | null): ManualMilestone[] {
  const rows = db
    .prepare('SELECT * FROM participant_milestones WHERE person_id = ? AND removed_at IS NULL ORDER BY date, created_at')
    .all(personId) as ManualRow[];
  const staff = staffNames(db);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    date: r.date,
    checkDays: r.check_days,
    stillEngaged: r.still_engaged === null ? null : r.still_engaged === 1,
    exitReason: r.exit_reason,
    note: key && r.note ? unseal(key, NOTE, r.id, r.note) : '',
    hasNote: r.note !== '',
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
  }));
}

/** The state of each retention check for an engagement on `firstEngagedOn`, seen on `today`. */
function retentionChecks(firstEngagedOn: string | null, manual: ManualMilestone[], today: string): RetentionCheck[] {
  if (!firstEngagedOn) return [];
  return RETENTION_CHECK_DAYS.map((checkDays) => {
    const dueOn = retentionDueOn(firstEngagedOn, checkDays);
    const record = manual.find((m) => m.kind === 'retention' && m.checkDays === checkDays) ?? null;
    const state = record
      ? 'recorded'
      : today > dueOn
        ? 'overdue'
        : today >= plusDays(dueOn, -RETENTION_EARLY_DAYS)
          ? 'due'
          : 'upcoming';
    return { checkDays, dueOn, state, record };
  });
}

/** Everything about a person's milestones: derived, scheduled and recorded. */
export function participantSummary(db: Db, personId: string, today: string, key: Buffer | null): ParticipantSummary {
  const progress = progressOf(db, personId);
  const manual = manualMilestones(db, personId, key);
  const enrolledOn = progress?.first_contact_on ?? null;
  const firstEngagedOn = progress?.first_engaged_on ?? null;
  const exits = manual.filter((m) => m.kind === 'exited');
  return {
    enrolledOn,
    enrolmentContactId: progress?.first_contact_id ?? null,
    firstEngagedOn,
    engagementReferralId: progress?.engaged_referral_id ?? null,
    daysToEngagement: enrolledOn && firstEngagedOn ? daysToEngagement(enrolledOn, firstEngagedOn) : null,
    engagedWithinWindow: enrolledOn && firstEngagedOn ? engagedWithinWindow(enrolledOn, firstEngagedOn) : null,
    checks: retentionChecks(firstEngagedOn, manual, today),
    exited: exits[exits.length - 1] ?? null,
    manual,
  };
}

/** The milestones reached, as entries of the person's timeline. */
export function participantEvents(s: ParticipantSummary): ParticipantEvent[] {
  const events: ParticipantEvent[] = [];
  const derived = { derived: true, manual: null };
  if (s.enrolledOn)
    events.push({ code: 'enrolled', date: s.enrolledOn, daysToEngagement: null, engagedWithinWindow: null, ...derived });
  if (s.firstEngagedOn) {
    events.push({
      code: 'first_engagement',
      date: s.firstEngagedOn,
      daysToEngagement: s.daysToEngagement,
      engagedWithinWindow: s.engagedWithinWindow,
      ...derived,
    });
  }
  for (const m of s.manual) {
    events.push({
      code: m.kind as ParticipantEvent['code'],
      date: m.date,
      derived: false,
      daysToEngagement: null,
      engagedWithinWindow: null,
      manual: m,
    });
  }
  return events;
}

/** Records a manual milestone after checking it against the person's progress; every problem at once. */
export function recordParticipantMilestone(
  db: Db,
  key: Buffer,
  personId: string,
  input: ManualMilestoneInput,
  ctx: { userId: string; at: string; today: string },
): string {
  const progress = progressOf(db, personId);
  const recordedChecks = (
    db
      .prepare(`SELECT check_days FROM participant_milestones WHERE person_id = ? AND kind = 'retention' AND removed_at IS NULL`)
      .pluck()
      .all(personId) as number[]
  ).map(Number);
  const problems = new Problems();
  problems.addAll(
    manualMilestoneProblems(
      { kind: input.kind, date: input.date, checkDays: input.kind === 'retention' ? input.checkDays : null },
      { firstContactOn: progress?.first_contact_on ?? null, firstEngagedOn: progress?.first_engaged_on ?? null, recordedChecks },
      ctx.today,
    ),
    'milestone',
  );
  problems.throwIfAny();
  const id = randomUUID();
  const note = input.note ? seal(key, NOTE, id, input.note.trim()) : '';
  db.prepare(
    `INSERT INTO participant_milestones (id, person_id, kind, date, check_days, still_engaged, exit_reason, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    personId,
    input.kind,
    input.date,
    input.kind === 'retention' ? input.checkDays : null,
    input.kind === 'retention' ? (input.stillEngaged ? 1 : 0) : null,
    input.kind === 'exited' ? input.reason : null,
    note,
    ctx.at,
    ctx.userId,
  );
  return id;
}

export function requireManualMilestone(db: Db, id: string): ManualRow & { removed_at: string | null } {
  const row = db.prepare('SELECT * FROM participant_milestones WHERE id = ?').get(id) as
    (ManualRow & { removed_at: string | null }) | undefined;
  if (!row) throw new AppError('not_found', 'No such milestone.', 'id');
  return row;
}

/** How late a missed retention check may be and still be listed on Home. */
export const RETENTION_LATE_DAYS = 14;

/**
 * A co-responder's people whose 30/60/90-day retention check falls due by the end of this week (`weekEnd`),
 * or was missed in the last `RETENTION_LATE_DAYS` days, and is not recorded. "Their people": people with a
 * contact on which they were the co-responder, or a referral they made. People who exited are left out.
 */
export function retentionDueFor(db: Db, userId: string, today: string, weekEnd: string): RetentionDue[] {
  const earliestDue = plusDays(today, -RETENTION_LATE_DAYS);
  // People whose first engagement puts one of the checks in range (one index range per check), then only
  // the caller's (two index-only lookups each). Merged records have no referrals, so no progress row.
  const ranges = RETENTION_CHECK_DAYS.map((d) => [plusDays(earliestDue, -d), plusDays(weekEnd, -d)] as const);
  const candidates = db
    .prepare(
      `SELECT g.person_id, g.first_engaged_on FROM participant_progress g
        WHERE (${ranges.map(() => 'g.first_engaged_on BETWEEN ? AND ?').join(' OR ')})
          AND (EXISTS (SELECT 1 FROM contacts c WHERE c.person_id = g.person_id AND c.co_responder_id = ?)
               OR EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = g.person_id AND r.created_by = ?))`,
    )
    .all(...ranges.flat(), userId, userId) as { person_id: string; first_engaged_on: string }[];
  if (!candidates.length) return [];
  const recorded = db
    .prepare(
      // CROSS JOIN keeps the order: by person (their few rows), not through every check of the unit.
      `SELECT m.person_id, m.kind, m.date, m.check_days FROM json_each(?) j CROSS JOIN participant_milestones m ON m.person_id = j.value
        WHERE m.kind IN ('retention','exited') AND m.removed_at IS NULL`,
    )
    .all(JSON.stringify(candidates.map((c) => c.person_id))) as {
    person_id: string;
    kind: string;
    date: string;
    check_days: number | null;
  }[];
  const byPerson = new Map<string, typeof recorded>();
  for (const x of recorded) byPerson.set(x.person_id, [...(byPerson.get(x.person_id) ?? []), x]);
  const names = db.prepare('SELECT first_name, last_name, aliases FROM persons WHERE id = ?');
  const out: RetentionDue[] = [];
  for (const c of candidates) {
    const mine = byPerson.get(c.person_id) ?? [];
    for (const checkDays of RETENTION_CHECK_DAYS) {
      const dueOn = retentionDueOn(c.first_engaged_on, checkDays);
      if (dueOn < earliestDue || dueOn > weekEnd) continue;
      if (mine.some((x) => x.kind === 'retention' && x.check_days === checkDays)) continue;
      if (mine.some((x) => x.kind === 'exited' && x.date <= dueOn)) continue;
      const p = names.get(c.person_id) as { first_name: string; last_name: string; aliases: string };
      out.push({
        personId: c.person_id,
        personName: personDisplayName({
          firstName: p.first_name,
          lastName: p.last_name,
          aliases: JSON.parse(p.aliases) as string[],
        }),
        checkDays,
        dueOn,
        firstEngagedOn: c.first_engaged_on,
        overdue: dueOn < today,
      });
    }
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.personName.localeCompare(b.personName)));
}
