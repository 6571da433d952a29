/**
 * Open Referral HSDS 3.0 tables as this app stores, imports and exports them: one entry per table of the
 * specification's tabular package, with its fields in the specification's order. Derived from the
 * specification's own `datapackage.json` (types, formats, required, enums, foreign keys);
 * `test/backend/providers-hsds-spec.test.ts` checks it against the reference copy.
 *
 * `required` includes the specification's "tabular required" fields (the links a flat file needs).
 * `ref` names the table a field points at: a required `ref` must resolve (in the package or the
 * directory); an optional one that does not is kept and reported as a warning.
 */

export const HSDS_TABLES = [
  'organization',
  'program',
  'service',
  'location',
  'service_at_location',
  'contact',
  'phone',
  'address',
  'schedule',
  'funding',
  'service_area',
  'required_document',
  'language',
  'accessibility',
  'taxonomy',
  'taxonomy_term',
  'attribute',
  'metadata',
  'meta_table_description',
  'cost_option',
  'organization_identifier',
] as const;
export type HsdsTable = (typeof HSDS_TABLES)[number];

export type HsdsFieldType = 'string' | 'number' | 'date' | 'datetime' | 'time';

export interface HsdsField {
  readonly name: string;
  readonly type: HsdsFieldType;
  readonly format?: 'uuid' | 'email' | 'uri';
  readonly required?: true;
  readonly enum?: readonly string[];
  readonly ref?: HsdsTable;
}

export interface HsdsTableSpec {
  /** File name in a tabular package. */
  readonly path: string;
  readonly fields: readonly HsdsField[];
}

