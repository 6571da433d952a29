/**
 * Provider directory: the Open Referral HSDS 3.0 tables (ids are the records' HSDS UUIDs, so a directory can
 * be re-imported and updated without duplicates), the coordinator's taxonomy-term → service-type mapping,
 * and derived tables for search (FTS5) and filtering, rebuilt by the providers slice after every change.
 * Required links are real foreign keys (checked at commit, so one import may arrive in any order);
 * optional links that HSDS packages often leave dangling are plain indexed columns.
 */
export const sql = /* sql */ `
CREATE TABLE hsds_organization (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT NOT NULL,
  email TEXT,
  website TEXT,
  tax_status TEXT,
  tax_id TEXT,
  year_incorporated REAL,
  legal_status TEXT,
  logo TEXT,
  uri TEXT,
  parent_organization_id TEXT
) STRICT;
CREATE INDEX hsds_organization_parent_organization_id ON hsds_organization(parent_organization_id);
CREATE TABLE hsds_program (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES hsds_organization(id) DEFERRABLE INITIALLY DEFERRED,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT NOT NULL
) STRICT;
CREATE INDEX hsds_program_organization_id ON hsds_program(organization_id);
CREATE TABLE hsds_service (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES hsds_organization(id) DEFERRABLE INITIALLY DEFERRED,
  program_id TEXT,
  name TEXT NOT NULL,
  alternate_name TEXT,
  description TEXT,
  url TEXT,
  email TEXT,
  status TEXT NOT NULL CHECK (status IN ('active','inactive','defunct','temporarily closed')),
  interpretation_services TEXT,
  application_process TEXT,
  fees_description TEXT,
  wait_time TEXT,
  fees TEXT,
  accreditations TEXT,
  eligibility_description TEXT,
  minimum_age REAL,
  maximum_age REAL,
  assured_date TEXT,
  assurer_email TEXT,
  licenses TEXT,
  alert TEXT,
  last_modified TEXT
) STRICT;
CREATE INDEX hsds_service_organization_id ON hsds_service(organization_id);
CREATE INDEX hsds_service_program_id ON hsds_service(program_id);
CREATE TABLE hsds_location (
  id TEXT PRIMARY KEY,
  location_type TEXT NOT NULL CHECK (location_type IN ('physical','postal','virtual')),
  url TEXT,
  organization_id TEXT,
  name TEXT,
  alternate_name TEXT,
  description TEXT,
  transportation TEXT,
  latitude REAL,
  longitude REAL,
  external_identifier TEXT,
  external_identifier_type TEXT
) STRICT;
CREATE INDEX hsds_location_organization_id ON hsds_location(organization_id);
CREATE TABLE hsds_service_at_location (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES hsds_service(id) DEFERRABLE INITIALLY DEFERRED,
  location_id TEXT NOT NULL REFERENCES hsds_location(id) DEFERRABLE INITIALLY DEFERRED,
  description TEXT
) STRICT;
CREATE INDEX hsds_service_at_location_service_id ON hsds_service_at_location(service_id);
CREATE INDEX hsds_service_at_location_location_id ON hsds_service_at_location(location_id);
CREATE TABLE hsds_contact (
  id TEXT PRIMARY KEY,
  organization_id TEXT,
  service_id TEXT,
  service_at_location_id TEXT,
  location_id TEXT,
  name TEXT,
  title TEXT,
  department TEXT,
  email TEXT
) STRICT;
CREATE INDEX hsds_contact_location_id ON hsds_contact(location_id);
CREATE INDEX hsds_contact_organization_id ON hsds_contact(organization_id);
CREATE INDEX hsds_contact_service_id ON hsds_contact(service_id);
CREATE INDEX hsds_contact_service_at_location_id ON hsds_contact(service_at_location_id);
CREATE TABLE hsds_phone (
  id TEXT PRIMARY KEY,
  location_id TEXT,
  service_id TEXT,
  organization_id TEXT,
  contact_id TEXT,
  service_at_location_id TEXT,
  number TEXT NOT NULL,
  extension REAL,
  type TEXT,
  description TEXT
) STRICT;
CREATE INDEX hsds_phone_contact_id ON hsds_phone(contact_id);
CREATE INDEX hsds_phone_location_id ON hsds_phone(location_id);
CREATE INDEX hsds_phone_organization_id ON hsds_phone(organization_id);
CREATE INDEX hsds_phone_service_id ON hsds_phone(service_id);
CREATE INDEX hsds_phone_service_at_location_id ON hsds_phone(service_at_location_id);
CREATE TABLE hsds_address (
  id TEXT PRIMARY KEY,
  location_id TEXT,
  attention TEXT,
  address_1 TEXT NOT NULL,
  address_2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  state_province TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country TEXT NOT NULL,
  address_type TEXT NOT NULL CHECK (address_type IN ('physical','postal','virtual'))
) STRICT;
CREATE INDEX hsds_address_location_id ON hsds_address(location_id);
CREATE TABLE hsds_schedule (
  id TEXT PRIMARY KEY,
  service_id TEXT,
  location_id TEXT,
  service_at_location_id TEXT,
  valid_from TEXT,
  valid_to TEXT,
  dtstart TEXT,
  timezone REAL,
  until TEXT,
  count REAL,
  wkst TEXT CHECK (wkst IN ('MO','TU','WE','TH','FR','SA','SU')),
  freq TEXT CHECK (freq IN ('WEEKLY','MONTHLY')),
  interval REAL,
  byday TEXT,
  byweekno TEXT,
  bymonthday TEXT,
  byyearday TEXT,
  description TEXT,
  opens_at TEXT,
  closes_at TEXT,
  schedule_link TEXT,
  attending_type TEXT,
  notes TEXT
) STRICT;
CREATE INDEX hsds_schedule_location_id ON hsds_schedule(location_id);
CREATE INDEX hsds_schedule_service_id ON hsds_schedule(service_id);
CREATE INDEX hsds_schedule_service_at_location_id ON hsds_schedule(service_at_location_id);
CREATE TABLE hsds_funding (
  id TEXT PRIMARY KEY,
  organization_id TEXT,
  service_id TEXT,
  source TEXT
) STRICT;
CREATE INDEX hsds_funding_organization_id ON hsds_funding(organization_id);
CREATE INDEX hsds_funding_service_id ON hsds_funding(service_id);
CREATE TABLE hsds_service_area (
  id TEXT PRIMARY KEY,
  service_id TEXT,
  name TEXT,
  description TEXT,
  extent TEXT,
  extent_type TEXT,
  uri TEXT
) STRICT;
CREATE INDEX hsds_service_area_service_id ON hsds_service_area(service_id);
CREATE TABLE hsds_required_document (
  id TEXT PRIMARY KEY,
  service_id TEXT,
  document TEXT,
  uri TEXT
) STRICT;
CREATE INDEX hsds_required_document_service_id ON hsds_required_document(service_id);
CREATE TABLE hsds_language (
  id TEXT PRIMARY KEY,
  service_id TEXT,
  location_id TEXT,
  phone_id TEXT,
  name TEXT,
  code TEXT,
  note TEXT
) STRICT;
CREATE INDEX hsds_language_location_id ON hsds_language(location_id);
CREATE INDEX hsds_language_phone_id ON hsds_language(phone_id);
CREATE INDEX hsds_language_service_id ON hsds_language(service_id);
CREATE TABLE hsds_accessibility (
  id TEXT PRIMARY KEY,
  location_id TEXT,
  description TEXT,
  details TEXT,
  url TEXT
) STRICT;
CREATE INDEX hsds_accessibility_location_id ON hsds_accessibility(location_id);
CREATE TABLE hsds_taxonomy (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  uri TEXT,
  version TEXT
) STRICT;
CREATE TABLE hsds_taxonomy_term (
  id TEXT PRIMARY KEY,
  code TEXT,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  parent_id TEXT,
  taxonomy TEXT,
  language TEXT,
  taxonomy_id TEXT,
  term_uri TEXT
) STRICT;
CREATE INDEX hsds_taxonomy_term_taxonomy_id ON hsds_taxonomy_term(taxonomy_id);
CREATE INDEX hsds_taxonomy_term_parent_id ON hsds_taxonomy_term(parent_id);
CREATE TABLE hsds_attribute (
  id TEXT PRIMARY KEY,
  link_id TEXT NOT NULL,
  taxonomy_term_id TEXT NOT NULL REFERENCES hsds_taxonomy_term(id) DEFERRABLE INITIALLY DEFERRED,
  link_type TEXT,
  link_entity TEXT NOT NULL,
  value TEXT
) STRICT;
CREATE INDEX hsds_attribute_taxonomy_term_id ON hsds_attribute(taxonomy_term_id);
CREATE TABLE hsds_metadata (
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  last_action_date TEXT NOT NULL,
  last_action_type TEXT NOT NULL,
  field_name TEXT NOT NULL,
  previous_value TEXT NOT NULL,
  replacement_value TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE TABLE hsds_meta_table_description (
  id TEXT PRIMARY KEY,
  name TEXT,
  language TEXT,
  character_set TEXT
) STRICT;
CREATE TABLE hsds_cost_option (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES hsds_service(id) DEFERRABLE INITIALLY DEFERRED,
  valid_from TEXT,
  valid_to TEXT,
  option TEXT,
  currency TEXT,
  amount REAL,
  amount_description TEXT
) STRICT;
CREATE INDEX hsds_cost_option_service_id ON hsds_cost_option(service_id);
CREATE TABLE hsds_organization_identifier (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES hsds_organization(id) DEFERRABLE INITIALLY DEFERRED,
  identifier_scheme TEXT,
  identifier_type TEXT NOT NULL,
  identifier TEXT NOT NULL
) STRICT;
CREATE INDEX hsds_organization_identifier_organization_id ON hsds_organization_identifier(organization_id);

CREATE TABLE provider_term_mapping (
  term_id       TEXT PRIMARY KEY REFERENCES hsds_taxonomy_term(id),
  -- JSON array of service-type codes; [] means reviewed: not a service type.
  service_types TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(service_types) AND json_type(service_types) = 'array'),
  updated_at    TEXT NOT NULL,
  updated_by    TEXT
) STRICT;

CREATE TABLE provider_service_type (
  service_id   TEXT NOT NULL REFERENCES hsds_service(id) DEFERRABLE INITIALLY DEFERRED,
  service_type TEXT NOT NULL,
  PRIMARY KEY (service_id, service_type)
) STRICT, WITHOUT ROWID;
CREATE INDEX provider_service_type_by_type ON provider_service_type(service_type, service_id);

CREATE TABLE provider_service_language (
  service_id TEXT NOT NULL REFERENCES hsds_service(id) DEFERRABLE INITIALLY DEFERRED,
  language   TEXT NOT NULL,
  PRIMARY KEY (service_id, language)
) STRICT, WITHOUT ROWID;
CREATE INDEX provider_service_language_by_language ON provider_service_language(language, service_id);

CREATE VIRTUAL TABLE provider_fts USING fts5(
  service_id UNINDEXED,
  name,
  organization,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;
