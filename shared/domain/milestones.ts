import { addDays, daysBetween } from './calendar';
import type { VocabItem } from './vocab';

/**
 * Programme milestones: the plan a deflection programme is launched and run against, agreed with its
 * technical-assistance (TTA) provider. PRODUCT.md capability 6 (a). Codes are stable; labels may change.
 */

export const MILESTONE_CATEGORIES = [
  { code: 'technical_assistance', label: 'Technical assistance' },
  { code: 'strategic_action_plan', label: 'Strategic action plan' },
  { code: 'mou_partnership', label: 'MOU / partnership' },
  { code: 'training', label: 'Training' },
  { code: 'data_evaluation', label: 'Data and evaluation' },
  { code: 'community_engagement', label: 'Community engagement' },
  { code: 'event', label: 'Event' },
] as const satisfies readonly VocabItem[];
export type MilestoneCategory = (typeof MILESTONE_CATEGORIES)[number]['code'];

export const MILESTONE_STATUSES = [
  { code: 'planned', label: 'Planned' },
  { code: 'in_progress', label: 'In progress' },
  { code: 'at_risk', label: 'At risk' },
  { code: 'done', label: 'Done' },
  { code: 'cancelled', label: 'Cancelled' },
] as const satisfies readonly VocabItem[];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]['code'];

/** Statuses of milestones still to be reached: only these can be overdue or due soon. */
export const OPEN_MILESTONE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'at_risk'];

/** A milestone is "due soon" when its due date is today or within this many days. */
export const DUE_SOON_DAYS = 14;

export const MILESTONE_LIMITS = { title: 200, description: 4000, evidence: 4000, ownerName: 120, organizations: 20 } as const;

/** Dates a plan can hold: well before any programme started, and not beyond a long grant period. */
export const PLAN_EARLIEST = '2000-01-01';
export const PLAN_LATEST = '2099-12-31';

/** Calendar arithmetic (shared/domain/calendar.ts), under the names the milestone rules use. */
export { daysBetween, addDays as plusDays };

/** Overdue: open and due before today. Due soon: open and due today or within `DUE_SOON_DAYS`. */
export function milestoneFlags(dueDate: string, status: string, today: string): { overdue: boolean; dueSoon: boolean } {
  if (!(OPEN_MILESTONE_STATUSES as readonly string[]).includes(status)) return { overdue: false, dueSoon: false };
  const days = daysBetween(today, dueDate);
  return { overdue: days < 0, dueSoon: days >= 0 && days <= DUE_SOON_DAYS };
}

/** What the rules below need of a milestone being saved. */
export interface MilestoneRuleValues {
  dueDate: string;
  eventDate: string | null;
  eventTime: string | null;
  status: string;
  completedOn: string | null;
}

/**
 * The rules a milestone must meet as a whole, beyond each field's format: field → message, every problem
 * at once. `createdOn` is the day the milestone was created (today for a new one); `today` is the
 * department's date. The backend applies them on every save; forms apply them before sending.
 */
export function milestoneProblems(v: MilestoneRuleValues, today: string, createdOn: string = today): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => (out[field] ??= message);
  const inRange = (field: string, label: string, date: string | null) => {
    if (date && (date < PLAN_EARLIEST || date > PLAN_LATEST))
      add(field, `${label}: enter a date between 2000 and 2099; check the year.`);
  };
  inRange('dueDate', 'Due date', v.dueDate);
  inRange('eventDate', 'Event date', v.eventDate);
  if (v.eventDate && !v.eventTime) add('eventTime', 'Event time: an event date needs a time (for example 10:00).');
  if (v.eventTime && !v.eventDate) add('eventDate', 'Event date: enter the day of the event, or clear its time.');
  if (v.status === 'done') {
    if (!v.completedOn) add('completedOn', 'Completion date: a milestone marked done needs the day it was completed.');
  } else if (v.completedOn) {
    add('completedOn', 'Completion date: record it only when the milestone is done (or clear it).');
  }
  if (v.completedOn) {
    if (v.completedOn > today) add('completedOn', 'Completion date: it cannot be in the future.');
    else if (v.completedOn < createdOn) {
      add('completedOn', `Completion date: it cannot be before the milestone was created (${createdOn}).`);
    }
  }
  return out;
}

/** One launch milestone of the starter plan: its stable key, wording, and due date as days after the start. */
export interface StarterItem {
  key: string;
  title: string;
  category: MilestoneCategory;
  offsetDays: number;
  description: string;
}

/**
 * The usual launch milestones of a pre-arrest deflection programme (the PTACC / BJA COSSUP technical
 * assistance sequence), with due dates offset from the day the coordinator chooses as the start. Keys are
 * stored with the milestones they create, so starting the plan again adds only what is missing.
 */
export const STARTER_PLAN: readonly StarterItem[] = [
  {
    key: 'kickoff',
    title: 'Kick-off meeting with the TTA provider',
    category: 'technical_assistance',
    offsetDays: 14,
    description: 'Agree goals, the pathways to start with, the TTA schedule and who leads each part of the plan.',
  },
  {
    key: 'stakeholder_inventory',
    title: 'Stakeholder and data inventory',
    category: 'strategic_action_plan',
    offsetDays: 45,
    description: 'List treatment and social-service partners, the data each holds, and what the unit can collect.',
  },
  {
    key: 'provider_mous',
    title: 'Provider MOUs signed',
    category: 'mou_partnership',
    offsetDays: 90,
    description: 'Memoranda of understanding with the main treatment providers: referral route, feedback on engagement, privacy.',
  },
  {
    key: 'training',
    title: 'Officer and co-responder training',
    category: 'training',
    offsetDays: 105,
    description: 'Deflection, the referral protocol, naloxone, trauma-informed contact and the consent rules.',
  },
  {
    key: 'referral_protocol',
    title: 'Referral protocol adopted',
    category: 'strategic_action_plan',
    offsetDays: 120,
    description: 'Written protocol for each pathway: who refers, to whom, how the warm hand-off and follow-up work.',
  },
  {
    key: 'consent_forms',
    title: 'Consent forms adopted',
    category: 'strategic_action_plan',
    offsetDays: 120,
    description: '42 CFR Part 2 and HIPAA consent forms reviewed by counsel, in English and Spanish.',
  },
  {
    key: 'data_collection',
    title: 'Data collection started',
    category: 'data_evaluation',
    offsetDays: 135,
    description: 'Every contact, referral and engagement recorded in Deflect from this day on.',
  },
  {
    key: 'community_briefing',
    title: 'Community briefing',
    category: 'community_engagement',
    offsetDays: 150,
    description: 'Brief residents, faith leaders and community partners on how the programme works and how to ask for help.',
  },
  {
    key: 'first_analysis',
    title: 'First data analysis delivered',
    category: 'data_evaluation',
    offsetDays: 225,
    description: 'First look at contacts, referrals and 30-day engagement, shared with the TTA provider.',
  },
  {
    key: 'first_quarterly_report',
    title: 'First quarterly report',
    category: 'data_evaluation',
    offsetDays: 240,
    description: 'The first quarterly figures to the state and the TTA provider.',
  },
];

/** The starter plan's milestones with due dates for a start day. */
export function starterPlanFor(startDate: string): (StarterItem & { dueDate: string })[] {
  return STARTER_PLAN.map((item) => ({ ...item, dueDate: addDays(startDate, item.offsetDays) }));
}

/** "10:00" or "9:30": a wall-clock time, 24-hour. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
