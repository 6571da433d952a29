import { hsdsJsonDocumentSchema, parseHsdsRow } from '../../../shared/contract/hsds';
import { HSDS_TABLE_LABELS, type HsdsTable, fieldNames } from '../../../shared/contract/hsdsSpec';
import { decodeText } from './files';
import { ImportFailed, type Issues, issue, issueAt } from './issues';
import type { Staging } from './staging';

/**
 * HSDS JSON (the API's `organization_full`, `service_full`, `service_at_location_full` objects, list pages
 * with `contents`, or plain arrays): nested objects are flattened into the same table records a tabular
 * package holds. Nesting supplies the links: a phone inside a location gets that `location_id`, a
 * service's `organization` object becomes its `organization_id`. A record met twice (the same phone under
 * the organisation, its location and its service) is merged; if two copies disagree, that is an error.
 */

type Nested = { table: HsdsTable; many: boolean } & (
  { link: 'child'; field: string; entity?: string } | { link: 'parent'; field: string }
);

const meta = (table: HsdsTable): Record<string, Nested> => ({
  attributes: { table: 'attribute', many: true, link: 'child', field: 'link_id', entity: table },
  metadata: { table: 'metadata', many: true, link: 'child', field: 'resource_id', entity: table },
});

const NESTING: Record<HsdsTable, Record<string, Nested>> = {
  organization: {
    ...meta('organization'),
    funding: { table: 'funding', many: true, link: 'child', field: 'organization_id' },
    contacts: { table: 'contact', many: true, link: 'child', field: 'organization_id' },
    phones: { table: 'phone', many: true, link: 'child', field: 'organization_id' },
    locations: { table: 'location', many: true, link: 'child', field: 'organization_id' },
    programs: { table: 'program', many: true, link: 'child', field: 'organization_id' },
    organization_identifiers: { table: 'organization_identifier', many: true, link: 'child', field: 'organization_id' },
    services: { table: 'service', many: true, link: 'child', field: 'organization_id' },
  },
  service: {
    ...meta('service'),
    organization: { table: 'organization', many: false, link: 'parent', field: 'organization_id' },
    program: { table: 'program', many: false, link: 'parent', field: 'program_id' },
    phones: { table: 'phone', many: true, link: 'child', field: 'service_id' },
    schedules: { table: 'schedule', many: true, link: 'child', field: 'service_id' },
    service_areas: { table: 'service_area', many: true, link: 'child', field: 'service_id' },
    service_at_locations: { table: 'service_at_location', many: true, link: 'child', field: 'service_id' },
    languages: { table: 'language', many: true, link: 'child', field: 'service_id' },
    funding: { table: 'funding', many: true, link: 'child', field: 'service_id' },
    cost_options: { table: 'cost_option', many: true, link: 'child', field: 'service_id' },
    required_documents: { table: 'required_document', many: true, link: 'child', field: 'service_id' },
    contacts: { table: 'contact', many: true, link: 'child', field: 'service_id' },
  },
  service_at_location: {
    ...meta('service_at_location'),
    service: { table: 'service', many: false, link: 'parent', field: 'service_id' },
    location: { table: 'location', many: false, link: 'parent', field: 'location_id' },
    contacts: { table: 'contact', many: true, link: 'child', field: 'service_at_location_id' },
    phones: { table: 'phone', many: true, link: 'child', field: 'service_at_location_id' },
    schedules: { table: 'schedule', many: true, link: 'child', field: 'service_at_location_id' },
  },
  location: {
    ...meta('location'),
    languages: { table: 'language', many: true, link: 'child', field: 'location_id' },
    addresses: { table: 'address', many: true, link: 'child', field: 'location_id' },
    contacts: { table: 'contact', many: true, link: 'child', field: 'location_id' },
    accessibility: { table: 'accessibility', many: true, link: 'child', field: 'location_id' },
    phones: { table: 'phone', many: true, link: 'child', field: 'location_id' },
    schedules: { table: 'schedule', many: true, link: 'child', field: 'location_id' },
  },
  contact: { ...meta('contact'), phones: { table: 'phone', many: true, link: 'child', field: 'contact_id' } },
  phone: { ...meta('phone'), languages: { table: 'language', many: true, link: 'child', field: 'phone_id' } },
  attribute: {
    metadata: meta('attribute').metadata!,
    taxonomy_term: { table: 'taxonomy_term', many: false, link: 'parent', field: 'taxonomy_term_id' },
  },
  taxonomy_term: {
    metadata: meta('taxonomy_term').metadata!,
    taxonomy_detail: { table: 'taxonomy', many: false, link: 'parent', field: 'taxonomy_id' },
  },
  taxonomy: { metadata: meta('taxonomy').metadata! },
  metadata: {},
  program: meta('program'),
  address: meta('address'),
  schedule: meta('schedule'),
  funding: meta('funding'),
  service_area: meta('service_area'),
  required_document: meta('required_document'),
  language: meta('language'),
  accessibility: meta('accessibility'),
  meta_table_description: meta('meta_table_description'),
  cost_option: meta('cost_option'),
  organization_identifier: meta('organization_identifier'),
};

/** Deepest nesting followed: the full objects go five levels down; this leaves room and stops runaway input. */
const MAX_DEPTH = 12;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Which table a top-level object is: from the file name if it says, else from its shape. */
function topTable(fileName: string, obj: Record<string, unknown>): HsdsTable {
  const name = fileName.toLowerCase();
  if (name.includes('service_at_location')) return 'service_at_location';
  if (name.includes('service')) return 'service';
  if (name.includes('organization') || name.includes('organisation')) return 'organization';
  if (!('name' in obj) && (isObject(obj.service) || isObject(obj.location) || 'service_id' in obj)) return 'service_at_location';
  if ('status' in obj || 'organization' in obj || 'organization_id' in obj || 'service_at_locations' in obj) return 'service';
  return 'organization';
}

