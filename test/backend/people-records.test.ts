import { beforeEach, describe, expect, it } from 'vitest';
import { contactFields, intakeRowCounts, NOW, recordNewPerson, setUpUnit, type Unit } from './intake-helpers';

let unit: Unit;
beforeEach(async () => {
  unit = await setUpUnit();
  await unit.as('coresponder');
});

describe('duplicate warning on create', () => {
  it('refuses a near-duplicate (two letters swapped, same date of birth) until the user confirms', async () => {
    const first = await unit.call('people.create', {
      person: { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' },
    });
    const near = { firstName: 'Ravito', lastName: 'Qeundell', dateOfBirth: '1988-04-12' };
    const { candidates } = await unit.call('people.findDuplicates', { person: near });
    expect(candidates.map((c) => c.id)).toEqual([first.person.id]);
    expect(candidates[0]!.reasons).toContain('date of birth');

    const before = await intakeRowCounts(unit);
    const refused = await unit.fail('people.create', { person: near });
    expect(refused).toMatchObject({ code: 'conflict', field: 'person.lastName' });
    expect(refused.message).toContain('Quendell, Ravito');
    expect(await intakeRowCounts(unit)).toEqual(before);

    const viaIntake = await unit.fail('contacts.create', {
      subject: { kind: 'new', person: near },
      contact: contactFields(unit.ids.officer),
    });
    expect(viaIntake).toMatchObject({ code: 'conflict', field: 'subject.person.lastName' });

    const confirmed = await unit.call('people.create', { person: near, allowDuplicate: true });
    expect(confirmed.person.id).not.toBe(first.person.id);
  });

  it('does not flag a different person with a similar name but another date of birth', async () => {
    await unit.call('people.create', { person: { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' } });
    const { candidates } = await unit.call('people.findDuplicates', {
      person: { firstName: 'Ravita', lastName: 'Quendale', dateOfBirth: '1960-09-30' },
    });
    expect(candidates).toEqual([]);
  });
});

describe('editing a person', () => {
  it('keeps a history of who changed which field when, with old and new values', async () => {
    const { person } = await recordNewPerson(unit, {
      firstName: 'Kelia',
      lastName: 'Vorton',
      dateOfBirth: '1990-06-01',
      housingStatus: 'stable',
    });
    unit.clock.now = NOW + 60_000;
    const updated = await unit.call('people.update', {
      id: person!.id,
      version: person!.version,
      changes: { housingStatus: 'unsheltered', aliases: ['Kel'], phone: '(708) 555-0142', firstName: 'Kelia' },
    });
    expect(updated.changed.sort()).toEqual(['aliases', 'housingStatus', 'phone']);
    expect(updated.person).toMatchObject({ housingStatus: 'unsheltered', aliases: ['Kel'], version: person!.version + 1 });

    const { entries } = await unit.call('people.history', { id: person!.id });
    const housing = entries.find((e) => e.field === 'housingStatus')!;
    expect(housing).toMatchObject({
      oldValue: 'stable',
      newValue: 'unsheltered',
      source: 'edit',
      by: { id: unit.ids.coresponder },
    });
    expect(housing.at).toBe(new Date(NOW + 60_000).toISOString());

    // The audit log names the fields, never the values.
    await unit.as('admin');
    const audit = (await unit.call('audit.list', { action: 'people.update', limit: 5 })).entries[0]!;
    expect(audit.targetId).toBe(person!.id);
    expect(JSON.stringify(audit)).not.toMatch(/unsheltered|555-0142|Kel"/);
    expect(audit.detail.fields).toContain('housingStatus');
  });

  it('refuses a stale edit when someone else saved first', async () => {
    const { person } = await recordNewPerson(unit);
    await unit.call('people.update', { id: person!.id, version: person!.version, changes: { zip: '60426' } });
    const stale = await unit.fail('people.update', { id: person!.id, version: person!.version, changes: { zip: '60419' } });
    expect(stale).toMatchObject({ code: 'conflict', field: 'version' });
    expect((await unit.call('people.get', { id: person!.id })).person.zip).toBe('60426');
  });

  it('turns an exact date of birth into a year only when asked', async () => {
    const { person } = await recordNewPerson(unit);
    const { person: after } = await unit.call('people.update', {
      id: person!.id,
      version: 1,
      changes: { dateOfBirth: null, birthYear: 1987 },
    });
    expect(after).toMatchObject({ dateOfBirth: null, birthYear: 1987 });
  });
});

describe('merging two records of the same person', () => {
  it('moves contacts and follow-ups, fills empty fields, keeps the other name as an alias, and records it all', async () => {
    const a = await recordNewPerson(unit, { firstName: 'Talora', lastName: 'Benick' });
    const b = await unit.call('contacts.create', {
      subject: {
        kind: 'new',
        person: { firstName: 'Tallora', lastName: 'Benick', dateOfBirth: '1979-03-02', phone: '708 555 0100' },
        allowDuplicate: true,
      },
      contact: contactFields(unit.ids.officer, { occurredAt: '2026-11-20T10:00:00-06:00' }),
      followup: { dueDate: '2026-12-02', assigneeId: unit.ids.officer, note: 'Check on detox bed' },
    });
    const survivorId = a.person!.id;
    const mergedId = b.person!.id;

    const { person, merge } = await unit.call('people.merge', { survivorId, mergedId, reason: 'Same date of birth and address' });
    expect(person).toMatchObject({ dateOfBirth: '1979-03-02', phone: '708 555 0100', aliases: ['Tallora Benick'] });
    expect(merge).toMatchObject({ survivorId, mergedId, mergedName: 'Benick, Tallora', moved: { contacts: 1, followups: 1 } });
    expect(merge.fieldsFilled.sort()).toEqual(['dateOfBirth', 'phone']);

    const timeline = await unit.call('people.timeline', { id: survivorId });
    expect(timeline.items.filter((i) => i.kind === 'contact')).toHaveLength(2);
    expect(timeline.items.filter((i) => i.kind === 'followup')).toHaveLength(1);
    expect(timeline.items.find((i) => i.kind === 'merge')).toBeTruthy();

    const old = await unit.call('people.get', { id: mergedId });
    expect(old.person.mergedInto).toBe(survivorId);
    const history = await unit.call('people.history', { id: survivorId });
    expect(
      history.entries
        .filter((e) => e.source === 'merge')
        .map((e) => e.field)
        .sort(),
    ).toEqual(['aliases', 'dateOfBirth', 'phone']);

    // Recording a new contact against the old record lands on the survivor.
    const later = await unit.call('contacts.create', {
      subject: { kind: 'existing', personId: mergedId },
      contact: contactFields(unit.ids.officer),
    });
    expect(later.contact.personId).toBe(survivorId);

    await unit.as('admin');
    const audit = (await unit.call('audit.list', { action: 'people.merge', limit: 1 })).entries[0]!;
    expect(audit).toMatchObject({
      targetId: survivorId,
      outcome: 'success',
      detail: { mergedId, moved_contacts: 1, moved_followups: 1 },
    });
  });

  it('refuses to merge a record into itself, or twice, and officers may not merge', async () => {
    const a = (await recordNewPerson(unit, { firstName: 'Mira', lastName: 'Selwen' })).person!;
    const b = (await recordNewPerson(unit, { firstName: 'Mira', lastName: 'Selwenn' })).person!;
    expect(await unit.fail('people.merge', { survivorId: a.id, mergedId: a.id, reason: 'x' })).toMatchObject({
      code: 'invalid_input',
      field: 'mergedId',
    });
    await unit.as('officer');
    expect((await unit.fail('people.merge', { survivorId: a.id, mergedId: b.id, reason: 'Same' })).code).toBe('forbidden');
    await unit.as('coordinator');
    await unit.call('people.merge', { survivorId: a.id, mergedId: b.id, reason: 'Same' });
    expect(await unit.fail('people.merge', { survivorId: a.id, mergedId: b.id, reason: 'Same' })).toMatchObject({
      code: 'conflict',
      field: 'mergedId',
    });
  });
});

describe('unidentified people', () => {
  it('records a contact with a description only and links it to a person later', async () => {
    await unit.as('officer');
    const anon = await unit.call('contacts.create', {
      subject: { kind: 'anonymous', description: 'Man about 40, red cap, walks with a cane' },
      contact: contactFields(unit.ids.officer),
    });
    expect(anon.contact).toMatchObject({
      personId: null,
      personName: null,
      anonymousDescription: 'Man about 40, red cap, walks with a cane',
    });
    expect(anon.person).toBeNull();
    const { person } = await unit.call('people.create', { person: { aliases: ['Red Cap'] } });
    expect(person.displayName).toBe('“Red Cap”');
    const linked = await unit.call('contacts.linkPerson', { id: anon.contact.id, personId: person.id });
    expect(linked.contact.personId).toBe(person.id);
    expect((await unit.fail('contacts.linkPerson', { id: anon.contact.id, personId: person.id })).code).toBe('conflict');
    const timeline = await unit.call('people.timeline', { id: person.id });
    expect(timeline.items.map((i) => i.kind)).toEqual(['contact']);
  });
});
