import { HSDS_SPEC, HSDS_TABLE_LABELS, HSDS_TABLES } from '../../../shared/contract/hsdsSpec';
import type { ImportIssue, ImportPlan } from '../../../shared/contract/providers';
import { DEFLECT_TAXONOMY_ID, DEFLECT_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import type { Db } from '../db/open';
import { reindex } from './derived';
import { type PackageRead, readPackage } from './read';
import { type Issues, issueAt } from './issues';
import type { PackageSource } from './files';
import type { Staged, Staging } from './staging';
import { ensureDeflectTaxonomy, exists, getRecord, insertRecord, recordLabel, updateRecord } from './store';

/**
 * Checks staged records against each other and the directory (links must resolve), works out what
 * each record would do (add, update which fields, or nothing), and applies it. Applying happens only
 * inside the caller's transaction and only when there is no error, so an import is all or nothing.
 */

const MAX_LISTED_ERRORS = 500;
const MAX_LISTED_CHANGES = 1000;

interface Decision {
  staged: Staged;
  action: 'add' | 'update' | 'unchanged';
  fields: string[];
}

/** Deflect's own taxonomy and terms are always in the directory (written with the first import or edit). */
function builtIn(table: string, id: string): boolean {
  return (table === 'taxonomy_term' && DEFLECT_TERM_IDS.has(id)) || (table === 'taxonomy' && id === DEFLECT_TAXONOMY_ID);
}

function checkLinks(db: Db, staging: Staging, issues: Issues): void {
  for (const table of HSDS_TABLES) {
    const refs = HSDS_SPEC[table].fields.filter((f) => f.ref);
    if (refs.length === 0) continue;
    for (const s of staging.all(table)) {
      for (const f of refs) {
        const target = s.record[f.name];
        if (typeof target !== 'string' || !s.provided.has(f.name)) continue;
        if (staging.get(f.ref!, target) || exists(db, f.ref!, target) || builtIn(f.ref!, target)) continue;
        const what = HSDS_TABLE_LABELS[f.ref!];
        if (f.required) {
          issues.error(
            issueAt(
              s.origin,
              f.name,
              `${f.name} refers to ${what} ${target}, which is neither in this package nor in the directory.`,
            ),
          );
        } else {
          issues.warn(
            issueAt(
              s.origin,
              f.name,
              `${f.name} refers to ${what} ${target}, which is neither in this package nor in the directory; the link is kept.`,
            ),
          );
        }
      }
    }
  }
}

function decide(db: Db, staging: Staging): Decision[] {
  const out: Decision[] = [];
  for (const table of HSDS_TABLES) {
    for (const staged of staging.all(table)) {
      const stored = getRecord(db, table, staged.record.id as string);
      if (!stored) {
        out.push({ staged, action: 'add', fields: [] });
        continue;
      }
      const fields = [...staged.provided].filter((f) => f !== 'id' && (staged.record[f] ?? null) !== (stored[f] ?? null));
      out.push({ staged, action: fields.length ? 'update' : 'unchanged', fields });
    }
  }
  return out;
}

function countUnmapped(db: Db, staging: Staging): number {
  const mapped = new Set(db.prepare('SELECT term_id FROM provider_term_mapping').pluck().all() as string[]);
  const terms = new Set(
    db.prepare('SELECT id FROM hsds_taxonomy_term WHERE taxonomy_id IS NOT ?').pluck().all(DEFLECT_TAXONOMY_ID) as string[],
  );
  for (const s of staging.all('taxonomy_term')) {
    if (s.record.taxonomy_id !== DEFLECT_TAXONOMY_ID) terms.add(s.record.id as string);
  }
  return [...terms].filter((t) => !mapped.has(t)).length;
}

export interface PreparedImport {
  plan: ImportPlan;
  decisions: Decision[];
}

/** Validates a read package against the directory and works out what it would change. Read-only. */
export function prepareImport(db: Db, source: PackageSource, read: PackageRead = readPackage(source)): PreparedImport {
  const { issues, staging, files } = read;
  checkLinks(db, staging, issues);
  const decisions = issues.errors.length ? [] : decide(db, staging);
  const tables = HSDS_TABLES.map((table) => {
    const ds = decisions.filter((d) => d.staged.table === table);
    return {
      table,
      added: ds.filter((d) => d.action === 'add').length,
      updated: ds.filter((d) => d.action === 'update').length,
      unchanged: ds.filter((d) => d.action === 'unchanged').length,
    };
  }).filter((t) => t.added + t.updated + t.unchanged > 0);
  const changes = decisions
    .filter((d) => d.action !== 'unchanged')
    .slice(0, MAX_LISTED_CHANGES)
    .map((d) => ({
      table: d.staged.table,
      id: d.staged.record.id as string,
      label: recordLabel(d.staged.record),
      action: d.action as 'add' | 'update',
      fields: d.fields,
    }));
  const sum = (k: 'added' | 'updated' | 'unchanged') => tables.reduce((n, t) => n + t[k], 0);
  return {
    decisions,
    plan: {
      format: source.kind,
      files: files.map((f) => ({ ...f, records: staging.counts.get(f.name) ?? 0 })),
      errors: issues.errors.slice(0, MAX_LISTED_ERRORS),
      errorCount: issues.errors.length,
      warnings: issues.warnings.slice(0, MAX_LISTED_ERRORS),
      tables,
      changes,
      totals: { added: sum('added'), updated: sum('updated'), unchanged: sum('unchanged') },
      unmappedTerms: countUnmapped(db, staging),
    },
  };
}

/** The plan for a package that could not even be read (not a zip, too big, not UTF-8). */
export function unreadablePlan(kind: PackageSource['kind'], name: string, errors: ImportIssue[]): ImportPlan {
  return {
    format: kind,
    files: [{ name, table: null, records: 0 }],
    errors,
    errorCount: errors.length,
    warnings: [],
    tables: [],
    changes: [],
    totals: { added: 0, updated: 0, unchanged: 0 },
    unmappedTerms: 0,
  };
}

/** Writes an error-free prepared import. Call inside a transaction. */
export function applyImport(db: Db, prepared: PreparedImport): void {
  if (prepared.plan.errorCount > 0) throw new Error('refusing to apply an import with errors');
  for (const d of prepared.decisions) {
    const { table, record, provided } = d.staged;
    if (d.action === 'add') insertRecord(db, table, record);
    else if (d.action === 'update') updateRecord(db, table, record.id as string, record, provided);
  }
  // After the package's own rows (it may carry these terms itself); links to them are checked at commit.
  ensureDeflectTaxonomy(db);
  reindex(db);
}
