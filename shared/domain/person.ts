/** How a person is named on screen: "Last, First", else their first alias in quotes, else "Unnamed person". */
export function personDisplayName(p: { firstName: string; lastName: string; aliases: readonly string[] }): string {
  const first = p.firstName.trim();
  const last = p.lastName.trim();
  if (first && last) return `${last}, ${first}`;
  if (first || last) return first || last;
  const alias = p.aliases[0]?.trim();
  return alias ? `“${alias}”` : 'Unnamed person';
}

/** A date of birth as shown: the exact date, "born 1985 (approx.)", or empty. */
export function formatBirth(p: { dateOfBirth: string | null; birthYear: number | null }): string {
  if (p.dateOfBirth) return p.dateOfBirth;
  if (p.birthYear) return `born ${p.birthYear} (approx.)`;
  return '';
}
