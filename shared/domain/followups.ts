/** Why a follow-up's due date (YYYY-MM-DD) is refused on `today`, or null: a follow-up is about the near future. */
export function dueDateProblem(dueDate: string, today: string): string | null {
  if (dueDate < today) return 'The due date is in the past; choose today or a later date.';
  if (dueDate > `${Number(today.slice(0, 4)) + 5}-12-31`) return 'The due date is more than five years away; check the year.';
  return null;
}
