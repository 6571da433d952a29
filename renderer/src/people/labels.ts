import {
  CHARGE_CATEGORIES,
  DISPOSITIONS,
  GENDER_IDENTITIES,
  HOUSING_STATUSES,
  LANGUAGES,
  PATHWAYS,
  RACE_ETHNICITIES,
  REFERRAL_SOURCES,
  SEXES,
  VETERAN_STATUSES,
} from '../../../shared/domain/intake';
import { NEEDS } from '../../../shared/domain/needs';
import { labelOf, type VocabItem } from '../../../shared/domain/vocab';
import { ageOn, formatDate } from '../ui/format';

/** Field names as people read them, with the vocabulary that labels their codes. */
export const PERSON_FIELD_LABELS: Record<string, { label: string; vocab?: readonly VocabItem[] }> = {
  firstName: { label: 'First name' },
  lastName: { label: 'Last name' },
  aliases: { label: 'Aliases' },
  dateOfBirth: { label: 'Date of birth' },
  birthYear: { label: 'Year of birth' },
  sex: { label: 'Sex', vocab: SEXES },
  genderIdentity: { label: 'Gender identity', vocab: GENDER_IDENTITIES },
  raceEthnicity: { label: 'Race and ethnicity', vocab: RACE_ETHNICITIES },
  preferredLanguage: { label: 'Preferred language', vocab: LANGUAGES },
  veteranStatus: { label: 'Veteran status', vocab: VETERAN_STATUSES },
  residenceArea: { label: 'Residence area' },
  zip: { label: 'ZIP code' },
  housingStatus: { label: 'Housing status', vocab: HOUSING_STATUSES },
  phone: { label: 'Phone' },
};

/** A stored value as text: codes become labels, lists are joined, nothing becomes "—". */
export function fieldText(field: string, value: string | number | string[] | null): string {
  const vocab = PERSON_FIELD_LABELS[field]?.vocab;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value)) return value.map((v) => (vocab ? labelOf(vocab, v) : v)).join(', ');
  if (field === 'dateOfBirth') return formatDate(String(value));
  return vocab ? labelOf(vocab, String(value)) : String(value);
}

export const label = {
  pathway: (c: string) => labelOf(PATHWAYS, c),
  disposition: (c: string) => labelOf(DISPOSITIONS, c),
  need: (c: string) => labelOf(NEEDS, c),
  referralSource: (c: string) => labelOf(REFERRAL_SOURCES, c),
  charge: (c: string | null) => labelOf(CHARGE_CATEGORIES, c),
};

/** A date of birth as staff read it: "Apr 12, 1988 (age 38)", "born about 1985", or "". */
export function birthText(p: { dateOfBirth: string | null; birthYear: number | null }): string {
  if (p.dateOfBirth) return `${formatDate(p.dateOfBirth)} (age ${ageOn(p.dateOfBirth)})`;
  return p.birthYear ? `born about ${p.birthYear}` : '';
}
