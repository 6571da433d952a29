import { beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { contactFields, intakeRowCounts, NEW_PERSON, recordNewPerson, setUpUnit, type Unit } from './intake-helpers';

type CreateInput = InputOf<'contacts.create'>;

let unit: Unit;
let existingId: string;

beforeAll(async () => {
  unit = await setUpUnit();
  await unit.as('coresponder');
  const first = await recordNewPerson(unit, { firstName: 'Kelia', lastName: 'Vorton', dateOfBirth: '2001-05-05' });
  existingId = first.person!.id;
});

function newPersonInput(
  person: Record<string, unknown> = {},
  contact: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): CreateInput {
  return {
    subject: { kind: 'new', person: { ...NEW_PERSON, ...person }, allowDuplicate: true },
    contact: { ...contactFields(unit.ids.officer), ...contact },
    ...extra,
  } as CreateInput;
}

const long = (n: number) => 'x'.repeat(n);

/** Each case: an input that breaks one rule, and the field the error must name. */
const cases: { rule: string; input: () => unknown; field: string; message?: RegExp }[] = [
  {
    rule: 'contact in the future',
    input: () => newPersonInput({}, { occurredAt: '2026-11-29T08:00:00-06:00' }),
    field: 'contact.occurredAt',
    message: /future/,
  },
  {
    rule: 'contact decades ago',
    input: () => newPersonInput({}, { occurredAt: '1926-11-28T08:00:00-06:00' }),
    field: 'contact.occurredAt',
    message: /2000 or later/,
  },
  {
    rule: 'contact time missing its offset',
    input: () => newPersonInput({}, { occurredAt: '2026-11-28 08:00' }),
    field: 'contact.occurredAt',
  },
  {
    rule: 'date of birth in the future',
    input: () => newPersonInput({ dateOfBirth: '2027-01-01' }),
    field: 'subject.person.dateOfBirth',
    message: /future/,
  },
  {
    rule: 'date of birth after the contact',
    input: () => newPersonInput({ dateOfBirth: '2026-11-28' }, { occurredAt: '2026-11-27T23:00:00-06:00' }),
    field: 'subject.person.dateOfBirth',
    message: /after the date of the contact/,
  },
  {
    rule: 'year of birth after the contact',
    input: () => newPersonInput({ dateOfBirth: null, birthYear: 2026 }, { occurredAt: '2025-06-01T10:00:00-05:00' }),
    field: 'subject.person.birthYear',
  },
  {
    rule: 'year of birth in the future',
    input: () => newPersonInput({ dateOfBirth: null, birthYear: 2030 }),
    field: 'subject.person.birthYear',
    message: /future/,
  },
  {
    rule: 'year of birth disagrees with date of birth',
    input: () => newPersonInput({ birthYear: 1990 }),
    field: 'subject.person.birthYear',
  },
  { rule: 'not a real date', input: () => newPersonInput({ dateOfBirth: '1990-02-30' }), field: 'subject.person.dateOfBirth' },
  {
    rule: 'date of birth before 1900',
    input: () => newPersonInput({ dateOfBirth: '1899-12-31' }),
    field: 'subject.person.dateOfBirth',
  },
  {
    rule: 'no name at all',
    input: () => newPersonInput({ firstName: '', lastName: '' }),
    field: 'subject.person.lastName',
    message: /unidentified person/,
  },
  {
    rule: 'unknown pathway',
    input: () => newPersonInput({}, { pathway: 'arrest_anyway' }),
    field: 'contact.pathway',
    message: /choose one of the listed options/,
  },
  { rule: 'unknown need', input: () => newPersonInput({}, { needs: ['opioid_use', 'astrology'] }), field: 'contact.needs.1' },
  { rule: 'need listed twice', input: () => newPersonInput({}, { needs: ['housing', 'housing'] }), field: 'contact.needs' },
  { rule: 'unknown disposition', input: () => newPersonInput({}, { disposition: 'jailed' }), field: 'contact.disposition' },
  {
    rule: 'unknown referral source',
    input: () => newPersonInput({}, { referralSource: 'rumour' }),
    field: 'contact.referralSource',
  },
  {
    rule: 'unknown charge category',
    input: () => newPersonInput({}, { chargeCategory: 'jaywalking' }),
    field: 'contact.chargeCategory',
  },
  { rule: 'unknown sex code', input: () => newPersonInput({ sex: 'M' }), field: 'subject.person.sex' },
  {
    rule: 'unknown race code',
    input: () => newPersonInput({ raceEthnicity: ['martian'] }),
    field: 'subject.person.raceEthnicity.0',
  },
  {
    rule: 'declined combined with a race',
    input: () => newPersonInput({ raceEthnicity: ['declined', 'white'] }),
    field: 'subject.person.raceEthnicity',
    message: /cannot be combined/,
  },
  {
    rule: 'unknown language',
    input: () => newPersonInput({ preferredLanguage: 'klingon' }),
    field: 'subject.person.preferredLanguage',
  },
  {
    rule: 'unknown housing status',
    input: () => newPersonInput({ housingStatus: 'castle' }),
    field: 'subject.person.housingStatus',
  },
  { rule: 'bad ZIP', input: () => newPersonInput({ zip: '6042' }), field: 'subject.person.zip' },
  { rule: 'letters in phone', input: () => newPersonInput({ phone: 'call me maybe' }), field: 'subject.person.phone' },
  {
    rule: 'overlong first name',
    input: () => newPersonInput({ firstName: long(61) }),
    field: 'subject.person.firstName',
    message: /at most 60/,
  },
  { rule: 'overlong alias', input: () => newPersonInput({ aliases: [long(61)] }), field: 'subject.person.aliases.0' },
  {
    rule: 'too many aliases',
    input: () => newPersonInput({ aliases: Array.from({ length: 11 }, (_, i) => `Alias ${i}`) }),
    field: 'subject.person.aliases',
  },
  {
    rule: 'overlong narrative',
    input: () => newPersonInput({}, { narrative: long(10_001) }),
    field: 'contact.narrative',
    message: /10,000/,
  },
  { rule: 'overlong location', input: () => newPersonInput({}, { location: long(201) }), field: 'contact.location' },
  { rule: 'overlong CAD number', input: () => newPersonInput({}, { cadNumber: long(41) }), field: 'contact.cadNumber' },
  {
    rule: 'control characters in location',
    input: () => newPersonInput({}, { location: 'Main St\u0007' }),
    field: 'contact.location',
  },
  {
    rule: 'overlong description of an unidentified person',
    input: () => ({ subject: { kind: 'anonymous', description: long(501) }, contact: contactFields(unit.ids.officer) }),
    field: 'subject.description',
  },
  { rule: 'negative naloxone doses', input: () => newPersonInput({}, { naloxoneDoses: -1 }), field: 'contact.naloxoneDoses' },
  {
    rule: 'charges held without a charge',
    input: () => newPersonInput({}, { chargesHeldInAbeyance: true }),
    field: 'contact.chargeCategory',
  },
  {
    rule: 'citation disposition without a charge',
    input: () => newPersonInput({}, { disposition: 'citation_abeyance' }),
    field: 'contact.chargeCategory',
  },
  { rule: 'no officer', input: () => newPersonInput({}, { officerIds: [] }), field: 'contact.officerIds' },
  {
    rule: 'unknown officer',
    input: () => newPersonInput({}, { officerIds: ['00000000-0000-4000-8000-000000000000'] }),
    field: 'contact.officerIds.0',
  },
  {
    rule: 'co-responder who is an officer',
    input: () => newPersonInput({}, { coResponderId: unit.ids.officer }),
    field: 'contact.coResponderId',
  },
  { rule: 'unknown field', input: () => newPersonInput({}, { favouriteColour: 'blue' }), field: 'contact.favouriteColour' },
  {
    rule: 'follow-up due in the past',
    input: () => newPersonInput({}, {}, { followup: { dueDate: '2026-11-27', assigneeId: unit.ids.officer } }),
    field: 'followup.dueDate',
    message: /past/,
  },
  {
    rule: 'follow-up for an unknown assignee',
    input: () =>
      newPersonInput({}, {}, { followup: { dueDate: '2026-12-01', assigneeId: '00000000-0000-4000-8000-000000000000' } }),
    field: 'followup.assigneeId',
  },
  {
    rule: 'follow-up for an unidentified person',
    input: () => ({
      subject: { kind: 'anonymous', description: 'Tall, red cap' },
      contact: contactFields(unit.ids.officer),
      followup: { dueDate: '2026-12-01', assigneeId: unit.ids.officer },
    }),
    field: 'followup',
  },
  {
    rule: 'contact before an existing person was born',
    input: () => ({
      subject: { kind: 'existing', personId: existingId },
      contact: contactFields(unit.ids.officer, { occurredAt: '2001-01-01T10:00:00-06:00' }),
    }),
    field: 'contact.occurredAt',
    message: /before this person/,
  },
  {
    rule: 'existing person that does not exist',
    input: () => ({
      subject: { kind: 'existing', personId: '00000000-0000-4000-8000-000000000000' },
      contact: contactFields(unit.ids.officer),
    }),
    field: 'subject.personId',
  },
  {
    rule: 'screening with too few answers',
    input: () => newPersonInput({}, {}, { screenings: [{ instrument: 'cage_aid', answers: ['yes', 'no'] }] }),
    field: 'screenings.0.answers',
    message: /all 4/,
  },
  {
    rule: 'PHQ-2 answer out of range',
    input: () => newPersonInput({}, {}, { screenings: [{ instrument: 'phq2', answers: [1, 4] }] }),
    field: 'screenings.0.answers.1',
  },
  {
    rule: 'unknown screening instrument',
    input: () => newPersonInput({}, {}, { screenings: [{ instrument: 'horoscope', answers: [] }] }),
    field: 'screenings.0.instrument',
  },
  {
    rule: 'same screening twice',
    input: () =>
      newPersonInput(
        {},
        {},
        {
          screenings: [
            { instrument: 'phq2', answers: [0, 0] },
            { instrument: 'phq2', answers: [1, 1] },
          ],
        },
      ),
    field: 'screenings',
  },
  {
    rule: 'overlong clinical note',
    input: () => newPersonInput({}, { clinicalNote: long(10_001) }),
    field: 'contact.clinicalNote',
  },
];

describe('contacts.create refuses bad input with the field named and writes nothing', () => {
  it.each(cases)('$rule', async ({ input, field, message }) => {
    const before = await intakeRowCounts(unit);
    const auditBefore = (await unit.call('system.status', {})).tables.audit_log ?? 0;
    const error = await unit.fail('contacts.create', input());
    expect(error.code === 'invalid_input' || error.code === 'not_found').toBe(true);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
    if (message) expect(error.message).toMatch(message);
    expect(await intakeRowCounts(unit)).toEqual(before);
    // Bad input is not a security event (no audit row); a reference to a record that does not exist is.
    expect((await unit.call('system.status', {})).tables.audit_log).toBe(auditBefore + (error.code === 'invalid_input' ? 0 : 1));
  });

  it('accepts the same intake once the mistake is fixed', async () => {
    const before = await intakeRowCounts(unit);
    const saved = await unit.call('contacts.create', newPersonInput({ firstName: 'Sorelia', lastName: 'Tamwen' }));
    expect(saved.contact.personName).toBe('Tamwen, Sorelia');
    const after = await intakeRowCounts(unit);
    expect(after.contacts).toBe(before.contacts! + 1);
    expect(after.persons).toBe(before.persons! + 1);
  });
});

describe('people.create and people.update validate the same rules', () => {
  it('refuses a future date of birth on create, naming person.dateOfBirth', async () => {
    const error = await unit.fail('people.create', {
      person: { firstName: 'Mira', lastName: 'Selwen', dateOfBirth: '2030-01-01' },
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'person.dateOfBirth' });
  });

  it('refuses an overlong last name on update and leaves the record as it was', async () => {
    const { person } = await unit.call('people.get', { id: existingId });
    const error = await unit.fail('people.update', { id: existingId, version: person.version, changes: { lastName: long(61) } });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'changes.lastName' });
    const again = await unit.call('people.get', { id: existingId });
    expect(again.person).toEqual(person);
    expect((await unit.call('people.history', { id: existingId })).entries).toHaveLength(0);
  });

  it('refuses to clear every name on update', async () => {
    const { person } = await unit.call('people.get', { id: existingId });
    const error = await unit.fail('people.update', {
      id: existingId,
      version: person.version,
      changes: { firstName: '', lastName: '' },
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'changes.lastName' });
  });
});
