import { INTAKE_LIMITS } from './intake';

/** How a person is named on screen: "Last, First", else their first alias in quotes, else "Unnamed person". */
export function personDisplayName(p: { firstName: string; lastName: string; aliases: readonly string[] }): string {
  const first = p.firstName.trim();
  const last = p.lastName.trim();
  if (first && last) return `${last}, ${first}`;
  if (first || last) return first || last;
  const alias = p.aliases[0]?.trim();
  return alias ? `“${alias}”` : 'Unnamed person';
}

/** A person's details as the rules below need them. */
export interface PersonRuleValues {
  firstName: string;
  lastName: string;
  aliases: readonly string[];
  dateOfBirth: string | null;
  birthYear: number | null;
}

/**
 * The rules a person's details must meet together and against today's date (YYYY-MM-DD), beyond each
 * field's own format: field name → message, every problem at once. The backend applies them on every
 * save; forms apply them before sending, with the window's clock, so all problems show on the first try.
 */
export function personProblems(v: PersonRuleValues, today: string, contactDate?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => (out[field] ??= message);
  if (!v.firstName.trim() && !v.lastName.trim() && v.aliases.length === 0) {
    add(
      'lastName',
      'Enter a first or last name, or an alias / street name. For someone who gives no name, record an unidentified person instead.',
    );
  }
  const year = Number(today.slice(0, 4));
  if (v.dateOfBirth) {
    if (v.dateOfBirth > today) add('dateOfBirth', 'Date of birth cannot be in the future.');
    else if (v.dateOfBirth < `${INTAKE_LIMITS.earliestBirthYear}-01-01`)
      add('dateOfBirth', `Date of birth must be in ${INTAKE_LIMITS.earliestBirthYear} or later; check the year.`);
    else if (contactDate && v.dateOfBirth > contactDate) add('dateOfBirth', 'Date of birth is after the date of the contact.');
    if (v.birthYear !== null && v.birthYear !== Number(v.dateOfBirth.slice(0, 4)))
      add('birthYear', 'Year of birth does not agree with the date of birth.');
  } else if (v.birthYear !== null) {
    if (v.birthYear > year) add('birthYear', 'Year of birth cannot be in the future.');
    else if (contactDate && v.birthYear > Number(contactDate.slice(0, 4)))
      add('birthYear', 'Year of birth is after the date of the contact.');
  }
  return out;
}
