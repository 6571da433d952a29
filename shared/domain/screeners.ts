/**
 * Screening instruments (PRODUCT.md "Screeners"): items, answer scales, scoring and the positive threshold.
 * Item prompts are short plain-words paraphrases for the interviewer; the full instruments and their
 * guidance are published by their authors (CAGE-AID: Brown & Rounds 1995; PHQ-2: Kroenke et al. 2003;
 * TVIT: Vera Institute of Justice 2014).
 */

export const SCREENER_CODES = ['cage_aid', 'phq2', 'tvit'] as const;
export type ScreenerCode = (typeof SCREENER_CODES)[number];

export interface AnswerOption<V extends string | number> {
  readonly value: V;
  readonly label: string;
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;
const YES_NO_DECLINED = [...YES_NO, { value: 'declined', label: 'Declined' }] as const;
const PHQ_SCALE = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
] as const;

export type YesNo = (typeof YES_NO)[number]['value'];
export type YesNoDeclined = (typeof YES_NO_DECLINED)[number]['value'];
export type PhqValue = (typeof PHQ_SCALE)[number]['value'];

export interface ScreenerDef<V extends string | number> {
  readonly code: ScreenerCode;
  readonly label: string;
  readonly summary: string;
  readonly preamble: string;
  readonly items: readonly string[];
  readonly options: readonly AnswerOption<V>[];
  /** Score from a complete answer list. */
  score(answers: readonly V[]): number;
  readonly maxScore: number;
  /** The rule in plain words, shown beside the result. */
  readonly rule: string;
  isPositive(score: number): boolean;
  /** What a positive result means, in a few words (clinical: shown only to those who hold the clinical key). */
  readonly flag: string;
}

const countYes = (answers: readonly string[]) => answers.filter((a) => a === 'yes').length;

export const CAGE_AID: ScreenerDef<YesNo> = {
  code: 'cage_aid',
  label: 'CAGE-AID',
  summary: 'Alcohol and drug use (4 questions)',
  preamble: 'Thinking about your use of alcohol or other drugs, in your lifetime:',
  items: [
    'Have you ever felt you ought to cut down on your drinking or drug use?',
    'Have people annoyed you by criticising your drinking or drug use?',
    'Have you ever felt bad or guilty about your drinking or drug use?',
    'Have you ever had a drink or used drugs first thing in the morning to steady your nerves or get rid of a hangover (eye-opener)?',
  ],
  options: YES_NO,
  score: countYes,
  maxScore: 4,
  rule: 'Positive with 1 or more "yes" answers.',
  isPositive: (score) => score >= 1,
  flag: 'Substance use screen positive',
};

export const PHQ2: ScreenerDef<PhqValue> = {
  code: 'phq2',
  label: 'PHQ-2',
  summary: 'Depression (2 questions)',
  preamble: 'Over the last 2 weeks, how often have you been bothered by:',
  items: ['Little interest or pleasure in doing things?', 'Feeling down, depressed or hopeless?'],
  options: PHQ_SCALE,
  score: (answers) => answers.reduce<number>((sum, a) => sum + a, 0),
  maxScore: 6,
  rule: 'Positive with a score of 3 or more (of 6).',
  isPositive: (score) => score >= 3,
  flag: 'Depression screen positive',
};

export const TVIT: ScreenerDef<YesNoDeclined> = {
  code: 'tvit',
  label: 'TVIT short form',
  summary: 'Trafficking indicators (16 core questions)',
  preamble: "Ask in private, without the person's companions present. About any work or living situation:",
  items: [
    'Did you ever work somewhere you were not allowed to leave when you wanted to?',
    'Has anyone kept your ID, passport or other papers from you?',
    'Has anyone threatened you or your family if you tried to leave?',
    'Has anyone hurt you, or made you fear being hurt, to make you work or stay?',
    'Do you owe money to an employer or to the person who brought you here that you cannot pay off?',
    'Were you lied to about the kind of work, the pay or the conditions?',
    'Were you made to do work you did not agree to?',
    'Has anyone taken all or most of the money you earned?',
    'Has anyone made you trade sex for money, a place to stay, food or drugs?',
    'Has anyone arranged for you to have sex with others and kept the money or things given?',
    'Does your employer, or someone else, decide where you live or sleep?',
    'Is your phone, your movement or your contact with family or friends watched or controlled?',
    'Were you ever afraid to leave because of what might happen to you or someone you care about?',
    'Has anyone said they would report you to the police or immigration if you left or did not obey?',
    'Has anyone given you, or kept you from, alcohol or drugs to keep you working?',
    'Were you ever made to commit a crime as part of your work or living situation?',
  ],
  options: YES_NO_DECLINED,
  score: countYes,
  maxScore: 16,
  rule: 'Positive (trafficking indicators) with 1 or more "yes" answers; follow with the full interview.',
  isPositive: (score) => score >= 1,
  flag: 'Trafficking indicators',
};

export const SCREENERS = { cage_aid: CAGE_AID, phq2: PHQ2, tvit: TVIT } as const;
export type ScreenerAnswer<C extends ScreenerCode> = (typeof SCREENERS)[C] extends ScreenerDef<infer V> ? V : never;

export interface ScreeningResult {
  score: number;
  positive: boolean;
}

export function scoreScreening(code: ScreenerCode, answers: readonly (string | number)[]): ScreeningResult {
  const def = SCREENERS[code] as ScreenerDef<string | number>;
  const score = def.score(answers);
  return { score, positive: def.isPositive(score) };
}

/** "the question", "both questions", "all 4 questions". */
export function allQuestions(count: number): string {
  return count === 1 ? 'the question' : count === 2 ? 'both questions' : `all ${count} questions`;
}
