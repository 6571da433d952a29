import { daysBetween, plusDays } from './milestones';
import type { VocabItem } from './vocab';

/**
 * Participant milestones: what happens to the people the unit refers. PRODUCT.md capability 6 (b).
 *
 * THE RULES THE STATE'S REPORT USES (5 ILCS 820/25: "time from encounter to treatment engagement" and the
 * "30-day engagement rate"). Every screen, report and export takes them from here.
 *
 * - FIRST CONTACT (the day the person enrolled): the earliest day on which the unit had a contact with the
 *   person that led to a referral — the date of the contact a referral was made from, or, for a referral
 *   recorded without a contact, its date of referral. Only referrals that were actually made count: a
 *   referral still in draft, or closed before it was ever sent, referred nobody. Contacts that led to no
 *   referral (however early) do not start the clock. Days are calendar days as the unit recorded them.
 * - FIRST TREATMENT ENGAGEMENT: the earliest engagement date (first appointment attended) of any of the
 *   person's referrals that is engaged now, or was engaged and has since been completed or closed. A
 *   referral whose engagement was taken back no longer counts.
 * - ENGAGED WITHIN 30 DAYS: the first treatment engagement falls on the day of the first contact or at most
 *   `ENGAGEMENT_WINDOW_DAYS` (30) calendar days after it: first contact on 1 March → engaged by 31 March
 *   counts; day 29 and day 30 count, day 31 does not.
 *
 * These are derived, never typed in: they change whenever a referral, its contact or the person's record
 * changes (a merge of two records recomputes them from both records' referrals).
 *
 * `deriveProgress` below is the rule in code. The store keeps the same result in the table
 * `participant_progress` (kept by the triggers of migration 0008, so that a quarter's figures are an indexed
 * read); test/backend/milestones-participants.test.ts holds the table equal to `deriveProgress` through
 * random walks of referral changes and a merge.
 */

/** Days after the first contact within which a first treatment engagement counts as "within 30 days". */
export const ENGAGEMENT_WINDOW_DAYS = 30;

/** Statuses in which a referral's engagement date counts: engaged now, or engaged and then completed or closed. */
export const ENGAGEMENT_STATUSES: readonly string[] = ['engaged', 'completed', 'closed'];

/** A referral as the rules see it. */
export interface ReferralFacts {
  personId: string;
  /** Whether it was ever sent (a draft, or one closed before it was sent, referred nobody). */
  sent: boolean;
  status: string;
  engagedOn: string | null;
  referredOn: string;
  /** The day of the contact it was made from; null when it was made without a contact. */
  contactDate: string | null;
}

export interface DerivedProgress {
  personId: string;
  firstContactOn: string;
  firstEngagedOn: string | null;
}

/** The rules above applied to referrals: each referred person's first contact and first treatment engagement. */
export function deriveProgress(referrals: Iterable<ReferralFacts>): Map<string, DerivedProgress> {
  const out = new Map<string, DerivedProgress>();
  for (const r of referrals) {
    if (!r.sent) continue;
    const day = r.contactDate ?? r.referredOn;
    const p = out.get(r.personId) ?? { personId: r.personId, firstContactOn: day, firstEngagedOn: null };
    if (day < p.firstContactOn) p.firstContactOn = day;
    const engaged = r.engagedOn !== null && ENGAGEMENT_STATUSES.includes(r.status);
    if (engaged && (p.firstEngagedOn === null || r.engagedOn! < p.firstEngagedOn)) p.firstEngagedOn = r.engagedOn;
    out.set(r.personId, p);
  }
  return out;
}

/** Calendar days from the first contact to the first treatment engagement. */
export function daysToEngagement(firstContactOn: string, firstEngagedOn: string): number {
  return daysBetween(firstContactOn, firstEngagedOn);
}

/** Whether a first engagement `days` calendar days after the first contact counts as within the window. */
export function withinEngagementWindow(days: number): boolean {
  return days >= 0 && days <= ENGAGEMENT_WINDOW_DAYS;
}

