import type { VocabItem } from './vocab';

/**
 * Needs / presenting issues recorded on a contact (multi-select). PRODUCT.md "Needs".
 * serviceTypes.ts maps each need to the provider service types that can meet it.
 */
export const NEEDS = [
  { code: 'opioid_use', label: 'Opioid use' },
  { code: 'stimulant_use', label: 'Stimulant use' },
  { code: 'alcohol_use', label: 'Alcohol use' },
  { code: 'other_substance_use', label: 'Other substance use' },
  { code: 'mental_health', label: 'Mental health' },
  { code: 'suicide_risk', label: 'Suicide risk' },
  { code: 'sex_trafficking', label: 'Sex-trafficking indicators' },
  { code: 'labour_trafficking', label: 'Labour-trafficking indicators' },
  { code: 'commercial_sex', label: 'Commercial sex involvement' },
  { code: 'housing', label: 'Homelessness / housing instability' },
  { code: 'domestic_violence', label: 'Domestic violence' },
  { code: 'medical', label: 'Medical' },
  { code: 'food', label: 'Food' },
  { code: 'benefits_id', label: 'Benefits / ID documents' },
  { code: 'employment', label: 'Employment' },
  { code: 'legal', label: 'Legal' },
  { code: 'transportation', label: 'Transportation' },
] as const satisfies readonly VocabItem[];
export type Need = (typeof NEEDS)[number]['code'];
