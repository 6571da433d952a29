import { randomUUID } from 'node:crypto';
import type { TtaQuarter, TtaQuestion, ttaContract } from '../../../shared/contract/tta';
import { answerProblemFor, type AnswerValue, quarterOf, quarterRange, quarterLabel } from '../../../shared/domain/tta';
import { labelOf } from '../../../shared/domain/vocab';
import { ANSWER_TYPES } from '../../../shared/domain/tta';
import type { Db } from '../db/open';
import { AppError, Problems } from '../errors';
import { staffNames } from '../intake/repo';
import type { HandlersFor } from '../router';
import { departmentClock } from '../calendar';

/** TTA performance metrics: the questions (editable, retired rather than deleted once answered) and answers per quarter. */

interface QuestionRow {
  id: string;
  position: number;
  text: string;
  answer_type: string;
  active: number;
  answered: number;
}

function loadQuestions(db: Db): TtaQuestion[] {
  const rows = db
    .prepare(
      `SELECT q.*, (SELECT count(*) FROM tta_answers a WHERE a.question_id = q.id) AS answered
         FROM tta_questions q ORDER BY q.position, q.created_at`,
    )
    .all() as QuestionRow[];
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    text: r.text,
    answerType: r.answer_type,
    active: r.active === 1,
    answeredQuarters: r.answered,
  }));
}

/** The answers of one quarter, by question id: what the TTA data package exports. */
export function ttaAnswers(db: Db, quarter: string) {
  const staff = staffNames(db);
  const rows = db.prepare('SELECT * FROM tta_answers WHERE quarter = ?').all(quarter) as {
    question_id: string;
    question_text: string;
    value: string;
    answered_at: string;
    answered_by: string | null;
  }[];
  return new Map(
    rows.map((r) => [
      r.question_id,
      {
        value: JSON.parse(r.value) as AnswerValue,
        questionText: r.question_text,
        answeredAt: r.answered_at,
        answeredBy: staff(r.answered_by),
      },
    ]),
  );
}

function quarterView(db: Db, quarter: string, current: string): TtaQuarter {
  const questions = loadQuestions(db);
  const answers = ttaAnswers(db, quarter);
  const quarters = db
    .prepare('SELECT quarter, count(*) AS answers FROM tta_answers GROUP BY quarter ORDER BY quarter DESC')
    .all() as { quarter: string; answers: number }[];
  return {
    quarter,
    ...quarterRange(quarter),
    current,
    items: questions
      .filter((q) => q.active || answers.has(q.id))
      .map((question) => ({ question, answer: answers.get(question.id) ?? null })),
    questions,
    quarters,
  };
}

function refuseFuture(quarter: string, current: string): void {
  if (quarter > current) {
    throw new AppError(
      'invalid_input',
      `Quarter: ${quarterLabel(quarter)} has not started yet; answer it once it has.`,
      'quarter',
    );
  }
}

