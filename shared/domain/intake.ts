import type { VocabItem } from './vocab';

/** Vocabularies for people and contacts (PRODUCT.md "Vocabularies"). Codes are stable; labels may change. */

/** PTACC / BJA deflection pathways. */
export const PATHWAYS = [
  { code: 'self_referral', label: 'Self-referral' },
  { code: 'active_outreach', label: 'Active outreach' },
  { code: 'naloxone_plus', label: 'Naloxone plus' },
  { code: 'officer_prevention', label: 'Officer prevention (no charges)' },
  { code: 'officer_intervention', label: 'Officer intervention (charges held)' },
  { code: 'community_response', label: 'Community response' },
] as const satisfies readonly VocabItem[];
export type Pathway = (typeof PATHWAYS)[number]['code'];

export const DISPOSITIONS = [
  { code: 'warm_handoff', label: 'Referred with warm hand-off' },
  { code: 'referred_info', label: 'Referred (information given)' },
  { code: 'transported_treatment', label: 'Transported to treatment' },
  { code: 'transported_ed', label: 'Transported to emergency department' },
  { code: 'crisis_centre', label: 'Crisis centre' },
  { code: 'declined', label: 'Declined services' },
  { code: 'no_contact', label: 'No contact made' },
  { code: 'citation_abeyance', label: 'Citation / charges held in abeyance' },
  { code: 'arrest', label: 'Arrest' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly VocabItem[];
export type Disposition = (typeof DISPOSITIONS)[number]['code'];

/** The category of the charge that was deflected (not filed, or held in abeyance). */
export const CHARGE_CATEGORIES = [
  { code: 'drug_possession', label: 'Drug possession' },
  { code: 'paraphernalia', label: 'Drug paraphernalia' },
  { code: 'retail_theft', label: 'Retail theft' },
  { code: 'trespass', label: 'Trespass' },
  { code: 'disorderly_conduct', label: 'Disorderly conduct' },
  { code: 'public_intoxication', label: 'Public intoxication' },
  { code: 'prostitution', label: 'Prostitution / solicitation' },
  { code: 'criminal_damage', label: 'Criminal damage to property' },
  { code: 'other_misdemeanor', label: 'Other misdemeanour' },
  { code: 'other_felony', label: 'Other low-level felony' },
] as const satisfies readonly VocabItem[];
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number]['code'];

export const REFERRAL_SOURCES = [
  { code: 'patrol', label: 'Patrol officer' },
  { code: 'dispatch', label: '911 / dispatch call' },
  { code: 'self', label: 'The person themself' },
  { code: 'family_friend', label: 'Family or friend' },
  { code: 'community_partner', label: 'Community partner' },
  { code: 'hospital_ed', label: 'Hospital / emergency department' },
  { code: 'ems_fire', label: 'EMS / fire' },
  { code: 'court_probation', label: 'Court / probation' },
  { code: 'school', label: 'School' },
  { code: 'outreach', label: 'Outreach team' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly VocabItem[];
export type ReferralSource = (typeof REFERRAL_SOURCES)[number]['code'];

/** Sex as recorded (not gender identity). */
export const SEXES = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'x', label: 'X / another sex' },
  { code: 'unknown', label: 'Unknown' },
  { code: 'declined', label: 'Declined to answer' },
] as const satisfies readonly VocabItem[];

export const GENDER_IDENTITIES = [
  { code: 'woman', label: 'Woman' },
  { code: 'man', label: 'Man' },
  { code: 'transgender_woman', label: 'Transgender woman' },
  { code: 'transgender_man', label: 'Transgender man' },
  { code: 'non_binary', label: 'Non-binary' },
  { code: 'another', label: 'Another gender identity' },
  { code: 'unknown', label: 'Unknown' },
  { code: 'declined', label: 'Declined to answer' },
] as const satisfies readonly VocabItem[];

/** OMB SPD 15 (2024 revision): combined race and ethnicity question, multi-select, plus "declined". */
export const RACE_ETHNICITIES = [
  { code: 'american_indian_alaska_native', label: 'American Indian or Alaska Native' },
  { code: 'asian', label: 'Asian' },
  { code: 'black_african_american', label: 'Black or African American' },
  { code: 'hispanic_latino', label: 'Hispanic or Latino' },
  { code: 'middle_eastern_north_african', label: 'Middle Eastern or North African' },
  { code: 'native_hawaiian_pacific_islander', label: 'Native Hawaiian or Pacific Islander' },
  { code: 'white', label: 'White' },
  { code: 'declined', label: 'Declined to answer' },
] as const satisfies readonly VocabItem[];
export type RaceEthnicity = (typeof RACE_ETHNICITIES)[number]['code'];

export const VETERAN_STATUSES = [
  { code: 'yes', label: 'Veteran' },
  { code: 'no', label: 'Not a veteran' },
  { code: 'unknown', label: 'Unknown' },
  { code: 'declined', label: 'Declined to answer' },
] as const satisfies readonly VocabItem[];

export const HOUSING_STATUSES = [
  { code: 'stable', label: 'Stably housed' },
  { code: 'at_risk', label: 'Housed, at risk of losing housing' },
  { code: 'doubled_up', label: 'Staying with others (doubled up)' },
  { code: 'sheltered', label: 'Homeless, in a shelter' },
  { code: 'unsheltered', label: 'Homeless, unsheltered' },
  { code: 'transitional', label: 'Transitional housing' },
  { code: 'institution', label: 'Institution (hospital, jail, treatment)' },
  { code: 'unknown', label: 'Unknown' },
  { code: 'declined', label: 'Declined to answer' },
] as const satisfies readonly VocabItem[];

/** Preferred language: ISO 639 codes (ASL as `ase`). */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Spanish' },
  { code: 'ase', label: 'American Sign Language' },
  { code: 'ar', label: 'Arabic' },
  { code: 'zh', label: 'Chinese' },
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'el', label: 'Greek' },
  { code: 'gu', label: 'Gujarati' },
  { code: 'ht', label: 'Haitian Creole' },
  { code: 'hi', label: 'Hindi' },
  { code: 'it', label: 'Italian' },
  { code: 'ko', label: 'Korean' },
  { code: 'pl', label: 'Polish' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'ru', label: 'Russian' },
  { code: 'so', label: 'Somali' },
  { code: 'sw', label: 'Swahili' },
  { code: 'tl', label: 'Tagalog' },
  { code: 'uk', label: 'Ukrainian' },
  { code: 'ur', label: 'Urdu' },
  { code: 'vi', label: 'Vietnamese' },
  { code: 'yo', label: 'Yoruba' },
  { code: 'other', label: 'Another language' },
] as const satisfies readonly VocabItem[];

/** Limits shared by the form and the backend. */
export const INTAKE_LIMITS = {
  name: 60,
  alias: 60,
  aliases: 10,
  residenceArea: 80,
  phone: 30,
  description: 500,
  location: 200,
  cadNumber: 40,
  narrative: 10_000,
  clinicalNote: 10_000,
  followupNote: 1_000,
  officers: 6,
  naloxoneDoses: 20,
  /** A date of birth before this year is taken as a typing mistake. */
  earliestBirthYear: 1900,
} as const;
