/** How a person is named on screen: "Last, First", else their first alias in quotes, else "Unnamed person". */
export function personDisplayName(p: { firstName: string; lastName: string; aliases: readonly string[] }): string {
  const first = p.firstName.trim();
  const last = p.lastName.trim();
  if (first && last) return `${last}, ${first}`;
  if (first || last) return first || last;
  const alias = p.aliases[0]?.trim();
  return alias ? `“${alias}”` : 'Unnamed person';
}
