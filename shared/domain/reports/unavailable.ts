import { ENGAGEMENT_MEASURES } from './measuresOutcomes';
import type { Profile, Section } from './types';
import { inSentence, TTA } from './words';

/**
 * Measures the reports are asked for that this version cannot count yet, because the records they are
 * counted from are not kept yet: treatment engagement and retention come from participant milestones
 * (first contact, first treatment engagement, retention checks), and the programme's figures from the
 * programme plan and the TTA answers (PRODUCT.md capability 6, the Milestones slice). They are listed on
 * the screen, in every data package's README and descriptor, and in the PDF summary as not available —
 * never as zeros. The engagement measures are already declared in full (measuresOutcomes.ts) and join
 * the catalogue when participant milestones are recorded.
 */

export interface UnavailableMeasure {
  code: string;
  label: string;
  profiles: readonly Profile[];
  /** How a headline figure is named at the top of the screen and the PDF (the state's key indicator, the median time to engagement); null for the others. */
  headline: string | null;
}

export interface UnavailableGroup {
  section: Section;
  reason: string;
  measures: readonly UnavailableMeasure[];
}

export const PARTICIPANT_MILESTONES_MISSING = 'Not available until participant milestones are recorded.';

export const UNAVAILABLE: readonly UnavailableGroup[] = [
  {
    section: 'engagement',
    reason: `${PARTICIPANT_MILESTONES_MISSING} Treatment engagement and retention are counted from each person’s participant milestones — the first contact that led to a referral, the first treatment appointment attended, the 30/60/90-day retention checks — which this version of Deflect does not record yet.`,
    measures: ENGAGEMENT_MEASURES.map((m) => ({
      code: m.code,
      label: m.label,
      profiles: m.profiles,
      headline: m.headline ? (m.kind === 'stat' ? `Median ${inSentence(m.label)}` : m.label) : null,
    })),
  },
  {
    section: 'programme',
    reason:
      'Not available until the programme plan and the TTA answers are recorded: this version of Deflect does not record programme milestones or the answers to the TTA provider’s quarterly questions yet.',
    measures: [
      { code: 'programme_milestones_by_status', label: 'Programme milestones by status', profiles: TTA, headline: null },
      { code: 'tta_answers', label: 'TTA performance metric answers', profiles: TTA, headline: null },
    ],
  },
];

/** The groups of measures a profile asks for that are not available, with only that profile's measures. */
export function unavailableFor(profile: Profile): UnavailableGroup[] {
  return UNAVAILABLE.map((g) => ({ ...g, measures: g.measures.filter((m) => m.profiles.includes(profile)) })).filter(
    (g) => g.measures.length,
  );
}
