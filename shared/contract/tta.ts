import { z } from 'zod';
import { ANSWER_TYPES, QUARTER, TTA_LIMITS as L } from '../domain/tta';
import { staffRefSchema, vocab } from './fields';
import { id, procedure, requiredLine } from './procedure';

/** TTA performance metrics: the TTA provider's questions, answered once per quarter by the coordinator. */

const WRITERS = ['coordinator', 'admin'] as const;

export const quarterSchema = z
  .string({ error: 'Quarter: choose a quarter such as 2026-Q4.' })
  .regex(QUARTER, 'Quarter: choose a quarter such as 2026-Q4.')
  .refine((q) => q >= '2000-Q1' && q <= '2099-Q4', 'Quarter: choose a quarter between 2000 and 2099.');

export const answerValueSchema = z.union([z.number(), z.boolean(), z.string().max(L.text)], {
  error: 'Answer with a number, yes or no, or words.',
});

export const ttaQuestionSchema = z.object({
  id,
  position: z.number().int(),
  text: z.string(),
  answerType: z.string(),
  /** Retired questions are no longer asked; their earlier answers are kept. */
  active: z.boolean(),
  /** In how many quarters it has been answered (its answer type is fixed once it has any). */
  answeredQuarters: z.number().int(),
});
export type TtaQuestion = z.infer<typeof ttaQuestionSchema>;

export const ttaAnswerSchema = z.object({
  value: z.union([z.number(), z.boolean(), z.string()]),
  /** The question's wording when it was answered. */
  questionText: z.string(),
  answeredAt: z.string(),
  answeredBy: staffRefSchema.nullable(),
});

export const ttaQuarterSchema = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  /** The department's current quarter (answers for later quarters are refused). */
  current: z.string(),
  /** Active questions, and retired ones answered in this quarter. */
  items: z.array(z.object({ question: ttaQuestionSchema, answer: ttaAnswerSchema.nullable() })),
  /** Every question, retired ones too, in order (for the question editor). */
  questions: z.array(ttaQuestionSchema),
  /** Quarters with answers, newest first. */
  quarters: z.array(z.object({ quarter: z.string(), answers: z.number().int() })),
});
export type TtaQuarter = z.infer<typeof ttaQuarterSchema>;

export const ttaQuestionInputSchema = z.strictObject({
  /** Absent for a new question. */
  id: id.optional(),
  text: requiredLine(L.question, 'Question'),
  answerType: vocab(ANSWER_TYPES, 'Answer type'),
  active: z.boolean().default(true),
});

export const ttaContract = {
  /** The questions and this quarter's answers (default: the current quarter). */
  'tta.quarter': procedure({
    input: z.strictObject({ quarter: quarterSchema.optional() }),
    output: ttaQuarterSchema,
    access: WRITERS,
    kind: 'query',
  }),
  /** Saves answers for one quarter; `null` clears an answer. Every problem is named by its row. */
  'tta.saveAnswers': procedure({
    input: z.strictObject({
      quarter: quarterSchema,
      answers: z
        .array(z.strictObject({ questionId: id, value: answerValueSchema.nullable() }))
        .max(L.questions, `At most ${L.questions} answers at once.`),
    }),
    output: ttaQuarterSchema,
    access: WRITERS,
    kind: 'mutation',
  }),
  /**
   * The whole list of questions in order: edits, new ones (no id), retired ones (`active: false`). A
   * question with answers cannot be dropped or change its answer type; retire it instead.
   */
  'tta.saveQuestions': procedure({
    input: z.strictObject({
      questions: z
        .array(ttaQuestionInputSchema)
        .min(1, 'Questions: keep at least one question.')
        .max(L.questions, `Questions: at most ${L.questions}.`),
    }),
    output: z.object({ questions: z.array(ttaQuestionSchema) }),
    access: WRITERS,
    kind: 'mutation',
  }),
} as const;
