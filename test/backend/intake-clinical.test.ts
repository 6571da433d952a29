import { beforeAll, describe, expect, it } from 'vitest';
import { contract, type ProcedureName } from '../../shared/contract';
import { CLINICAL_ROLES } from '../../shared/domain/roles';
import { contactFields, intakeRowCounts, setUpUnit, type Unit } from './intake-helpers';

const NOTE = 'Clinical marker: reports low mood, safety plan reviewed';
let unit: Unit;
let contactId: string;
let personId: string;

beforeAll(async () => {
  unit = await setUpUnit();
  await unit.as('coresponder');
  const saved = await unit.call('contacts.create', {
    subject: { kind: 'new', person: { firstName: 'Talora', lastName: 'Benick', dateOfBirth: '1979-03-02' } },
    contact: contactFields(unit.ids.officer, {
      coResponderId: unit.ids.coresponder,
      clinicalNote: NOTE,
      needs: ['mental_health', 'commercial_sex'],
    }),
    screenings: [
      { instrument: 'phq2', answers: [2, 3] },
      { instrument: 'cage_aid', answers: ['no', 'no', 'no', 'no'] },
      { instrument: 'tvit', answers: ['no', 'yes', ...Array<'no'>(14).fill('no')] },
    ],
  });
  contactId = saved.contact.id;
  personId = saved.person!.id;
});

/** Fails if any key that carries clinical content appears anywhere in a value. */
function expectNoClinicalContent(value: unknown): void {
  const json = JSON.stringify(value);
  expect(json).not.toContain('Clinical marker');
  expect(json).not.toMatch(/"(answers|score|positive|clinicalNote)"/);
  expect(json).not.toMatch(/"screenedPositive":\d/);
}

describe('clinical notes and screening answers', () => {
  it('are scored and readable by the co-responder who wrote them', async () => {
    const clinical = await unit.call('contacts.clinical', { id: contactId });
    expect(clinical.clinicalNote).toBe(NOTE);
    const byInstrument = Object.fromEntries(clinical.screenings.map((s) => [s.instrument, s]));
    expect(byInstrument.phq2).toMatchObject({ answers: [2, 3], score: 5, positive: true });
    expect(byInstrument.cage_aid).toMatchObject({ score: 0, positive: false });
    expect(byInstrument.tvit).toMatchObject({ score: 1, positive: true });
  });

  it('are readable by coordinators and admins too', async () => {
    for (const role of ['coordinator', 'admin'] as const) {
      await unit.as(role);
      expect((await unit.call('contacts.clinical', { id: contactId })).clinicalNote).toBe(NOTE);
    }
  });

  it('show officers only that a note exists and which screenings were done, by whom and when — not their results', async () => {
    await unit.as('officer');
    const { contact } = await unit.call('contacts.get', { id: contactId });
    expect(contact.hasClinicalNote).toBe(true);
    expect(contact.screenings.map((s) => [s.instrument, s.administeredBy?.id]).sort()).toEqual([
      ['cage_aid', unit.ids.coresponder],
      ['phq2', unit.ids.coresponder],
      ['tvit', unit.ids.coresponder],
    ]);
    expectNoClinicalContent(contact);
    for (const s of contact.screenings) expect(s).not.toHaveProperty('positive');
  });

  it('are refused to an officer who asks directly, and the refusal is audited', async () => {
    await unit.as('officer');
    const refused = await unit.fail('contacts.clinical', { id: contactId });
    expect(refused.code).toBe('forbidden');
    await unit.as('admin');
    const { entries } = await unit.call('audit.list', { action: 'contacts.clinical', limit: 10 });
    expect(entries.some((e) => e.outcome === 'denied' && e.userId === unit.ids.officer)).toBe(true);
  });

  it('cannot be written by an officer, and a refused intake writes nothing', async () => {
    await unit.as('officer');
    const before = await intakeRowCounts(unit);
    const withNote = await unit.fail('contacts.create', {
      subject: { kind: 'anonymous', description: 'Tall, green backpack' },
      contact: contactFields(unit.ids.officer, { clinicalNote: 'Officer guesswork' }),
    });
    expect(withNote).toMatchObject({ code: 'forbidden', field: 'contact.clinicalNote' });
    const withScreening = await unit.fail('contacts.create', {
      subject: { kind: 'anonymous', description: 'Tall, green backpack' },
      contact: contactFields(unit.ids.officer),
      screenings: [{ instrument: 'phq2', answers: [0, 0] }],
    });
    expect(withScreening).toMatchObject({ code: 'forbidden', field: 'screenings' });
    expect((await unit.fail('screenings.record', { contactId, screening: { instrument: 'phq2', answers: [0, 0] } })).code).toBe(
      'forbidden',
    );
    expect((await unit.fail('contacts.setClinicalNote', { id: contactId, clinicalNote: 'x' })).code).toBe('forbidden');
    expect(await intakeRowCounts(unit)).toEqual(before);
  });

  it('never reach an officer through any procedure an officer may call', async () => {
    await unit.as('officer');
    const inputs: unknown[] = [
      {},
      { id: contactId },
      { id: personId },
      { query: 'Talora Benick' },
      { query: 'Benick', dateOfBirth: '1979-03-02' },
      { contactId },
      { formKey: 'intake' },
    ];
    const open = (Object.keys(contract) as ProcedureName[]).filter((name) => {
      const access = contract[name].access;
      return contract[name].kind === 'query' && (access === 'session' || (access !== 'public' && access.includes('officer')));
    });
    let answered = 0;
    for (const name of open) {
      for (const input of inputs) {
        const result = await unit.router.call(name, input);
        if (!result.ok) continue;
        answered++;
        expectNoClinicalContent(result.value);
      }
    }
    // The check must have actually seen the contact: through contacts.get, the timeline, the dashboard.
    expect(answered).toBeGreaterThan(5);
  });

  it('are served only by procedures closed to officers', () => {
    for (const name of ['contacts.clinical', 'contacts.setClinicalNote', 'screenings.record'] as const) {
      expect(contract[name].access).toEqual(CLINICAL_ROLES);
    }
  });
});
