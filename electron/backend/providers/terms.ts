import { z } from 'zod';
import { DEFLECT_TAXONOMY_ID } from '../../../shared/domain/deflectTaxonomy';
import { SERVICE_TYPES, type ServiceType, suggestServiceTypes } from '../../../shared/domain/serviceTypes';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { reindex } from './derived';

/**
 * The coordinator's mapping from imported taxonomy terms (AIRS/211, Open Eligibility, a county's own
 * list…) to Deflect service types. A term mapped to nothing has been looked at and is not a service
 * type; a term with no mapping row is "unmapped" and listed for the coordinator.
 */

const storedTypes = z.array(z.enum(SERVICE_TYPES)).catch([]);

export interface TermRow {
  id: string;
  code: string | null;
  name: string;
  taxonomy: string | null;
  serviceTypes: ServiceType[];
  reviewed: boolean;
  suggested: ServiceType[];
  services: number;
}

export function listTerms(db: Db, unmappedOnly: boolean): TermRow[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.code, t.name, t.description, coalesce(tx.name, t.taxonomy) AS taxonomy, m.service_types,
              (SELECT count(DISTINCT a.link_id) FROM hsds_attribute a JOIN hsds_service s ON s.id = a.link_id WHERE a.taxonomy_term_id = t.id) AS services
         FROM hsds_taxonomy_term t
         LEFT JOIN hsds_taxonomy tx ON tx.id = t.taxonomy_id
         LEFT JOIN provider_term_mapping m ON m.term_id = t.id
        WHERE t.taxonomy_id IS NOT @deflect ${unmappedOnly ? 'AND m.term_id IS NULL' : ''}
        ORDER BY m.term_id IS NOT NULL, services DESC, t.name COLLATE NOCASE, t.id`,
    )
    .all({ deflect: DEFLECT_TAXONOMY_ID }) as Array<{
    id: string;
    code: string | null;
    name: string;
    description: string | null;
    taxonomy: string | null;
    service_types: string | null;
    services: number;
  }>;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    taxonomy: r.taxonomy,
    serviceTypes: r.service_types === null ? [] : storedTypes.parse(JSON.parse(r.service_types)),
    reviewed: r.service_types !== null,
    suggested: r.service_types === null ? suggestServiceTypes(`${r.name} ${r.description ?? ''}`) : [],
    services: r.services,
  }));
}

export function countUnmappedTerms(db: Db): number {
  return db
    .prepare(
      `SELECT count(*) FROM hsds_taxonomy_term t LEFT JOIN provider_term_mapping m ON m.term_id = t.id
        WHERE t.taxonomy_id IS NOT ? AND m.term_id IS NULL`,
    )
    .pluck()
    .get(DEFLECT_TAXONOMY_ID) as number;
}

export function mapTerm(db: Db, termId: string, types: readonly ServiceType[], by: string, at: string): void {
  const term = db.prepare('SELECT taxonomy_id FROM hsds_taxonomy_term WHERE id = ?').get(termId) as
    { taxonomy_id: string | null } | undefined;
  if (!term) throw new AppError('not_found', 'This taxonomy term is not in the directory.', 'termId');
  if (term.taxonomy_id === DEFLECT_TAXONOMY_ID)
    throw new AppError('conflict', 'Deflect’s own terms are mapped already and cannot be changed.', 'termId');
  const ordered = SERVICE_TYPES.filter((t) => types.includes(t));
  db.prepare(
    `INSERT INTO provider_term_mapping (term_id, service_types, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(term_id) DO UPDATE SET service_types = excluded.service_types, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(termId, JSON.stringify(ordered), at, by);
  reindex(db);
}
