import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { serviceEditSchema } from '../../shared/contract/providers';
import { errorAt, maxLengthAt, moveFields, schemaErrors } from '../../renderer/src/ui/fieldErrors';

/** The pure parts of the window's one form mechanism (renderer/src/ui/form.ts), against the real contract. */
describe('form mechanism', () => {
  it('finds every problem the contract names, one message per field', () => {
    const errors = schemaErrors(contract['users.create'].input, { username: '', displayName: '', role: 'chief', password: '' });
    expect(errors).toEqual({
      username: 'Username is required.',
      displayName: 'Display name is required.',
      role: 'Choose a role.',
    });
  });

  it('shows a nested error on its field, and a list item on the list', () => {
    const errors = { 'contact.needs.2': 'Needs: choose one of the listed options.', 'contact.pathway': 'Pathway: …' };
    expect(errorAt(errors, 'contact.needs')).toBe('Needs: choose one of the listed options.');
    expect(errorAt(errors, 'contact.pathway')).toBe('Pathway: …');
    expect(errorAt(errors, 'contact.narrative')).toBeUndefined();
  });

  it('reads the maximum length of a text field from the contract, through defaults, pipes and lists', () => {
    expect(maxLengthAt(contract['auth.setup'].input, 'department.name')).toBe(120);
    expect(maxLengthAt(contract['auth.setup'].input, 'department.phone')).toBe(40);
    expect(maxLengthAt(contract['settings.update'].input, 'banner')).toBe(2000);
    expect(maxLengthAt(contract['contacts.setClinicalNote'].input, 'clinicalNote')).toBe(10_000);
    expect(maxLengthAt(serviceEditSchema, 'phones.0.number')).toBe(40);
    expect(maxLengthAt(serviceEditSchema, 'address.city')).toBe(100);
    expect(maxLengthAt(contract['users.create'].input, 'role')).toBeUndefined();
    expect(maxLengthAt(contract['users.create'].input, 'no.such.field')).toBeUndefined();
  });

  it('moves the fields of a refusal to where the form shows them', () => {
    const error = {
      code: 'invalid_input' as const,
      message: 'CAGE-AID question 2: answer yes or no.',
      field: 'screening.answers.1',
      fields: { 'screening.answers.1': 'CAGE-AID question 2: answer yes or no.' },
    };
    expect(moveFields(error, 'screening', 'screenings.1')).toMatchObject({
      field: 'screenings.1.answers.1',
      fields: { 'screenings.1.answers.1': 'CAGE-AID question 2: answer yes or no.' },
    });
    expect(moveFields({ code: 'invalid_input', message: 'x', field: 'name' }, '', 'org').fields).toEqual({ 'org.name': 'x' });
  });
});
