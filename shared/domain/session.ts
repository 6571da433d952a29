/** Inactivity lock: default and the bounds PRODUCT.md sets. */
export const IDLE_LOCK_DEFAULT_MINUTES = 15;
export const IDLE_LOCK_MIN_MINUTES = 1;
export const IDLE_LOCK_MAX_MINUTES = 30;

/** Whatever a file or an old store says, the lock waits 1–30 whole minutes (default 15). */
export function clampIdleLockMinutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return IDLE_LOCK_DEFAULT_MINUTES;
  return Math.min(IDLE_LOCK_MAX_MINUTES, Math.max(IDLE_LOCK_MIN_MINUTES, Math.round(value)));
}

/** Failed-login lockout. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 10;

export const DEFAULT_BANNER =
  'This system is for authorised use by department staff only. It contains confidential ' +
  'information protected by federal and state law, including 42 CFR Part 2. Use is monitored ' +
  'and recorded. Unauthorised access or disclosure may result in disciplinary action and ' +
  'criminal prosecution. By logging in you agree to these terms.';
