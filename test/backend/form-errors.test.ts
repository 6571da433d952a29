import { beforeAll, describe, expect, it } from 'vitest';
import { contactFields, intakeRowCounts, setUpUnit, type Unit } from './intake-helpers';

/**
 * A refused call names every problem of its input at once (`fields`), not one per attempt: the
 * contract's own checks and the rules beyond them (dates against the clock, staff, the person).
 */
let unit: Unit;
beforeAll(async () => {
  unit = await setUpUnit();
});

describe('every problem at once', () => {
  it('the contract reports each invalid field, with the first one also as field/message', async () => {
    const error = await unit.fail('people.create', {
      person: { firstName: 'x'.repeat(61), zip: '6042', phone: 'call me maybe', sex: 'M' },
    });
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['person.firstName', 'person.phone', 'person.sex', 'person.zip']);
    expect(error.fields!['person.zip']).toBe('ZIP code: enter 5 digits, or leave it empty.');
    expect(error.field).toBe('person.firstName');
    expect(error.message).toBe(error.fields!['person.firstName']);
  });

  it('an empty intake names the person, pathway, referral source, disposition and officers together', async () => {
    const error = await unit.fail('contacts.create', { contact: { occurredAt: '2026-11-28T08:00:00-06:00' } });
    expect(Object.keys(error.fields ?? {})).toEqual(
      expect.arrayContaining([
        'subject',
        'contact.pathway',
        'contact.referralSource',
        'contact.disposition',
        'contact.officerIds',
      ]),
    );
  });

  it('a contact in 1901 and a date of birth in 2031 are both reported, with the follow-up, and nothing is written', async () => {
    const before = await intakeRowCounts(unit);
    const error = await unit.fail('contacts.create', {
      subject: { kind: 'new', person: { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '2031-05-01' } },
      contact: contactFields(unit.ids.officer, { occurredAt: '1901-11-28T08:00:00-06:00' }),
      followup: { dueDate: '2026-11-01', assigneeId: unit.ids.officer },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual({
      'contact.occurredAt': 'The date of the contact must be in 2000 or later; check the year.',
      'subject.person.dateOfBirth': 'Date of birth cannot be in the future.',
      'followup.dueDate': 'The due date is in the past; choose today or a later date.',
    });
    expect(await intakeRowCounts(unit)).toEqual(before);
  });

  it('editing a person: every format problem in one answer, then every rule problem in one answer', async () => {
    const { person } = await unit.call('people.create', { person: { firstName: 'Ilsa', lastName: 'Marrow' } });
    const error = await unit.fail('people.update', {
      id: person.id,
      version: person.version,
      changes: { firstName: '', lastName: '', zip: '123', phone: 'call me' },
    });
    // The format checks and the rule beyond them come in two passes; the window runs both before sending.
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['changes.phone', 'changes.zip']);
    const fixedFormat = await unit.fail('people.update', {
      id: person.id,
      version: person.version,
      changes: { firstName: '', lastName: '', dateOfBirth: '1850-01-01' },
    });
    expect(fixedFormat.fields).toEqual({
      'changes.lastName': expect.stringContaining('Enter a first or last name'),
      'changes.dateOfBirth': 'Date of birth must be in 1900 or later; check the year.',
    });
  });

  it('a taken username and a weak password are reported together', async () => {
    const error = await unit.fail('users.create', {
      username: 'officer',
      displayName: 'Someone Else',
      role: 'officer',
      password: 'short',
    });
    expect(error.fields).toEqual({
      username: 'This username is already taken.',
      password: 'Use at least 12 characters.',
    });
  });

  it('an empty username says it is required, and an empty clinical note is refused', async () => {
    const error = await unit.fail('users.create', { username: '', displayName: '', role: 'officer', password: '' });
    expect(error.fields?.username).toBe('Username is required.');
    expect(error.fields?.displayName).toBe('Display name is required.');
    const saved = await unit.call('contacts.create', {
      subject: { kind: 'anonymous', description: 'Man in a red jacket near the station' },
      contact: contactFields(unit.ids.officer),
    });
    const empty = await unit.fail('contacts.setClinicalNote', { id: saved.contact.id, clinicalNote: '   ' });
    expect(empty.fields?.clinicalNote).toMatch(/cannot be empty/);
  });

  it('a negative naloxone count is refused with a message, not turned positive', async () => {
    const error = await unit.fail('contacts.create', {
      subject: { kind: 'anonymous', description: 'Woman at the bus shelter' },
      contact: contactFields(unit.ids.officer, { naloxoneDoses: -3 }),
    });
    expect(error.fields).toEqual({ 'contact.naloxoneDoses': 'Naloxone doses cannot be negative.' });
  });

  it('settings refuse a state written out and a phone that is not a number', async () => {
    const error = await unit.fail('settings.update', {
      department: { name: 'Testville Police Department', state: 'Illinois', phone: 'call me' },
    });
    expect(error.fields).toEqual({
      'department.state': 'State: choose a state from the list.',
      'department.phone': 'Phone: enter a number such as (312) 555-0100, or leave it empty.',
    });
    await unit.call('settings.update', { department: { name: 'Testville Police Department', state: 'IL', phone: '911' } });
  });
});
