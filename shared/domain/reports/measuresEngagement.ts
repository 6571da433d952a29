import { ENGAGEMENT_WINDOW_DAYS } from '../participants';
import type { Measure, MeasureBase } from './types';
import { BJA, BOTH, STATE, TTA } from './words';

/**
 * Treatment engagement and retention, the other participant milestones, and the programme plan. People are
 * counted by their participant milestones as shared/domain/participants.ts defines them — the rules the
 * state's report uses:
 * - FIRST CONTACT (enrolment): the earliest day of a contact from which a referral was made and sent (for a
 *   referral recorded without a contact, its date); drafts, and referrals closed before they were sent, do
 *   not count, nor do contacts that led to no referral;
 * - FIRST TREATMENT ENGAGEMENT: the earliest first-appointment date of the person's referrals that are
 *   engaged, or were engaged and then completed or closed;
 * - WITHIN 30 DAYS: engaged on the day of the first contact or at most 30 calendar days after it (day 30
 *   counts, day 31 does not).
 */

const FIRST_CONTACT = 'The date of the person’s first contact (see participant milestones).';
const FIRST_ENGAGED = 'The date of the person’s first treatment engagement (first appointment attended).';
const CHECK_DUE = 'The day the check fell due (first treatment engagement + 30, 60 or 90 days).';
const FIRST_CONTACT_RULE =
  'A person’s first contact is the earliest contact from which a referral was made and sent (for a referral recorded without a contact, the day of the referral); contacts that led to no referral, drafts and referrals closed before they were sent do not count.';
const ENGAGEMENT_RULE =
  'First treatment engagement: the earliest first appointment attended on any of the person’s referrals (a referral still engaged, or engaged and then completed or closed; an engagement taken back does not count).';