/** Whether an engagement on `firstEngagedOn` is within `ENGAGEMENT_WINDOW_DAYS` of the first contact. */
export function engagedWithinWindow(firstContactOn: string, firstEngagedOn: string): boolean {
  return withinEngagementWindow(daysToEngagement(firstContactOn, firstEngagedOn));
}

/**
 * Retention checks: at 30, 60 and 90 days after the first treatment engagement a co-responder asks whether
 * the person is still engaged in treatment (yes / no). A check can be recorded from a week before it is due.
 */
export const RETENTION_CHECK_DAYS = [30, 60, 90] as const;
export type RetentionCheckDays = (typeof RETENTION_CHECK_DAYS)[number];
export const RETENTION_EARLY_DAYS = 7;

export function retentionDueOn(firstEngagedOn: string, checkDays: number): string {
  return plusDays(firstEngagedOn, checkDays);
}

/** Milestones a co-responder records by hand (each keeps who recorded it and when). */
export const MANUAL_MILESTONE_KINDS = [
  { code: 'retention', label: 'Retention check' },
  { code: 'housing', label: 'Housing obtained' },
  { code: 'employment', label: 'Employment obtained' },
  { code: 'exited', label: 'Exited the programme' },
] as const satisfies readonly VocabItem[];
export type ManualMilestoneKind = (typeof MANUAL_MILESTONE_KINDS)[number]['code'];

export const EXIT_REASONS = [
  { code: 'completed', label: 'Completed the programme' },
  { code: 'declined', label: 'Declined further services' },
  { code: 'lost_contact', label: 'Lost contact' },
  { code: 'moved_away', label: 'Moved out of the area' },
  { code: 'incarcerated', label: 'Incarcerated' },
  { code: 'deceased', label: 'Deceased' },
  { code: 'transferred', label: 'Transferred to another programme' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly VocabItem[];
export type ExitReason = (typeof EXIT_REASONS)[number]['code'];

export const PARTICIPANT_LIMITS = { note: 2000, removeReason: 500 } as const;

/** What the rules below know of the person. */
export interface ParticipantFacts {
  firstContactOn: string | null;
  firstEngagedOn: string | null;
  /** Retention checks already on record (not removed), by their day count. */
  recordedChecks: readonly number[];
}

/** A manual milestone being recorded, as the rules see it. */
export interface ManualMilestoneValues {
  kind: string;
  date: string;
  checkDays?: number | null;
}

/**
 * Why a manual milestone is refused for this person on `today`: field → message (every problem at once).
 * Fields are `date` and `checkDays`; callers prefix them with where the milestone sits in their input.
 */
export function manualMilestoneProblems(
  v: ManualMilestoneValues,
  facts: ParticipantFacts,
  today: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => (out[field] ??= message);
  if (!v.date) return out;
  if (v.date > today) add('date', 'Date: it cannot be in the future.');
  else if (v.date < '2000-01-01') add('date', 'Date: enter a date in 2000 or later; check the year.');
  if (v.kind === 'retention' && v.checkDays) {
    if (!facts.firstEngagedOn) {
      add(
        'checkDays',
        'Retention check: this person has no treatment engagement on record. Mark their referral engaged first; the checks follow it.',
      );
    } else if (v.date < facts.firstEngagedOn) {
      add(
        'date',
        `Date of the check: it is before the treatment engagement (${facts.firstEngagedOn}); a retention check comes after it.`,
      );
    } else {
      const due = retentionDueOn(facts.firstEngagedOn, v.checkDays);
      const from = plusDays(due, -RETENTION_EARLY_DAYS);
      if (v.date < from) add('date', `Date of the check: the ${v.checkDays}-day check is due on ${due}; record it from ${from}.`);
    }
    if (facts.recordedChecks.includes(v.checkDays)) {
      add(
        'checkDays',
        `Retention check: the ${v.checkDays}-day check is already recorded. Remove that one first to record it again.`,
      );
    }
  }
  if (v.kind === 'exited' && facts.firstContactOn && v.date < facts.firstContactOn) {
    add('date', `Date: the person enrolled on ${facts.firstContactOn}; they cannot have exited before that.`);
  }
  return out;
}
