import { SERVICE_TYPES, SERVICE_TYPE_LABELS, type ServiceType } from './serviceTypes';

/**
 * The department's own HSDS taxonomy. A service's service types, "accepts walk-ins", capacity note and
 * insurance note are stored as HSDS attributes that link the service to these terms, so they travel
 * inside an HSDS export and come back on re-import with no extension columns. The ids are fixed
 * forever: another Deflect installation recognises them.
 */
export const DEFLECT_TAXONOMY_ID = '26506a73-c70d-4e9b-a603-7b6f0155fb48';
export const DEFLECT_TAXONOMY = {
  id: DEFLECT_TAXONOMY_ID,
  name: 'Deflect directory terms',
  description: 'Service types and referral details used by Deflect pre-arrest deflection units.',
  uri: null,
  version: '1',
} as const;

export const SERVICE_TYPE_TERM_IDS: Record<ServiceType, string> = {
  withdrawal_management: '3836226e-217f-4907-aebc-65f1c1c14f21',
  residential_sud: '70f7c2d2-dcd3-4e1b-99ed-ef0aca048ca1',
  outpatient_sud: '1b93faea-cd2c-4e82-aa82-b566c5343a4a',
  moud: '1df544f9-114b-46a0-9bcf-c3ea3891610a',
  crisis_mental_health: 'aba6e4cf-8168-40ea-8684-274c4c7473c7',
  outpatient_mental_health: 'e8885644-486a-44c1-a1bb-db75361dd92e',
  psychiatric_care: '88cb6cae-0d99-48cf-b5f5-3f6a48762bd4',
  peer_recovery: 'eb2e1267-16b8-4305-b58f-4804eee24014',
  harm_reduction: '9f41b838-9283-4c96-9b67-5a6249ac4830',
  shelter_housing: 'e55343de-f802-4741-9de7-b9ecb515e2cb',
  trafficking_survivor: 'c9eb6f5d-f10c-43be-80be-914f1a79fd41',
  domestic_violence_services: 'c66506e4-1fb9-49b2-96c9-3633524fb84c',
  primary_medical: '4107fc60-f225-47c8-932d-a621b1b55212',
  legal_aid: 'a84dab9a-0bb1-487f-9ca6-4153bca9ee6d',
  benefits_id_services: '37651a8e-79a0-4429-99e6-7f0e4950afe2',
  food_services: '8da1260d-eb47-4d4c-896b-38869b6deb98',
  employment_services: '0e18fea5-b86b-46bf-8300-9d6a304b0ed7',
};

/** Terms whose attribute carries a detail of the service rather than a type. */
export const DETAIL_TERM_IDS = {
  walkIns: '6f2cbbd0-d81d-4010-8169-232a27192912',
  capacityNote: '7875b48c-2bce-4601-bcda-3bf035d75e84',
  insuranceNote: '14a4fa67-cba9-48ed-8435-a3d1f447b603',
} as const;
export type DetailTerm = keyof typeof DETAIL_TERM_IDS;

export interface DeflectTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  serviceType: ServiceType | null;
}

const DETAIL_TERMS: DeflectTerm[] = [
  {
    id: DETAIL_TERM_IDS.walkIns,
    code: 'walk_ins',
    name: 'Accepts walk-ins',
    description: 'People can arrive without an appointment.',
    serviceType: null,
  },
  {
    id: DETAIL_TERM_IDS.capacityNote,
    code: 'capacity_note',
    name: 'Capacity note',
    description: 'Current capacity, beds or waiting list (in the attribute value).',
    serviceType: null,
  },
  {
    id: DETAIL_TERM_IDS.insuranceNote,
    code: 'insurance_note',
    name: 'Insurance note',
    description: 'Insurance and payment accepted (in the attribute value).',
    serviceType: null,
  },
];

export const DEFLECT_TERMS: readonly DeflectTerm[] = [
  ...SERVICE_TYPES.map((t) => ({
    id: SERVICE_TYPE_TERM_IDS[t],
    code: t,
    name: SERVICE_TYPE_LABELS[t],
    description: `Deflect service type: ${SERVICE_TYPE_LABELS[t]}.`,
    serviceType: t,
  })),
  ...DETAIL_TERMS,
];

export const DEFLECT_TERM_IDS: ReadonlySet<string> = new Set(DEFLECT_TERMS.map((t) => t.id));
