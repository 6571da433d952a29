import type { ApiError, ErrorCode } from '../../shared/contract';

/** An error meant for the user: a code, a plain-words message and, where it applies, the field or fields. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Every field problem (path → message) when there are several; `field` and `message` are the first. */
    readonly fields?: Readonly<Record<string, string>>,
    /** When a time-limited refusal ends (ISO), e.g. an account lockout. */
    readonly retryAt?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** `invalid_input` naming every field of `fields` (at least one). */
  static invalid(fields: Readonly<Record<string, string>>): AppError {
    const [field, message] = Object.entries(fields)[0]!;
    return new AppError('invalid_input', message, field, fields);
  }

  toApi(): ApiError {
    const out: ApiError = { code: this.code, message: this.message };
    if (this.field) out.field = this.field;
    if (this.fields && Object.keys(this.fields).length) out.fields = { ...this.fields };
    else if (this.field && this.code === 'invalid_input') out.fields = { [this.field]: this.message };
    if (this.retryAt) out.retryAt = this.retryAt;
    return out;
  }
}

/**
 * Collects every problem of one input before refusing it, so the user sees them all at once instead of
 * one per save. The first message for a field wins. `check` runs a validator that throws an `invalid_input`
 * AppError naming a field (e.g. `requireActiveStaff`) and records its problem instead of stopping.
 */
export class Problems {
  private readonly found: Record<string, string> = {};

  add(field: string, message: string): void {
    this.found[field] ??= message;
  }

  /** Adds rule messages keyed by field names relative to `prefix` (e.g. `subject.person`). */
  addAll(messages: Readonly<Record<string, string>>, prefix = ''): void {
    for (const [field, message] of Object.entries(messages)) this.add(prefix ? `${prefix}.${field}` : field, message);
  }

  has(field: string): boolean {
    return field in this.found;
  }

  check(validate: () => unknown): void {
    try {
      validate();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_input' || !err.field) throw err;
      this.addAll(err.fields ?? { [err.field]: err.message });
    }
  }

  /** Refuses the input with every problem found, if there is any. */
  throwIfAny(): void {
    if (Object.keys(this.found).length) throw AppError.invalid(this.found);
  }
}
