import type { ChargeCategory, Disposition, Pathway, ReferralSource } from '../../../shared/domain/intake';
import type { Need } from '../../../shared/domain/needs';

/**
 * Shapes of the synthetic data, loosely after published deflection programme figures (PTACC, BJA COSSUP
 * site reports) and the founding customer's population: many officer referrals and overdose follow-ups,
 * opioid use the most frequent need, repeat contacts concentrated on a few people.
 */
export const PATHWAY_WEIGHTS: readonly (readonly [Pathway, number])[] = [
  ['officer_prevention', 30],
  ['naloxone_plus', 18],
  ['self_referral', 14],
  ['active_outreach', 16],
  ['officer_intervention', 12],
  ['community_response', 10],
];

export const REFERRAL_BY_PATHWAY: Record<Pathway, readonly (readonly [ReferralSource, number])[]> = {
  self_referral: [
    ['self', 8],
    ['family_friend', 2],
  ],
  active_outreach: [
    ['outreach', 7],
    ['community_partner', 3],
  ],
  naloxone_plus: [
    ['ems_fire', 5],
    ['hospital_ed', 3],
    ['dispatch', 2],
  ],
  officer_prevention: [
    ['patrol', 7],
    ['dispatch', 3],
  ],
  officer_intervention: [
    ['patrol', 9],
    ['court_probation', 1],
  ],
  community_response: [
    ['dispatch', 5],
    ['community_partner', 3],
    ['school', 1],
    ['other', 1],
  ],
};

/** Probability of each need on a contact (several may apply). */
export const NEED_PROBABILITIES: readonly (readonly [Need, number])[] = [
  ['opioid_use', 0.42],
  ['stimulant_use', 0.14],
  ['alcohol_use', 0.2],
  ['other_substance_use', 0.06],
  ['mental_health', 0.34],
  ['suicide_risk', 0.04],
  ['sex_trafficking', 0.02],
  ['labour_trafficking', 0.01],
  ['commercial_sex', 0.03],
  ['housing', 0.28],
  ['domestic_violence', 0.04],
  ['medical', 0.1],
  ['food', 0.08],
  ['benefits_id', 0.09],
  ['employment', 0.06],
  ['legal', 0.05],
  ['transportation', 0.05],
];

export const DISPOSITION_WEIGHTS: readonly (readonly [Disposition, number])[] = [
  ['warm_handoff', 26],
  ['referred_info', 28],
  ['transported_treatment', 8],
  ['transported_ed', 7],
  ['crisis_centre', 5],
  ['declined', 14],
  ['no_contact', 6],
  ['arrest', 1],
  ['other', 3],
];

export const CHARGE_WEIGHTS: readonly (readonly [ChargeCategory, number])[] = [
  ['drug_possession', 35],
  ['paraphernalia', 15],
  ['retail_theft', 14],
  ['trespass', 10],
  ['disorderly_conduct', 9],
  ['public_intoxication', 6],
  ['prostitution', 4],
  ['criminal_damage', 4],
  ['other_misdemeanor', 2],
  ['other_felony', 1],
];

export const RACE_WEIGHTS: readonly (readonly [string[], number])[] = [
  [['black_african_american'], 66],
  [['hispanic_latino'], 16],
  [['white'], 8],
  [['black_african_american', 'hispanic_latino'], 3],
  [['white', 'hispanic_latino'], 2],
  [['asian'], 1],
  [['middle_eastern_north_african'], 1],
  [['declined'], 3],
];

export const HOUSING_WEIGHTS: readonly (readonly [string, number])[] = [
  ['stable', 38],
  ['at_risk', 16],
  ['doubled_up', 12],
  ['sheltered', 9],
  ['unsheltered', 15],
  ['transitional', 3],
  ['institution', 1],
  ['unknown', 6],
];

export const ZIPS = ['60426', '60426', '60426', '60419', '60428', '60429', '60473', '60406'];
export const AREAS = [
  'North Harvey',
  'South Harvey',
  'West of Halsted',
  'Downtown',
  'Dixmoor',
  'Markham',
  'South Holland',
  'Unknown',
];
export const STREETS = [
  'Vorn Ave',
  'Pellway St',
  'Quenton Rd',
  '147th St',
  'Tessmar Ave',
  'Oroville Blvd',
  'Lundby Ct',
  'Center St',
  'Halden Ave',
  'Brinley Rd',
];

export const NARRATIVES = [
  'Met the person on a welfare check. Talked through treatment options and gave a resource card.',
  'Person asked for help at the station lobby. Called the provider together and arranged a first appointment.',
  'Follow-up visit after an overdose response. Offered naloxone kit and transport to treatment.',
  'Encountered during patrol; no charges filed. Person agreed to meet the co-responder tomorrow.',
  'Call for service about a person in distress. De-escalated; co-responder joined on scene.',
  'Outreach walk with the peer specialist. Shared shelter and food pantry information.',
  'Charges held in abeyance pending treatment intake. Explained the programme and next steps.',
  'Person declined services today but took the unit’s phone number.',
];

export const CLINICAL_NOTES = [
  'Presented calm and oriented. Reports daily use; interested in MOUD. Safety plan reviewed.',
  'Low mood for several weeks, denies current intent. Agreed to outpatient appointment.',
  'Withdrawal symptoms present. Discussed withdrawal management bed availability.',
  'Disclosed unsafe living situation. Offered DV advocate; person to consider.',
  'Engaged well; motivated for residential treatment. Warm hand-off arranged.',
];