export const HSDS_SPEC: Record<HsdsTable, HsdsTableSpec> = {
  organization: {
    path: 'organizations.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string', required: true },
      { name: 'email', type: 'string', format: 'email' },
      { name: 'website', type: 'string', format: 'uri' },
      { name: 'tax_status', type: 'string' },
      { name: 'tax_id', type: 'string' },
      { name: 'year_incorporated', type: 'number' },
      { name: 'legal_status', type: 'string' },
      { name: 'logo', type: 'string' },
      { name: 'uri', type: 'string', format: 'uri' },
      { name: 'parent_organization_id', type: 'string', format: 'uuid', ref: 'organization' },
    ],
  },
  program: {
    path: 'programs.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true, ref: 'organization' },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string', required: true },
    ],
  },
  service: {
    path: 'services.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true, ref: 'organization' },
      { name: 'program_id', type: 'string', format: 'uuid', ref: 'program' },
      { name: 'name', type: 'string', required: true },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'url', type: 'string', format: 'uri' },
      { name: 'email', type: 'string', format: 'email' },
      { name: 'status', type: 'string', required: true, enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      { name: 'interpretation_services', type: 'string' },
      { name: 'application_process', type: 'string' },
      { name: 'fees_description', type: 'string' },
      { name: 'wait_time', type: 'string' },
      { name: 'fees', type: 'string' },
      { name: 'accreditations', type: 'string' },
      { name: 'eligibility_description', type: 'string' },
      { name: 'minimum_age', type: 'number' },
      { name: 'maximum_age', type: 'number' },
      { name: 'assured_date', type: 'date' },
      { name: 'assurer_email', type: 'string', format: 'email' },
      { name: 'licenses', type: 'string' },
      { name: 'alert', type: 'string' },
      { name: 'last_modified', type: 'datetime' },
    ],
  },
  location: {
    path: 'locations.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_type', type: 'string', required: true, enum: ['physical', 'postal', 'virtual'] },
      { name: 'url', type: 'string', format: 'uri' },
      { name: 'organization_id', type: 'string', format: 'uuid', ref: 'organization' },
      { name: 'name', type: 'string' },
      { name: 'alternate_name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'transportation', type: 'string' },
      { name: 'latitude', type: 'number' },
      { name: 'longitude', type: 'number' },
      { name: 'external_identifier', type: 'string' },
      { name: 'external_identifier_type', type: 'string' },
    ],
  },
  service_at_location: {
    path: 'service_at_location.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', required: true, ref: 'service' },
      { name: 'location_id', type: 'string', format: 'uuid', required: true, ref: 'location' },
      { name: 'description', type: 'string' },
    ],
  },
  contact: {
    path: 'contacts.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', ref: 'organization' },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid', ref: 'service_at_location' },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'name', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'department', type: 'string' },
      { name: 'email', type: 'string', format: 'email' },
    ],
  },
  phone: {
    path: 'phones.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'organization_id', type: 'string', format: 'uuid', ref: 'organization' },
      { name: 'contact_id', type: 'string', format: 'uuid', ref: 'contact' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid', ref: 'service_at_location' },
      { name: 'number', type: 'string', required: true },
      { name: 'extension', type: 'number' },
      { name: 'type', type: 'string' },
      { name: 'description', type: 'string' },
    ],
  },
  address: {
    path: 'addresses.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'attention', type: 'string' },
      { name: 'address_1', type: 'string', required: true },
      { name: 'address_2', type: 'string' },
      { name: 'city', type: 'string', required: true },
      { name: 'region', type: 'string' },
      { name: 'state_province', type: 'string', required: true },
      { name: 'postal_code', type: 'string', required: true },
      { name: 'country', type: 'string', required: true },
      { name: 'address_type', type: 'string', required: true, enum: ['physical', 'postal', 'virtual'] },
    ],
  },
  schedule: {
    path: 'schedules.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'service_at_location_id', type: 'string', format: 'uuid', ref: 'service_at_location' },
      { name: 'valid_from', type: 'date' },
      { name: 'valid_to', type: 'date' },
      { name: 'dtstart', type: 'date' },
      { name: 'timezone', type: 'number' },
      { name: 'until', type: 'date' },
      { name: 'count', type: 'number' },
      { name: 'wkst', type: 'string', enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
      { name: 'freq', type: 'string', enum: ['WEEKLY', 'MONTHLY'] },
      { name: 'interval', type: 'number' },
      { name: 'byday', type: 'string' },
      { name: 'byweekno', type: 'string' },
      { name: 'bymonthday', type: 'string' },
      { name: 'byyearday', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'opens_at', type: 'time' },
      { name: 'closes_at', type: 'time' },
      { name: 'schedule_link', type: 'string', format: 'uri' },
      { name: 'attending_type', type: 'string' },
      { name: 'notes', type: 'string' },
    ],
  },
  funding: {
    path: 'funding.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', ref: 'organization' },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'source', type: 'string' },
    ],
  },
  service_area: {
    path: 'service_areas.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'name', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'extent', type: 'string' },
      { name: 'extent_type', type: 'string' },
      { name: 'uri', type: 'string' },
    ],
  },
  required_document: {
    path: 'required_documents.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'document', type: 'string' },
      { name: 'uri', type: 'string', format: 'uri' },
    ],
  },
  language: {
    path: 'languages.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', ref: 'service' },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'phone_id', type: 'string', format: 'uuid', ref: 'phone' },
      { name: 'name', type: 'string' },
      { name: 'code', type: 'string' },
      { name: 'note', type: 'string' },
    ],
  },
  accessibility: {
    path: 'accessibility.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'location_id', type: 'string', format: 'uuid', ref: 'location' },
      { name: 'description', type: 'string' },
      { name: 'details', type: 'string' },
      { name: 'url', type: 'string', format: 'uri' },
    ],
  },
  taxonomy: {
    path: 'taxonomies.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'description', type: 'string', required: true },
      { name: 'uri', type: 'string', format: 'uri' },
      { name: 'version', type: 'string' },
    ],
  },
  taxonomy_term: {
    path: 'taxonomy_terms.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'code', type: 'string' },
      { name: 'name', type: 'string', required: true },
      { name: 'description', type: 'string', required: true },
      { name: 'parent_id', type: 'string', format: 'uuid', ref: 'taxonomy_term' },
      { name: 'taxonomy', type: 'string' },
      { name: 'language', type: 'string' },
      { name: 'taxonomy_id', type: 'string', format: 'uuid', ref: 'taxonomy' },
      { name: 'term_uri', type: 'string', format: 'uri' },
    ],
  },
  attribute: {
    path: 'attributes.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'link_id', type: 'string', format: 'uuid', required: true },
      { name: 'taxonomy_term_id', type: 'string', format: 'uuid', required: true, ref: 'taxonomy_term' },
      { name: 'link_type', type: 'string' },
      { name: 'link_entity', type: 'string', required: true },
      { name: 'value', type: 'string' },
    ],
  },
  metadata: {
    path: 'metadata.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'resource_id', type: 'string', format: 'uuid', required: true },
      { name: 'resource_type', type: 'string', required: true },
      { name: 'last_action_date', type: 'date', required: true },
      { name: 'last_action_type', type: 'string', required: true },
      { name: 'field_name', type: 'string', required: true },
      { name: 'previous_value', type: 'string', required: true },
      { name: 'replacement_value', type: 'string', required: true },
      { name: 'updated_by', type: 'string', required: true },
    ],
  },
  meta_table_description: {
    path: 'meta_table_descriptions.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'name', type: 'string' },
      { name: 'language', type: 'string' },
      { name: 'character_set', type: 'string' },
    ],
  },
  cost_option: {
    path: 'cost_options.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'service_id', type: 'string', format: 'uuid', required: true, ref: 'service' },
      { name: 'valid_from', type: 'date' },
      { name: 'valid_to', type: 'date' },
      { name: 'option', type: 'string' },
      { name: 'currency', type: 'string' },
      { name: 'amount', type: 'number' },
      { name: 'amount_description', type: 'string' },
    ],
  },
  organization_identifier: {
    path: 'organization_identifiers.csv',
    fields: [
      { name: 'id', type: 'string', format: 'uuid', required: true },
      { name: 'organization_id', type: 'string', format: 'uuid', required: true, ref: 'organization' },
      { name: 'identifier_scheme', type: 'string' },
      { name: 'identifier_type', type: 'string', required: true },
      { name: 'identifier', type: 'string', required: true },
    ],
  },
};

/** A stored or parsed HSDS record: field name → value (absent fields are null). */
export type HsdsRecord = Record<string, string | number | null>;

/** Plain-words names for tables in previews and error lists. */
export const HSDS_TABLE_LABELS: Record<HsdsTable, string> = {
  organization: 'organisation',
  program: 'programme',
  service: 'service',
  location: 'location',
  service_at_location: 'service at location',
  contact: 'contact',
  phone: 'phone',
  address: 'address',
  schedule: 'schedule',
  funding: 'funding',
  service_area: 'service area',
  required_document: 'required document',
  language: 'language',
  accessibility: 'accessibility',
  taxonomy: 'taxonomy',
  taxonomy_term: 'taxonomy term',
  attribute: 'attribute',
  metadata: 'metadata',
  meta_table_description: 'table description',
  cost_option: 'cost option',
  organization_identifier: 'organisation identifier',
};

export function fieldNames(table: HsdsTable): string[] {
  return HSDS_SPEC[table].fields.map((f) => f.name);
}