export const ENGAGEMENT_MEASURES: readonly Measure[] = [
  {
    kind: 'count',
    code: 'enrolled',
    section: 'engagement',
    label: 'People enrolled (first contact)',
    definition: `People whose first contact fell in the period. ${FIRST_CONTACT_RULE}`,
    numerator: 'People whose first contact is in the period',
    denominator: null,
    unit: 'people',
    counts: 'People with at least one referral that was sent; a person whose records were merged counts once.',
    periodDate: FIRST_CONTACT,
    profiles: BOTH,
    source: STATE,
  },
  {
    kind: 'count',
    code: 'engaged_30',
    section: 'engagement',
    label: `Engaged in treatment within ${ENGAGEMENT_WINDOW_DAYS} days`,
    definition: `People enrolled in the period whose first treatment engagement came on the day of their first contact or at most ${ENGAGEMENT_WINDOW_DAYS} calendar days after it (first contact on March 1: engaged by March 31). ${ENGAGEMENT_RULE}`,
    numerator: `People enrolled in the period and engaged within ${ENGAGEMENT_WINDOW_DAYS} days`,
    denominator: null,
    unit: 'people',
    counts: 'People enrolled in the period.',
    periodDate: FIRST_CONTACT,
    profiles: BOTH,
    source: STATE,
  },
  {
    kind: 'rate',
    code: 'engagement_rate_30',
    section: 'engagement',
    label: `${ENGAGEMENT_WINDOW_DAYS}-day engagement rate`,
    definition: `The state’s key performance indicator: of the people enrolled in the period, the percentage who engaged in treatment within ${ENGAGEMENT_WINDOW_DAYS} days of their first contact. People enrolled less than ${ENGAGEMENT_WINDOW_DAYS} days before the report was made may still engage, so a recent period’s rate can rise.`,
    numerator: `People engaged within ${ENGAGEMENT_WINDOW_DAYS} days`,
    denominator: 'People enrolled in the period',
    unit: 'percent',
    counts: 'People enrolled in the period.',
    periodDate: FIRST_CONTACT,
    profiles: BOTH,
    source: STATE,
    headline: true,
    rate: { numerator: 'engaged_30', denominator: 'enrolled' },
  },
  {
    kind: 'count',
    code: 'within_30_pending',
    section: 'engagement',
    label: `Still within their ${ENGAGEMENT_WINDOW_DAYS} days`,
    definition: `People enrolled in the period who have not engaged in treatment yet but whose ${ENGAGEMENT_WINDOW_DAYS} days had not run out on the day the report was made.`,
    numerator: `People enrolled, not engaged, first contact at most ${ENGAGEMENT_WINDOW_DAYS} days before the report`,
    denominator: null,
    unit: 'people',
    counts: 'People enrolled in the period.',
    periodDate: FIRST_CONTACT,
    profiles: BOTH,
    source: STATE,
  },
  {
    kind: 'count',
    code: 'first_engagements',
    section: 'engagement',
    label: 'People who first engaged in treatment',
    definition: `People whose first treatment engagement fell in the period. ${ENGAGEMENT_RULE}`,
    numerator: 'People first engaged in the period',
    denominator: null,
    unit: 'people',
    counts: 'People with a first treatment engagement.',
    periodDate: FIRST_ENGAGED,
    profiles: BOTH,
    source: STATE,
  },
  {
    kind: 'stat',
    code: 'days_to_engagement',
    section: 'engagement',
    label: 'Days from first contact to treatment engagement',
    definition:
      'For the people who first engaged in treatment in the period: calendar days from their first contact to their first treatment engagement — the median (half took less time, half more) and the quartiles (a quarter took less than the first, a quarter more than the third; interpolated between the two nearest people, as spreadsheets’ QUARTILE.INC does).',
    numerator: 'Days from first contact to first treatment engagement',
    denominator: 'People who first engaged in the period',
    unit: 'days',
    counts: 'People who first engaged in the period.',
    periodDate: FIRST_ENGAGED,
    profiles: BOTH,
    source: STATE,
    headline: true,
    by: 'dayStat',
    population: 'first_engagements',
  },
  {
    kind: 'count',
    code: 'days_to_engagement_distribution',
    section: 'engagement',
    label: 'Time to treatment engagement',
    definition:
      'The people who first engaged in treatment in the period, grouped by the calendar days from their first contact to that first appointment.',
    numerator: 'People first engaged in the period, by days taken',
    denominator: null,
    unit: 'people',
    counts: 'People who first engaged in the period.',
    periodDate: FIRST_ENGAGED,
    profiles: BOTH,
    source: STATE,
    by: 'daysBucket',
    partOf: 'first_engagements',
  },
  {
    kind: 'count',
    code: 'retention_due',
    section: 'engagement',
    label: 'Retention checks due',
    definition:
      'People whose 30-, 60- or 90-day retention check (counted from their first treatment engagement) fell due in the period, up to the day the report was made.',
    numerator: 'People with the check due in the period',
    denominator: null,
    unit: 'people',
    counts: 'People with a first treatment engagement.',
    periodDate: CHECK_DUE,
    profiles: TTA,
    source: BJA,
    by: 'retention',
    overlapping: true,
  },
  {
    kind: 'count',
    code: 'retention_checked',
    section: 'engagement',
    label: 'Retention checks recorded',
    definition:
      'Of the retention checks due in the period, those a co-responder has recorded (still engaged in treatment, yes or no), whenever they were recorded.',
    numerator: 'Checks due in the period and recorded',
    denominator: null,
    unit: 'people',
    counts: 'People with the check due in the period.',
    periodDate: CHECK_DUE,
    profiles: TTA,
    source: BJA,
    by: 'retention',
    overlapping: true,
  },
  {
    kind: 'count',
    code: 'retained',
    section: 'engagement',
    label: 'Still engaged in treatment at the check',
    definition: 'Of the retention checks due in the period and recorded, those that found the person still engaged in treatment.',
    numerator: 'Checks recorded as still engaged',
    denominator: null,
    unit: 'people',
    counts: 'People with the check due in the period and recorded.',
    periodDate: CHECK_DUE,
    profiles: TTA,
    source: BJA,
    by: 'retention',
    overlapping: true,
  },
  {
    kind: 'rate',
    code: 'retention_rate',
    section: 'engagement',
    label: 'Retention rate',
    definition:
      'Of the retention checks due in the period and recorded, the percentage that found the person still engaged in treatment.',
    numerator: 'Still engaged at the check',
    denominator: 'Retention checks recorded',
    unit: 'percent',
    counts: 'People with the check due in the period and recorded.',
    periodDate: CHECK_DUE,
    profiles: TTA,
    source: BJA,
    by: 'retention',
    rate: { numerator: 'retained', denominator: 'retention_checked' },
  },
  {
    kind: 'count',
    code: 'housing_obtained',
    section: 'engagement',
    label: 'People who obtained housing',
    definition: 'People for whom a co-responder recorded "housing obtained" with a date in the period.',
    numerator: 'People with housing obtained in the period',
    denominator: null,
    unit: 'people',
    counts: 'Participant milestones recorded by hand (not those removed as recorded in error).',
    periodDate: 'The date the milestone was reached.',
    profiles: TTA,
    source: BJA,
  },
  {
    kind: 'count',
    code: 'employment_obtained',
    section: 'engagement',
    label: 'People who obtained employment',
    definition: 'People for whom a co-responder recorded "employment obtained" with a date in the period.',
    numerator: 'People with employment obtained in the period',
    denominator: null,
    unit: 'people',
    counts: 'Participant milestones recorded by hand (not those removed as recorded in error).',
    periodDate: 'The date the milestone was reached.',
    profiles: TTA,
    source: BJA,
  },
  {
    kind: 'count',
    code: 'exited',
    section: 'engagement',
    label: 'People who left the programme',
    definition:
      'People recorded as having exited the programme with a date in the period (each person once, by their latest exit).',
    numerator: 'People who exited in the period',
    denominator: null,
    unit: 'people',
    counts: 'Participant milestones recorded by hand (not those removed as recorded in error).',
    periodDate: 'The date of the exit.',
    profiles: TTA,
    source: BJA,
  },
  {
    kind: 'count',
    code: 'exits_by_reason',
    section: 'engagement',
    label: 'People who left the programme, by reason',
    definition: 'The people who exited the programme in the period, by the reason recorded for their latest exit.',
    numerator: 'People who exited in the period, by reason',
    denominator: null,
    unit: 'people',
    counts: 'People who exited in the period.',
    periodDate: 'The date of the exit.',
    profiles: TTA,
    source: BJA,
    by: 'exitReason',
    partOf: 'exited',
  },
];