class Flattener {
  private readonly ignored = new Map<HsdsTable, Set<string>>();

  constructor(
    private readonly file: string,
    private readonly issues: Issues,
    private readonly staging: Staging,
  ) {}

  /** Stages `obj` as a `table` record (with `links` set from its parent) and returns its id. */
  visit(
    table: HsdsTable,
    obj: Record<string, unknown>,
    path: string,
    links: Record<string, string>,
    depth: number,
  ): string | null {
    const origin = { file: this.file, row: null, record: path || '(top level)' };
    if (depth > MAX_DEPTH) {
      this.issues.error(issueAt(origin, null, 'Records are nested too deeply.'));
      return null;
    }
    const raw: Record<string, unknown> = { ...obj };
    const nesting = NESTING[table];
    const known = new Set(fieldNames(table));
    for (const [field, value] of Object.entries(links)) {
      const given = typeof raw[field] === 'string' ? (raw[field] as string).trim().toLowerCase() : raw[field];
      if (given !== undefined && given !== null && given !== '' && given !== value) {
        this.issues.error(issueAt(origin, field, `${field} is ${String(given)} but the record is nested under ${value}.`));
      }
      raw[field] = value;
    }
    // Parents first: their ids become this record's link fields.
    for (const [key, nested] of Object.entries(nesting)) {
      if (nested.link !== 'parent' || raw[key] === undefined || raw[key] === null) continue;
      const child = raw[key];
      if (!isObject(child)) {
        this.issues.error(issueAt(origin, key, `${key} must be an object.`));
        continue;
      }
      const inherited: Record<string, string> = {};
      // A programme nested in a service belongs to the service's organisation.
      if (nested.table === 'program' && typeof raw.organization_id === 'string' && !child.organization_id)
        inherited.organization_id = raw.organization_id;
      const childId = this.visit(nested.table, child, `${path}${path ? '.' : ''}${key}`, inherited, depth + 1);
      if (childId) raw[nested.field] = childId;
    }
    for (const key of Object.keys(obj)) {
      if (!known.has(key) && !(key in nesting)) this.noteIgnored(table, key);
    }
    const parsed = parseHsdsRow(table, raw);
    for (const i of parsed.issues) this.issues.error(issueAt(origin, i.field, i.message));
    const id = parsed.record.id;
    if (typeof id !== 'string') return null;
    const provided = new Set(Object.keys(raw).filter((k) => known.has(k)));
    this.staging.add({ table, record: parsed.record, provided, origin }, 'merge');

    for (const [key, nested] of Object.entries(nesting)) {
      if (nested.link !== 'child' || raw[key] === undefined || raw[key] === null) continue;
      const value = raw[key];
      const items = nested.many ? value : [value];
      if (!Array.isArray(items) || !items.every(isObject)) {
        this.issues.error(issueAt(origin, key, `${key} must be ${nested.many ? 'a list of objects' : 'an object'}.`));
        continue;
      }
      items.forEach((item, i) => {
        const childLinks: Record<string, string> = { [nested.field]: id };
        const child = { ...item };
        if (nested.entity) {
          const entityField = nested.table === 'attribute' ? 'link_entity' : 'resource_type';
          if (child[entityField] === undefined || child[entityField] === null || child[entityField] === '')
            child[entityField] = nested.entity;
        }
        this.visit(nested.table, child, `${path}${path ? '.' : ''}${key}[${i}]`, childLinks, depth + 1);
      });
    }
    return id;
  }

  private noteIgnored(table: HsdsTable, key: string): void {
    const set = this.ignored.get(table) ?? new Set();
    set.add(key);
    this.ignored.set(table, set);
  }

  reportIgnored(): void {
    for (const [table, keys] of this.ignored) {
      this.issues.warn(
        issue(
          this.file,
          `Fields that are not part of HSDS 3.0 ${HSDS_TABLE_LABELS[table]} records were ignored: ${[...keys].slice(0, 10).join(', ')}.`,
        ),
      );
    }
  }
}

export function readHsdsJson(file: string, bytes: Uint8Array, issues: Issues, staging: Staging): void {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(file, bytes));
  } catch (err) {
    if (err instanceof ImportFailed) throw err;
    throw new ImportFailed([issue(file, 'This is not valid JSON.')]);
  }
  const doc = hsdsJsonDocumentSchema.safeParse(json);
  if (!doc.success)
    throw new ImportFailed([issue(file, 'This JSON is not an HSDS object, a list of HSDS objects, or a page with "contents".')]);
  const flattener = new Flattener(file, issues, staging);
  const list = Array.isArray(doc.data)
    ? doc.data
    : Array.isArray(doc.data.contents)
      ? (doc.data.contents as Record<string, unknown>[])
      : [doc.data];
  if (list.length === 0) issues.warn(issue(file, 'The file holds no records.'));
  const prefix = Array.isArray(doc.data) ? '' : 'contents';
  list.forEach((obj, i) => {
    const path = list.length === 1 && !Array.isArray(doc.data) && !('contents' in doc.data) ? '' : `${prefix}[${i}]`;
    flattener.visit(topTable(file, obj), obj, path, {}, 0);
  });
  flattener.reportIgnored();
}
