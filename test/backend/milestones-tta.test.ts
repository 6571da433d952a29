import { beforeEach, describe, expect, it } from 'vitest';
import { setUpUnit, type Unit } from './intake-helpers';

let unit: Unit;
beforeEach(async () => {
  unit = await setUpUnit();
  await unit.as('coordinator');
});

async function answerRows(): Promise<number> {
  return (await unit.call('system.status', {})).tables.tta_answers ?? -1;
}

describe('TTA performance metrics', () => {
  it('keeps answers per quarter, and refuses bad answers naming each row, saving nothing', async () => {
    const now = await unit.call('tta.quarter', {});
    expect(now).toMatchObject({ quarter: '2026-Q4', current: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    const byText = (t: string) => now.items.find((i) => i.question.text.startsWith(t))!.question;
    const trained = byText('Number of officers trained');
    const mou = byText('Were any new MOUs');
    const barriers = byText('Main barriers');

    const refused = await unit.fail('tta.saveAnswers', {
      quarter: '2026-Q4',
      answers: [
        { questionId: trained.id, value: 'twelve' },
        { questionId: mou.id, value: 3 },
        { questionId: barriers.id, value: 'Staffing over the holidays.' },
      ],
    });
    expect(refused.fields).toEqual({
      'answers.0.value': 'Number of officers trained in deflection this quarter: answer with a number.',
      'answers.1.value': 'Were any new MOUs or data-sharing agreements signed this…: answer yes or no.',
    });
    const negative = await unit.fail('tta.saveAnswers', { quarter: '2026-Q4', answers: [{ questionId: trained.id, value: -2 }] });
    expect(negative.fields).toEqual({
      'answers.0.value': 'Number of officers trained in deflection this quarter: the number cannot be negative.',
    });
    const future = await unit.fail('tta.saveAnswers', { quarter: '2027-Q1', answers: [{ questionId: trained.id, value: 2 }] });
    expect(future).toMatchObject({ field: 'quarter' });
    expect(future.message).toMatch(/has not started yet/);
    expect(await answerRows()).toBe(0);

    const saved = await unit.call('tta.saveAnswers', {
      quarter: '2026-Q4',
      answers: [
        { questionId: trained.id, value: 14 },
        { questionId: mou.id, value: true },
        { questionId: barriers.id, value: '  Staffing over the holidays.  ' },
      ],
    });
    const answerOf = (q: { id: string }) => saved.items.find((i) => i.question.id === q.id)!.answer;
    expect(answerOf(trained)).toMatchObject({ value: 14, answeredBy: { id: unit.ids.coordinator } });
    expect(answerOf(mou)!.value).toBe(true);
    expect(answerOf(barriers)!.value).toBe('Staffing over the holidays.');

    await unit.call('tta.saveAnswers', { quarter: '2026-Q3', answers: [{ questionId: trained.id, value: 9 }] });
    const q3 = await unit.call('tta.quarter', { quarter: '2026-Q3' });
    expect(q3.items.find((i) => i.question.id === trained.id)!.answer!.value).toBe(9);
    expect(q3.items.find((i) => i.question.id === mou.id)!.answer).toBeNull();
    expect(q3.quarters).toEqual([
      { quarter: '2026-Q4', answers: 3 },
      { quarter: '2026-Q3', answers: 1 },
    ]);

    // An empty answer clears it.
    await unit.call('tta.saveAnswers', { quarter: '2026-Q4', answers: [{ questionId: barriers.id, value: null }] });
    expect(await answerRows()).toBe(3);

    await unit.as('coresponder');
    expect((await unit.fail('tta.quarter', {})).code).toBe('forbidden');
  });

  it('lets the coordinator edit the questions; answered ones keep their wording and type, and are retired, not deleted', async () => {
    const start = await unit.call('tta.quarter', {});
    const [first, second, ...rest] = start.questions;
    await unit.call('tta.saveAnswers', { quarter: '2026-Q4', answers: [{ questionId: first!.id, value: 14 }] });
    const asInput = (q: typeof first) => ({ id: q!.id, text: q!.text, answerType: q!.answerType as 'number', active: q!.active });

    const typeChange = await unit.fail('tta.saveQuestions', {
      questions: [{ ...asInput(first), answerType: 'text' }, asInput(second), ...rest.map(asInput)],
    });
    expect(typeChange.fields?.['questions.0.answerType']).toMatch(/has answers/);
    const dropAnswered = await unit.fail('tta.saveQuestions', { questions: [asInput(second), ...rest.map(asInput)] });
    expect(dropAnswered.fields?.questions).toMatch(/cannot be deleted; retire it instead/);
    const duplicate = await unit.fail('tta.saveQuestions', {
      questions: [asInput(first), { text: first!.text.toUpperCase(), answerType: 'number' }, ...rest.map(asInput)],
    });
    expect(duplicate.fields?.['questions.1.text']).toBe('Question: the same as question 1.');

    const saved = await unit.call('tta.saveQuestions', {
      questions: [
        { ...asInput(first), text: 'Officers trained in deflection (this quarter)', active: false },
        { text: 'Number of naloxone kits distributed by officers', answerType: 'number' },
        ...rest.map(asInput),
      ],
    });
    expect(saved.questions.map((q) => q.text).slice(0, 2)).toEqual([
      'Officers trained in deflection (this quarter)',
      'Number of naloxone kits distributed by officers',
    ]);
    expect(saved.questions).toHaveLength(start.questions.length); // the unanswered second question was deleted

    // The retired question still shows in the quarter it was answered, with the wording it was answered under.
    const q4 = await unit.call('tta.quarter', {});
    const retired = q4.items.find((i) => i.question.id === first!.id)!;
    expect(retired.question.active).toBe(false);
    expect(retired.answer).toMatchObject({ value: 14, questionText: first!.text });
    const q3 = await unit.call('tta.quarter', { quarter: '2026-Q3' });
    expect(q3.items.find((i) => i.question.id === first!.id)).toBeUndefined();
  });
});
