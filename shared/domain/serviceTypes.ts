/**
 * Needs (presenting issues) and service types (what a provider offers), from PRODUCT.md "Vocabularies".
 * Codes are stable and stored; labels may change. `NEED_SERVICE_TYPES` says which service types can
 * meet a need: it drives "find a provider for this need" in the directory and referral suggestions.
 */

export const NEEDS = [
  'opioid_use',
  'stimulant_use',
  'alcohol_use',
  'other_substance_use',
  'mental_health',
  'suicide_risk',
  'sex_trafficking',
  'labour_trafficking',
  'commercial_sex',
  'housing',
  'domestic_violence',
  'medical',
  'food',
  'benefits_id',
  'employment',
  'legal',
  'transportation',
] as const;
export type Need = (typeof NEEDS)[number];

export const NEED_LABELS: Record<Need, string> = {
  opioid_use: 'Opioid use',
  stimulant_use: 'Stimulant use',
  alcohol_use: 'Alcohol use',
  other_substance_use: 'Other substance use',
  mental_health: 'Mental health',
  suicide_risk: 'Suicide risk',
  sex_trafficking: 'Sex-trafficking indicators',
  labour_trafficking: 'Labour-trafficking indicators',
  commercial_sex: 'Commercial sex involvement',
  housing: 'Homelessness / housing instability',
  domestic_violence: 'Domestic violence',
  medical: 'Medical',
  food: 'Food',
  benefits_id: 'Benefits / ID documents',
  employment: 'Employment',
  legal: 'Legal',
  transportation: 'Transportation',
};

export const SERVICE_TYPES = [
  'withdrawal_management',
  'residential_sud',
  'outpatient_sud',
  'moud',
  'crisis_mental_health',
  'outpatient_mental_health',
  'psychiatric_care',
  'peer_recovery',
  'harm_reduction',
  'shelter_housing',
  'trafficking_survivor',
  'domestic_violence_services',
  'primary_medical',
  'legal_aid',
  'benefits_id_services',
  'food_services',
  'employment_services',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  withdrawal_management: 'Withdrawal management',
  residential_sud: 'Residential SUD treatment',
  outpatient_sud: 'Outpatient / intensive outpatient SUD treatment',
  moud: 'MOUD (buprenorphine, methadone, naltrexone)',
  crisis_mental_health: 'Crisis mental health',
  outpatient_mental_health: 'Outpatient mental health',
  psychiatric_care: 'Psychiatric care',
  peer_recovery: 'Peer recovery support',
  harm_reduction: 'Harm reduction (naloxone, syringe services)',
  shelter_housing: 'Shelter / housing',
  trafficking_survivor: 'Trafficking-survivor services',
  domestic_violence_services: 'Domestic-violence services',
  primary_medical: 'Primary / medical care',
  legal_aid: 'Legal aid',
  benefits_id_services: 'Benefits / ID',
  food_services: 'Food',
  employment_services: 'Employment',
};

const SUD_TREATMENT: readonly ServiceType[] = ['withdrawal_management', 'residential_sud', 'outpatient_sud', 'peer_recovery', 'harm_reduction'];

/** Which service types can meet each need. Transportation has no service type in PRODUCT.md, so no provider matches it by type. */
export const NEED_SERVICE_TYPES: Record<Need, readonly ServiceType[]> = {
  opioid_use: [...SUD_TREATMENT, 'moud'],
  stimulant_use: SUD_TREATMENT,
  alcohol_use: ['withdrawal_management', 'residential_sud', 'outpatient_sud', 'peer_recovery'],
  other_substance_use: SUD_TREATMENT,
  mental_health: ['crisis_mental_health', 'outpatient_mental_health', 'psychiatric_care', 'peer_recovery'],
  suicide_risk: ['crisis_mental_health', 'psychiatric_care', 'outpatient_mental_health'],
  sex_trafficking: ['trafficking_survivor', 'shelter_housing', 'legal_aid'],
  labour_trafficking: ['trafficking_survivor', 'legal_aid', 'employment_services'],
  commercial_sex: ['trafficking_survivor', 'harm_reduction', 'primary_medical'],
  housing: ['shelter_housing'],
  domestic_violence: ['domestic_violence_services', 'shelter_housing', 'legal_aid'],
  medical: ['primary_medical'],
  food: ['food_services'],
  benefits_id: ['benefits_id_services'],
  employment: ['employment_services'],
  legal: ['legal_aid'],
  transportation: [],
};

/** The service types that can meet any of the given needs. */
export function serviceTypesForNeeds(needs: readonly Need[]): ServiceType[] {
  const out = new Set<ServiceType>();
  for (const need of needs) for (const t of NEED_SERVICE_TYPES[need]) out.add(t);
  return SERVICE_TYPES.filter((t) => out.has(t));
}
