import {
  CHARGE_CATEGORIES,
  DISPOSITIONS,
  HOUSING_STATUSES,
  PATHWAYS,
  RACE_ETHNICITIES,
  REFERRAL_SOURCES,
  SEXES,
  VETERAN_STATUSES,
} from '../intake';
import { MILESTONE_STATUSES } from '../milestones';
import { NEEDS } from '../needs';
import { EXIT_REASONS, RETENTION_CHECK_DAYS } from '../participants';
import { CLOSURE_REASONS, REFERRAL_STATUSES } from '../referrals';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from '../serviceTypes';
import type { VocabItem } from '../vocab';

/**
 * The breakdowns of the report (what a measure is counted "by"): the app's vocabularies, plus the groupings
 * only reports use (age bands, race and ethnicity groups, days to engagement). Codes are stable: they are
 * the values in the exported CSVs.
 */

const NOT_RECORDED = { code: 'not_recorded', label: 'Not recorded' } as const;

export const AGE_BANDS = [
  { code: 'under_18', label: 'Under 18', min: 0, max: 17 },
  { code: '18_24', label: '18–24', min: 18, max: 24 },
  { code: '25_34', label: '25–34', min: 25, max: 34 },
  { code: '35_44', label: '35–44', min: 35, max: 44 },
  { code: '45_54', label: '45–54', min: 45, max: 54 },
  { code: '55_64', label: '55–64', min: 55, max: 64 },
  { code: '65_over', label: '65 and over', min: 65, max: 200 },
] as const;

/** Race and ethnicity as one group per person (OMB SPD 15 combined question; several answers → "more than one"). */
export const RACE_GROUPS: readonly VocabItem[] = [
  ...RACE_ETHNICITIES.filter((r) => r.code !== 'declined').map((r) => ({ code: r.code, label: `${r.label} alone` })),
  { code: 'more_than_one', label: 'More than one race or ethnicity' },
  { code: 'declined', label: 'Declined to answer' },
  NOT_RECORDED,
];

/** Days from first contact to first treatment engagement, grouped. The 30-day line falls between two groups. */
export const DAYS_BUCKETS = [
  { code: 'd0', label: 'Same day', min: 0, max: 0 },
  { code: 'd1_7', label: '1–7 days', min: 1, max: 7 },
  { code: 'd8_14', label: '8–14 days', min: 8, max: 14 },
  { code: 'd15_30', label: '15–30 days', min: 15, max: 30 },
  { code: 'd31_60', label: '31–60 days', min: 31, max: 60 },
  { code: 'd61_90', label: '61–90 days', min: 61, max: 90 },
  { code: 'd91_over', label: 'More than 90 days', min: 91, max: 1_000_000 },
] as const;

export const CHARGE_OUTCOMES = [
  { code: 'held_in_abeyance', label: 'Held in abeyance' },
  { code: 'not_filed', label: 'Not filed' },
] as const;

export const FUNNEL_STAGES = [
  { code: 'made', label: 'Made (sent)' },
  { code: 'accepted', label: 'Accepted' },
  { code: 'engaged', label: 'Engaged (first appointment attended)' },
  { code: 'completed', label: 'Completed' },
] as const;

/** The participant milestones' retention checks (30, 60 and 90 days after the first treatment engagement). */
export const RETENTION_CHECKS = RETENTION_CHECK_DAYS.map((days) => ({ code: `d${days}`, label: `${days} days` }));

export const TRAFFICKING_KINDS = [
  { code: 'sex_trafficking', label: 'Sex-trafficking indicators' },
  { code: 'labour_trafficking', label: 'Labour-trafficking indicators' },
] as const;

export const DAY_STATS = [
  { code: 'median', label: 'Median' },
  { code: 'q1', label: 'First quartile (25th percentile)' },
  { code: 'q3', label: 'Third quartile (75th percentile)' },
] as const;

export const SAFETY_EVENTS = [
  { code: 'use_of_force', label: 'Use of force' },
  { code: 'injury', label: 'Injury' },
] as const;

