import type { ApiError, ErrorCode } from '../../shared/contract';

/** An error meant for the user: a code, a plain-words message and, where it applies, the field. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApi(): ApiError {
    return this.field
      ? { code: this.code, message: this.message, field: this.field }
      : { code: this.code, message: this.message };
  }
}
