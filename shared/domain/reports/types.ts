import type { DimensionName } from './dimensions';

/** Profiles, sections, units and the shape of a measure (the catalogue, catalogue.ts, lists the measures). */

export const PROFILES = [
  {
    code: 'state',
    label: 'State (Illinois, 5 ILCS 820/25)',
    title: 'Deflection programme quarterly data (5 ILCS 820/25)',
    description:
      'The minimum data the Illinois deflection law asks of a programme each quarter: demographics of the people served, encounters resulting in a treatment referral, time from first contact to treatment engagement and the 30-day engagement rate, with the encounter counts the state publishes for these programmes.',
  },
  {
    code: 'tta',
    label: 'TTA provider (BJA performance measures)',
    title: 'Deflection programme performance measures (BJA / TTA)',
    description:
      'The BJA-style performance measures for the technical-assistance provider: contacts and people by pathway, need, disposition and referral source; repeat contacts; overdoses and naloxone; trafficking indicators; charges deflected; use of force and injury; referrals by service type and status with the funnel and closing outcomes; engagement and retention; programme milestones and the quarter’s TTA metric answers.',
  },
] as const;
export type Profile = (typeof PROFILES)[number]['code'];
export const PROFILE_CODES = PROFILES.map((p) => p.code) as [Profile, ...Profile[]];

export const SECTIONS = [
  { code: 'activity', label: 'Contacts and people' },
  { code: 'referrals', label: 'Referrals' },
  { code: 'engagement', label: 'Treatment engagement and retention' },
  { code: 'safety', label: 'Health and safety' },
  { code: 'demographics', label: 'Demographics of the people served' },
  { code: 'programme', label: 'Programme milestones' },
] as const;
export type Section = (typeof SECTIONS)[number]['code'];

export const UNITS = {
  contacts: 'contacts',
  people: 'people',
  referrals: 'referrals',
  doses: 'naloxone doses',
  percent: 'percent',
  days: 'days',
  milestones: 'milestones',
  answers: 'answers',
} as const;
export type Unit = keyof typeof UNITS;

/** What every figure (and the TTA answers) declares: the words of the screen, the dictionary and the README. */
export interface MeasureBase {
  code: string;
  section: Section;
  label: string;
  /** What the figure means, in plain words (shown on hover and focus, and in the data dictionary). */
  definition: string;
  numerator: string;
  denominator: string | null;
  unit: Unit;
  /** Which records count. */
  counts: string;
  /** Which date puts a record in the period. */
  periodDate: string;
  profiles: readonly Profile[];
  /** The law or guidance that asks for it. */
  source: string;
  /** Shown at the top of the screen and the PDF summary. */
  headline?: boolean;
  /** An officer's own counts include it (contacts they were on, referrals they made). */
  officer?: boolean;
}

/** A count (or a sum, for naloxone doses): one figure, or one per category of `by`. */
export interface CountMeasure extends MeasureBase {
  kind: 'count';
  by?: DimensionName;
  /** The categories add up to this figure (a key), so suppression protects them together. */
  partOf?: string;
  /** Categories overlap (a contact can have several needs): they do not add up to a total. */
  overlapping?: boolean;
  /** Categories that are the same figure as another measure's (a key): one value, hidden together. */
  alias?: Record<string, string>;
  /** A sum of this measure is hidden whenever this figure (a key) is hidden. */
  dependsOn?: string;
}

/** A percentage: numerator ÷ denominator × 100, one decimal; per category when `by` is set. */
export interface RateMeasure extends MeasureBase {
  kind: 'rate';
  by?: DimensionName;
  rate: { numerator: string; denominator: string };
}

/** Statistics of a distribution of days (median, quartiles), hidden whenever the population is. */
export interface StatMeasure extends MeasureBase {
  kind: 'stat';
  by: DimensionName;
  population: string;
}

/** A two-way table whose row and column totals are two other count measures. */
export interface TableMeasure extends MeasureBase {
  kind: 'table';
  rows: string;
  cols: string;
  /** The figure both margins add up to. */
  total: string;
}

export type Measure = CountMeasure | RateMeasure | StatMeasure | TableMeasure;