/** A breakdown: its column name in the CSVs and the categories in report order. Months are listed per period. */
export interface Dimension {
  code: string;
  label: string;
  items: readonly VocabItem[];
}

const dim = (code: string, label: string, items: readonly VocabItem[]): Dimension => ({ code, label, items });

export const DIMENSIONS = {
  month: dim('month', 'Month', []),
  pathway: dim('pathway', 'Pathway', PATHWAYS),
  need: dim('need', 'Need', NEEDS),
  disposition: dim('disposition', 'Disposition', DISPOSITIONS),
  referralSource: dim('referral_source', 'Referral source', REFERRAL_SOURCES),
  chargeCategory: dim('charge_category', 'Charge category', CHARGE_CATEGORIES),
  chargeOutcome: dim('charge_outcome', 'Charge outcome', CHARGE_OUTCOMES),
  safety: dim('event', 'Event', SAFETY_EVENTS),
  trafficking: dim('indicator', 'Indicator', TRAFFICKING_KINDS),
  serviceType: dim(
    'service_type',
    'Service type',
    SERVICE_TYPES.map((code) => ({ code, label: SERVICE_TYPE_LABELS[code] })),
  ),
  referralStatus: dim(
    'status',
    'Status',
    REFERRAL_STATUSES.filter((s) => s.code !== 'draft'),
  ),
  closureReason: dim('closure_reason', 'Closing outcome', CLOSURE_REASONS),
  funnel: dim('stage', 'Stage reached', FUNNEL_STAGES),
  daysBucket: dim('days', 'Days to engagement', DAYS_BUCKETS),
  dayStat: dim('statistic', 'Statistic', DAY_STATS),
  retention: dim('check', 'Retention check', RETENTION_CHECKS),
  exitReason: dim('exit_reason', 'Reason for leaving', EXIT_REASONS),
  milestoneStatus: dim('status', 'Status', MILESTONE_STATUSES),
  ageBand: dim('age_band', 'Age band', [...AGE_BANDS, { code: 'not_recorded', label: 'Not recorded' }]),
  sex: dim('sex', 'Sex', [...SEXES, NOT_RECORDED]),
  race: dim('race_ethnicity', 'Race and ethnicity', RACE_GROUPS),
  veteran: dim('veteran_status', 'Veteran status', [...VETERAN_STATUSES, NOT_RECORDED]),
  housing: dim('housing_status', 'Housing status', [...HOUSING_STATUSES, NOT_RECORDED]),
} as const satisfies Record<string, Dimension>;
export type DimensionName = keyof typeof DIMENSIONS;

/** The leading whole number of a text, as SQLite's CAST(... AS INTEGER) reads it (0 without one). */
function leadingInteger(text: string): number {
  return Number.parseInt(text, 10) || 0;
}

/**
 * A person's age in whole years on `day` (YYYY-MM-DD): from the date of birth (a year less before the
 * birthday), else from the year of birth; null without either.
 */
export function ageOn(day: string, dateOfBirth: string | null, birthYear: number | null): number | null {
  const year = leadingInteger(day.slice(0, 4));
  if (dateOfBirth !== null) {
    return year - leadingInteger(dateOfBirth.slice(0, 4)) - (day.slice(5, 10) < dateOfBirth.slice(5, 10) ? 1 : 0);
  }
  return birthYear === null ? null : year - birthYear;
}

/** The age band for an age in whole years, or not recorded. */
export function ageBandOf(age: number | null): string {
  if (age === null || age < 0) return 'not_recorded';
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.code ?? 'not_recorded';
}

/** The days bucket for a number of days from first contact to first engagement. */
export function daysBucketOf(days: number): string {
  return DAYS_BUCKETS.find((b) => days >= b.min && days <= b.max)?.code ?? 'd91_over';
}

/** The one race-and-ethnicity group of a person from their answers (a list of RACE_ETHNICITIES codes). */
export function raceGroupOf(answers: readonly string[]): string {
  const given = answers.filter((a) => a !== 'declined');
  if (given.length > 1) return 'more_than_one';
  if (given.length === 1) return given[0]!;
  return answers.includes('declined') ? 'declined' : 'not_recorded';
}
