import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { DEFLECT_TERMS } from '../../../shared/domain/deflectTaxonomy';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import { getMeta, setMeta } from '../system/settings';

/**
 * Tables derived from the HSDS records for fast search and filtering: each service's service types
 * (from its attributes through the Deflect terms and the coordinator's mapping), its languages
 * (its own and its locations'), and the FTS5 text index. Rebuilt in the same transaction as every
 * change to the directory, so they never disagree with it.
 */

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
let nameToCode: Map<string, string> | null = null;

/** English language name → ISO 639-1 code, built once from the runtime's own language data. */
function codeForName(name: string): string | undefined {
  if (!nameToCode) {
    nameToCode = new Map();
    const a = 'a'.charCodeAt(0);
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(a + i, a + j);
        const label = displayNames.of(code);
        if (label && label.toLowerCase() !== code) nameToCode.set(label.toLowerCase(), code);
      }
    }
  }
  return nameToCode.get(name.trim().toLowerCase());
}

/** One key per language however a package wrote it ("es", "ES", "es-MX" or "Spanish"), and a label to show. */
export function languageKey(code: string | null, name: string | null): { key: string; label: string } | null {
  const c = code?.trim().toLowerCase().split(/[-_]/)[0];
  if (c && /^[a-z]{2,3}$/.test(c)) {
    let label: string | undefined;
    try {
      label = displayNames.of(c);
    } catch {
      label = undefined;
    }
    return { key: c, label: label && label.toLowerCase() !== c ? label : name?.trim() || c };
  }
  const n = name?.trim();
  if (!n) return null;
  const fromName = codeForName(n);
  return fromName ? { key: fromName, label: displayNames.of(fromName) ?? n } : { key: n.toLowerCase(), label: n };
}

/** Term id → service types: the Deflect terms, then the coordinator's mapping of imported terms. */
export function termServiceTypes(db: Db): Map<string, ServiceType[]> {
  const map = new Map<string, ServiceType[]>();
  for (const t of DEFLECT_TERMS) if (t.serviceType) map.set(t.id, [t.serviceType]);
  const rows = db.prepare('SELECT term_id, service_types FROM provider_term_mapping').all() as Array<{
    term_id: string;
    service_types: string;
  }>;
  for (const r of rows) {
    const types = (JSON.parse(r.service_types) as string[]).filter((t): t is ServiceType =>
      (SERVICE_TYPES as readonly string[]).includes(t),
    );
    if (types.length) map.set(r.term_id, types);
  }
  return map;
}

/** The directory's words and their spelling keys (see migration 0006), rebuilt from the text index. */
const REBUILD_WORDS = /* sql */ `
DELETE FROM provider_words;
DELETE FROM provider_word_keys;
INSERT INTO provider_words (word) SELECT term FROM provider_fts_vocab WHERE length(term) >= 3;
WITH RECURSIVE pos(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM pos WHERE i < 24)
INSERT OR IGNORE INTO provider_word_keys (key, word)
  SELECT CASE WHEN i = 0 THEN term ELSE substr(term, 1, i - 1) || substr(term, i + 1) END, term
    FROM provider_fts_vocab JOIN pos ON i <= length(term)
   WHERE length(term) >= 4;
`;

/** Changes whenever the directory changes (every reindex): lets readers keep derived values in memory between changes. */
export const DIRECTORY_GENERATION_KEY = 'providers.generation';

export function directoryGeneration(db: Db): string {
  return getMeta(db, DIRECTORY_GENERATION_KEY) ?? 'initial';
}

/** Marks the directory as changed (every reindex does; so does verifying a listing). */
export function touchDirectory(db: Db): void {
  setMeta(db, DIRECTORY_GENERATION_KEY, randomUUID());
}

export function reindex(db: Db): void {
  touchDirectory(db);
  db.exec('DELETE FROM provider_service_type; DELETE FROM provider_service_language; DELETE FROM provider_fts;');
  const termTypes = termServiceTypes(db);
  const typesOf = new Map<string, Set<ServiceType>>();
  const links = db
    .prepare(
      'SELECT a.link_id AS service_id, a.taxonomy_term_id AS term_id FROM hsds_attribute a JOIN hsds_service s ON s.id = a.link_id',
    )
    .all() as Array<{ service_id: string; term_id: string }>;
  const insertType = db.prepare('INSERT OR IGNORE INTO provider_service_type (service_id, service_type) VALUES (?, ?)');
  for (const l of links) {
    for (const t of termTypes.get(l.term_id) ?? []) {
      insertType.run(l.service_id, t);
      const set = typesOf.get(l.service_id) ?? new Set();
      set.add(t);
      typesOf.set(l.service_id, set);
    }
  }

  const langs = db
    .prepare(
      `SELECT l.service_id AS service_id, l.code, l.name FROM hsds_language l JOIN hsds_service s ON s.id = l.service_id
       UNION ALL
       SELECT sal.service_id, l.code, l.name FROM hsds_service_at_location sal JOIN hsds_language l ON l.location_id = sal.location_id`,
    )
    .all() as Array<{ service_id: string; code: string | null; name: string | null }>;
  const insertLang = db.prepare('INSERT OR IGNORE INTO provider_service_language (service_id, language) VALUES (?, ?)');
  const langLabels = new Map<string, string[]>();
  for (const l of langs) {
    const k = languageKey(l.code, l.name);
    if (!k) continue;
    insertLang.run(l.service_id, k.key);
    langLabels.set(l.service_id, [...(langLabels.get(l.service_id) ?? []), k.label]);
  }

  const services = db
    .prepare(
      `SELECT s.id, s.name, s.alternate_name, s.description, s.eligibility_description, s.interpretation_services,
              o.name AS org_name, o.alternate_name AS org_alt,
              (SELECT group_concat(coalesce(loc.name, '') || ' ' || coalesce(ad.address_1, '') || ' ' || coalesce(ad.city, ''), ' ')
                 FROM hsds_service_at_location sal JOIN hsds_location loc ON loc.id = sal.location_id
                 LEFT JOIN hsds_address ad ON ad.location_id = loc.id WHERE sal.service_id = s.id) AS places
         FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id`,
    )
    .all() as Array<Record<string, string | null>>;
  const insertFts = db.prepare('INSERT INTO provider_fts (service_id, name, organization, body) VALUES (?, ?, ?, ?)');
  for (const s of services) {
    const id = s.id!;
    const body = [
      s.description,
      s.eligibility_description,
      s.interpretation_services,
      s.places,
      ...[...(typesOf.get(id) ?? [])].map((t) => SERVICE_TYPE_LABELS[t]),
      ...(langLabels.get(id) ?? []),
    ]
      .filter(Boolean)
      .join('\n');
    insertFts.run(
      id,
      [s.name, s.alternate_name].filter(Boolean).join(' '),
      [s.org_name, s.org_alt].filter(Boolean).join(' '),
      body,
    );
  }
  db.exec(REBUILD_WORDS);
}