const PROGRAMME_COUNTS =
  'Milestones of the programme plan (Milestones → Plan). Small counts are suppressed in exports like every other count.';

export const PROGRAMME_MEASURES: readonly Measure[] = [
  {
    kind: 'count',
    code: 'programme_milestones_due',
    section: 'programme',
    label: 'Programme milestones due',
    definition: 'Milestones of the programme plan (the TTA / strategic action plan) with a due date in the period.',
    numerator: 'Milestones due in the period',
    denominator: null,
    unit: 'milestones',
    counts: PROGRAMME_COUNTS,
    periodDate: 'The milestone’s due date.',
    profiles: TTA,
    source: BJA,
  },
  {
    kind: 'count',
    code: 'programme_milestones_by_status',
    section: 'programme',
    label: 'Programme milestones due, by status',
    definition:
      'The milestones due in the period by their status on the day the report was made: planned, in progress, at risk, done or cancelled.',
    numerator: 'Milestones due in the period, by status',
    denominator: null,
    unit: 'milestones',
    counts: PROGRAMME_COUNTS,
    periodDate: 'The milestone’s due date.',
    profiles: TTA,
    source: BJA,
    by: 'milestoneStatus',
    partOf: 'programme_milestones_due',
  },
  {
    kind: 'count',
    code: 'programme_milestones_done',
    section: 'programme',
    label: 'Programme milestones completed',
    definition: 'Milestones of the programme plan marked done with a completion date in the period, whenever they were due.',
    numerator: 'Milestones completed in the period',
    denominator: null,
    unit: 'milestones',
    counts: PROGRAMME_COUNTS,
    periodDate: 'The milestone’s completion date.',
    profiles: TTA,
    source: BJA,
  },
  {
    kind: 'count',
    code: 'programme_milestones_overdue',
    section: 'programme',
    label: 'Programme milestones overdue',
    definition:
      'Milestones still open (planned, in progress or at risk) on the day the report was made whose due date had passed by the end of the period.',
    numerator: 'Open milestones due before the end of the period',
    denominator: null,
    unit: 'milestones',
    counts: PROGRAMME_COUNTS,
    periodDate: 'The milestone’s due date (on or before the last day of the period, and before the day of the report).',
    profiles: TTA,
    source: BJA,
  },
];

/** The TTA provider's quarterly questions and the coordinator's answers: text and numbers about the programme. */
export const TTA_ANSWERS: MeasureBase = {
  code: 'tta_answers',
  section: 'programme',
  label: 'TTA performance metric answers',
  definition:
    'The programme’s answers to the TTA provider’s quarterly questions (Milestones → TTA metrics), for every calendar quarter that lies wholly in the period, each with the wording of the question it answered. In exports a number answer from 1 to the suppression threshold is suppressed like any small count; yes / no and text answers are given as written.',
  numerator: 'Answers',
  denominator: null,
  unit: 'answers',
  counts: 'Answers saved for the quarter; questions left unanswered are not listed.',
  periodDate: 'The quarter answered.',
  profiles: TTA,
  source: BJA,
};

/** A number answer from 1 to the threshold is a small count like any other: hidden in exports (0 and larger ones are not). */
export function ttaAnswerHidden(answerType: string, answer: string, threshold: number): boolean {
  if (answerType !== 'number' || answer.trim() === '') return false;
  const n = Number(answer.replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 && n <= threshold;
}