export const ttaHandlers: HandlersFor<typeof ttaContract> = {
  'tta.quarter': (ctx, input) => {
    const current = quarterOf(departmentClock(ctx.db, ctx.backend.now()).today);
    const quarter = input.quarter ?? current;
    refuseFuture(quarter, current);
    return quarterView(ctx.db, quarter, current);
  },

  'tta.saveAnswers': (ctx, input) => {
    const db = ctx.db;
    const current = quarterOf(departmentClock(db, ctx.backend.now()).today);
    refuseFuture(input.quarter, current);
    const questions = new Map(loadQuestions(db).map((q) => [q.id, q]));
    const existing = ttaAnswers(db, input.quarter);
    const problems = new Problems();
    const seen = new Set<string>();
    input.answers.forEach((a, i) => {
      const q = questions.get(a.questionId);
      if (!q) problems.add(`answers.${i}.questionId`, 'This question no longer exists; reload the page.');
      else if (seen.has(a.questionId)) problems.add(`answers.${i}.questionId`, 'This question is answered twice.');
      else if (!q.active && !existing.has(q.id) && a.value !== null) {
        problems.add(`answers.${i}.value`, 'This question has been retired; it is no longer answered.');
      } else {
        const value = typeof a.value === 'string' ? a.value.trim() : a.value;
        const problem = answerProblemFor(q, value === '' ? null : value);
        if (problem) problems.add(`answers.${i}.value`, problem);
      }
      seen.add(a.questionId);
    });
    problems.throwIfAny();
    const at = ctx.backend.nowIso();
    const upsert = db.prepare(
      `INSERT INTO tta_answers (quarter, question_id, question_text, value, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (quarter, question_id) DO UPDATE SET question_text = excluded.question_text, value = excluded.value,
         answered_at = excluded.answered_at, answered_by = excluded.answered_by`,
    );
    const clear = db.prepare('DELETE FROM tta_answers WHERE quarter = ? AND question_id = ?');
    let changed = 0;
    for (const a of input.answers) {
      const q = questions.get(a.questionId)!;
      const value = typeof a.value === 'string' ? a.value.trim() : a.value;
      const before = existing.get(q.id);
      if (value === null || value === '') {
        if (before) changed += clear.run(input.quarter, q.id).changes;
        continue;
      }
      if (before && JSON.stringify(before.value) === JSON.stringify(value)) continue;
      upsert.run(input.quarter, q.id, before?.questionText ?? q.text, JSON.stringify(value), at, ctx.user.id);
      changed++;
    }
    ctx.audit.targetType = 'tta_quarter';
    ctx.audit.targetId = input.quarter;
    ctx.audit.detail = { changed };
    return quarterView(db, input.quarter, current);
  },

  'tta.saveQuestions': (ctx, input) => {
    const db = ctx.db;
    const before = new Map(loadQuestions(db).map((q) => [q.id, q]));
    const problems = new Problems();
    const texts = new Map<string, number>();
    input.questions.forEach((q, i) => {
      const key = q.text.toLowerCase().replace(/\s+/g, ' ');
      if (texts.has(key)) problems.add(`questions.${i}.text`, `Question: the same as question ${texts.get(key)! + 1}.`);
      texts.set(key, i);
      if (!q.id) return;
      const old = before.get(q.id);
      if (!old) problems.add(`questions.${i}.text`, 'This question no longer exists; reload the page.');
      else if (old.answeredQuarters > 0 && old.answerType !== q.answerType) {
        problems.add(
          `questions.${i}.answerType`,
          `Answer type: this question has answers (${labelOf(ANSWER_TYPES, old.answerType).toLowerCase()}), so its type stays. Retire it and add a new question instead.`,
        );
      }
    });
    const kept = new Set(input.questions.map((q) => q.id).filter(Boolean));
    const dropped = [...before.values()].filter((q) => !kept.has(q.id));
    for (const q of dropped) {
      if (q.answeredQuarters > 0) {
        problems.add('questions', `“${q.text}” has answers, so it cannot be deleted; retire it instead (untick “Asked”).`);
      }
    }
    problems.throwIfAny();
    const at = ctx.backend.nowIso();
    const user = ctx.user.id;
    for (const q of dropped) db.prepare('DELETE FROM tta_questions WHERE id = ?').run(q.id);
    const update = db.prepare(
      'UPDATE tta_questions SET position = ?, text = ?, answer_type = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?',
    );
    const insert = db.prepare(
      `INSERT INTO tta_questions (id, position, text, answer_type, active, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    let edited = 0;
    input.questions.forEach((q, i) => {
      const old = q.id ? before.get(q.id) : undefined;
      if (old) {
        const same = old.position === i + 1 && old.text === q.text && old.answerType === q.answerType && old.active === q.active;
        if (!same) {
          update.run(i + 1, q.text, q.answerType, q.active ? 1 : 0, at, user, old.id);
          edited++;
        }
      } else {
        insert.run(randomUUID(), i + 1, q.text, q.answerType, q.active ? 1 : 0, at, user, at, user);
        added++;
      }
    });
    ctx.audit.detail = { added, edited, deleted: dropped.length };
    return { questions: loadQuestions(db) };
  },
};
