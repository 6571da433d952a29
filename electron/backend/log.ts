/**
 * The only logging the backend does. It writes the error's kind and stack frames, never
 * its message text: SQLite and validation messages can quote the data being saved.
 */
export function logError(context: string, err: unknown): void {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const frames = (err.stack ?? '').split('\n').slice(1, 6).join('\n');
    console.error(`[deflect] ${context}: ${err.name}${typeof code === 'string' ? ` (${code})` : ''}\n${frames}`);
  } else {
    console.error(`[deflect] ${context}: non-error value thrown`);
  }
}
