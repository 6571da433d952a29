import { type Need, NEEDS } from './needs';
import { codes } from './vocab';

/**
 * Needs (presenting issues) and service types (what a provider offers), from PRODUCT.md "Vocabularies".
 * Codes are stable and stored; labels may change. `NEED_SERVICE_TYPES` says which service types can
 * meet a need: it drives "find a provider for this need" in the directory and referral suggestions.
 */

/** Need codes as a tuple (for `z.enum`); the list and its labels live in needs.ts. */
export const NEED_CODES = codes(NEEDS);
export type { Need };

export const NEED_LABELS = Object.fromEntries(NEEDS.map((n) => [n.code, n.label])) as Record<Need, string>;

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

const SUD_TREATMENT: readonly ServiceType[] = [
  'withdrawal_management',
  'residential_sud',
  'outpatient_sud',
  'peer_recovery',
  'harm_reduction',
];

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

/** Words in a taxonomy term that suggest a service type (AIRS/211, Open Eligibility and local lists alike). */
const SUGGESTIONS: ReadonlyArray<[RegExp, ServiceType]> = [
  [/\b(detox|detoxification|withdrawal)\b/i, 'withdrawal_management'],
  [/\b(residential|inpatient)\b.*\b(substance|addiction|drug|alcohol|sud|treatment)\b|\brehab/i, 'residential_sud'],
  [
    /\b(outpatient|iop|intensive outpatient)\b.*\b(substance|addiction|drug|alcohol|sud)\b|\bsubstance use (disorder )?treatment\b/i,
    'outpatient_sud',
  ],
  [
    /\b(buprenorphine|methadone|naltrexone|suboxone|vivitrol|moud|mat|opioid treatment program|medication[- ]assisted)\b/i,
    'moud',
  ],
  [/\b(crisis|hotline|988|mobile crisis|suicide)\b/i, 'crisis_mental_health'],
  [/\b(counsel+ing|therapy|psychotherapy|mental health)\b/i, 'outpatient_mental_health'],
  [/\bpsychiatr/i, 'psychiatric_care'],
  [/\b(peer|recovery coach|recovery support)\b/i, 'peer_recovery'],
  [/\b(naloxone|narcan|syringe|needle exchange|harm reduction|fentanyl test)\b/i, 'harm_reduction'],
  [/\b(shelter|housing|homeless|rent(al)? assistance)\b/i, 'shelter_housing'],
  [/\btraffick/i, 'trafficking_survivor'],
  [/\b(domestic violence|intimate partner|family violence|battered)\b/i, 'domestic_violence_services'],
  [/\b(primary care|medical care|health cent(er|re)|clinic)\b/i, 'primary_medical'],
  [/\b(legal|lawyer|attorney|expungement)\b/i, 'legal_aid'],
  [/\b(benefits?|snap|medicaid|ssi|ssdi|identification|id card|birth certificate)\b/i, 'benefits_id_services'],
  [/\b(food|pantry|meals?|soup kitchen)\b/i, 'food_services'],
  [/\b(employment|jobs?|vocational|workforce)\b/i, 'employment_services'],
];

/** Service types a term's name or description suggests; the coordinator confirms or changes them. */
export function suggestServiceTypes(text: string): ServiceType[] {
  const found = new Set(SUGGESTIONS.filter(([re]) => re.test(text)).map(([, t]) => t));
  return SERVICE_TYPES.filter((t) => found.has(t));
}
