import { TREATMENT_SERVICE_TYPES } from '../consents';
import { SERVICE_TYPE_LABELS } from '../serviceTypes';

/** Phrases the measure definitions and the exports share. */
export const CONTACT_DATE = 'The date and time of the contact, in the department’s time zone.';
export const REFERRAL_DATE = 'The date of the referral.';
export const PERIOD_PEOPLE =
  'People identified by name or alias who had at least one contact in the period; a person whose records were merged counts once.';
export const BOTH = ['state', 'tta'] as const;
export const TTA = ['tta'] as const;
export const STATE = '5 ILCS 820/25';
export const BJA = 'BJA COSSUP / PTACC performance measures';
export const STATE_PUBLIC = '5 ILCS 820/25; ICJIA public deflection figures';
/** A label inside a sentence: its first letter lowered, unless it starts with an acronym (MOUD, SUD). */
export function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
export const treatmentTypes = TREATMENT_SERVICE_TYPES.map((t) => inSentence(SERVICE_TYPE_LABELS[t])).join(', ');

/** What a hidden figure reads as in the CSVs (a Table Schema missing value). */
export const SUPPRESSED_MARKER = 'suppressed';

/** The footnote every export carries: how figures were suppressed at this threshold. */
export function suppressionNote(threshold: number): string {
  if (threshold === 0) {
    return 'Small-cell suppression was turned OFF for this export: every figure is exact, including counts from 1 to 10, which may identify people. Do not publish it.';
  }
  return (
    `Small-cell suppression: every count from 1 to ${threshold} is replaced by “${SUPPRESSED_MARKER}”. ` +
    'Further figures are hidden beside them (complementary suppression) so that no hidden figure can be worked out from a total, ' +
    'from the other figures of its row or column, or from another table of the same export; the hidden figures of a row or column ' +
    `together always come to more than ${threshold}. A rate is hidden when its numerator or denominator is, a median or quartile ` +
    'when the number of people it describes is, and the naloxone doses when the overdoses are. Zero is shown. ' +
    'An empty cell means the figure does not apply (a rate without a denominator, a median without anyone to describe).'
  );
}
