import type { ImportIssue } from '../../../shared/contract/providers';

/** Where a staged record came from: a CSV row or a place in a JSON document. */
export interface Origin {
  file: string;
  row: number | null;
  record: string | null;
}

export function issue(file: string, message: string, at: Partial<Omit<ImportIssue, 'file' | 'message'>> = {}): ImportIssue {
  return { file, row: at.row ?? null, record: at.record ?? null, field: at.field ?? null, message };
}

export function issueAt(origin: Origin, field: string | null, message: string): ImportIssue {
  return { file: origin.file, row: origin.row, record: origin.record, field, message };
}

/** A package that cannot be read at all (wrong encoding, not a zip, too big). */
export class ImportFailed extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('import failed');
    this.name = 'ImportFailed';
  }
}

export class Issues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  error(i: ImportIssue): void {
    this.errors.push(i);
  }

  warn(i: ImportIssue): void {
    this.warnings.push(i);
  }

  /** Runs `fn`; a file-level failure inside it becomes errors here and the rest goes on. */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof ImportFailed)) throw err;
      this.errors.push(...err.issues);
    }
  }
}

/** One line for a person: "services.csv row 4, organization_id: …". */
export function formatIssue(i: ImportIssue): string {
  const where = [i.file, i.row !== null ? `row ${i.row}` : null, i.record].filter(Boolean).join(' ');
  return `${where}${i.field ? `, ${i.field}` : ''}: ${i.message}`;
}
