import { HSDS_TABLE_LABELS, HSDS_TABLES, type HsdsRecord, type HsdsTable } from '../../../shared/contract/hsdsSpec';
import { type Issues, type Origin, issueAt } from './issues';

/** One record read from a package, before it is checked against the directory. */
export interface Staged {
  table: HsdsTable;
  record: HsdsRecord;
  /** Fields the package actually carries; the others keep their stored value on update. */
  provided: Set<string>;
  origin: Origin;
}

function describe(o: Origin): string {
  if (o.row !== null) return `row ${o.row}`;
  return o.record ?? 'elsewhere in the file';
}

/** Every staged record by table and id. A tabular id may appear once; a JSON record may repeat if it agrees. */
export class Staging {
  readonly tables = new Map<HsdsTable, Map<string, Staged>>(HSDS_TABLES.map((t) => [t, new Map()]));
  readonly counts = new Map<string, number>();

  constructor(private readonly issues: Issues) {}

  get(table: HsdsTable, id: string): Staged | undefined {
    return this.tables.get(table)!.get(id);
  }

  all(table: HsdsTable): Staged[] {
    return [...this.tables.get(table)!.values()];
  }

  add(s: Staged, mode: 'unique' | 'merge'): Staged {
    this.counts.set(s.origin.file, (this.counts.get(s.origin.file) ?? 0) + 1);
    const id = s.record.id;
    if (typeof id !== 'string') return s;
    const existing = this.get(s.table, id);
    if (!existing) {
      this.tables.get(s.table)!.set(id, s);
      return s;
    }
    if (mode === 'unique') {
      this.issues.error(
        issueAt(
          s.origin,
          'id',
          `id ${id} is used twice in this file (also ${describe(existing.origin)}); each ${HSDS_TABLE_LABELS[s.table]} needs its own id`,
        ),
      );
      return existing;
    }
    for (const field of s.provided) {
      const a = existing.record[field] ?? null;
      const b = s.record[field] ?? null;
      if (b === null) continue;
      if (a === null || !existing.provided.has(field)) {
        existing.record[field] = b;
        existing.provided.add(field);
      } else if (a !== b) {
        this.issues.error(
          issueAt(
            s.origin,
            field,
            `${HSDS_TABLE_LABELS[s.table]} ${id} appears more than once with different values for ${field} (see ${describe(existing.origin)})`,
          ),
        );
      }
    }
    return existing;
  }
}
