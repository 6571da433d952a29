/**
 * Consents, closed-loop referrals (with their status history), letter templates, generated letters and the
 * disclosure log. Consent status is never stored: it follows from the dates. Referrals keep their current
 * status, the moments it changed and the engagement date denormalised beside the full history in
 * `referral_events`, so reports can count the funnel and time to engagement without replaying events.
 * Provider ids are HSDS ids without a foreign key: the directory can be re-imported or pruned, and a
 * referral or consent keeps the names it was made with.
 */
export const sql = /* sql */ `
-- The wording printed on a consent (revocation; for TPO consents refusal and redisclosure), kept once per
-- distinct text: a consent points at the wording it was signed with.
CREATE TABLE consent_statements (
  id           TEXT PRIMARY KEY,
  language     TEXT NOT NULL,
  revocation   TEXT NOT NULL,
  refusal      TEXT NOT NULL,
  redisclosure TEXT NOT NULL
) STRICT;

CREATE TABLE consents (
  id                        TEXT PRIMARY KEY,
  person_id                 TEXT NOT NULL REFERENCES persons(id),
  language                  TEXT NOT NULL CHECK (language IN ('en','es')),
  discloser                 TEXT NOT NULL,
  recipient_kind            TEXT NOT NULL CHECK (recipient_kind IN ('organization','class')),
  recipient_organization_id TEXT,
  recipient_class           TEXT,
  recipient_name            TEXT NOT NULL,
  purpose                   TEXT NOT NULL,
  tpo                       INTEGER NOT NULL CHECK (tpo IN (0,1)),
  expires_on                TEXT,
  expiry_event              TEXT NOT NULL DEFAULT '',
  event_occurred_on         TEXT,
  signer_kind               TEXT NOT NULL CHECK (signer_kind IN ('person','representative')),
  representative_name       TEXT NOT NULL DEFAULT '',
  representative_authority  TEXT NOT NULL DEFAULT '',
  signed_on                 TEXT NOT NULL,
  statements_id             TEXT NOT NULL REFERENCES consent_statements(id),
  paper_received_on         TEXT,
  paper_recorded_by         TEXT REFERENCES users(id),
  revoked_on                TEXT,
  revoked_by                TEXT REFERENCES users(id),
  revocation_note           TEXT NOT NULL DEFAULT '',
  created_at                TEXT NOT NULL,
  created_by                TEXT REFERENCES users(id),
  updated_at                TEXT NOT NULL,
  updated_by                TEXT REFERENCES users(id),
  CHECK (expires_on IS NOT NULL OR expiry_event <> ''),
  CHECK (expires_on IS NULL OR expires_on >= signed_on),
  CHECK (revoked_on IS NULL OR revoked_on >= signed_on),
  CHECK ((recipient_kind = 'organization' AND recipient_organization_id IS NOT NULL)
      OR (recipient_kind = 'class' AND recipient_class IS NOT NULL))
) STRICT;
CREATE INDEX consents_person ON consents(person_id, signed_on);
CREATE INDEX consents_expiry ON consents(expires_on);

CREATE TABLE consent_categories (
  consent_id TEXT NOT NULL REFERENCES consents(id),
  category   TEXT NOT NULL,
  PRIMARY KEY (consent_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE referrals (
  id                TEXT PRIMARY KEY,
  person_id         TEXT NOT NULL REFERENCES persons(id),
  contact_id        TEXT REFERENCES contacts(id),
  service_id        TEXT NOT NULL,
  organization_id   TEXT NOT NULL,
  service_name      TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  method            TEXT NOT NULL,
  reason            TEXT NOT NULL DEFAULT '',
  categories        TEXT NOT NULL CHECK (json_valid(categories)),
  referred_on       TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('draft','sent','accepted','engaged','completed','closed')),
  status_changed_at TEXT NOT NULL,
  sent_at           TEXT,
  accepted_at       TEXT,
  engaged_on        TEXT,
  completed_at      TEXT,
  closed_at         TEXT,
  closure_reason    TEXT,
  created_at        TEXT NOT NULL,
  created_by        TEXT REFERENCES users(id),
  updated_at        TEXT NOT NULL,
  updated_by        TEXT REFERENCES users(id),
  CHECK ((status = 'closed') = (closure_reason IS NOT NULL)),
  CHECK (engaged_on IS NULL OR engaged_on >= referred_on)
) STRICT;
CREATE INDEX referrals_person ON referrals(person_id, created_at);
CREATE INDEX referrals_contact ON referrals(contact_id);
CREATE INDEX referrals_status ON referrals(status, status_changed_at);
CREATE INDEX referrals_author ON referrals(created_by, status, status_changed_at);
CREATE INDEX referrals_referred ON referrals(referred_on);
CREATE INDEX referrals_engaged ON referrals(engaged_on) WHERE engaged_on IS NOT NULL;
CREATE INDEX referrals_service ON referrals(service_id);

CREATE TABLE referral_needs (
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  need        TEXT NOT NULL,
  PRIMARY KEY (referral_id, need)
) STRICT, WITHOUT ROWID;
CREATE INDEX referral_needs_need ON referral_needs(need);

CREATE TABLE referral_service_types (
  referral_id  TEXT NOT NULL REFERENCES referrals(id),
  service_type TEXT NOT NULL,
  PRIMARY KEY (referral_id, service_type)
) STRICT, WITHOUT ROWID;
CREATE INDEX referral_service_types_type ON referral_service_types(service_type);

-- Every status change: who, when, from, to, note; the closing outcome and the engagement date where they apply.
-- Numbered 1, 2, 3 … per referral and stored together, so a referral's history is one read.
CREATE TABLE referral_events (
  referral_id    TEXT NOT NULL REFERENCES referrals(id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  at             TEXT NOT NULL,
  user_id        TEXT REFERENCES users(id),
  from_status    TEXT,
  to_status      TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  closure_reason TEXT,
  engaged_on     TEXT,
  PRIMARY KEY (referral_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX referral_events_to ON referral_events(to_status, at);

CREATE TABLE letter_templates (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('referral','programme')),
  language   TEXT NOT NULL CHECK (language IN ('en','es')),
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  body       TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

-- Every saved version, so a letter can always say which wording it was made from.
CREATE TABLE letter_template_versions (
  template_id TEXT NOT NULL REFERENCES letter_templates(id),
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  body        TEXT NOT NULL,
  saved_at    TEXT NOT NULL,
  saved_by    TEXT REFERENCES users(id),
  PRIMARY KEY (template_id, version)
) STRICT;

CREATE TABLE letterhead (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  logo       BLOB,
  logo_type  TEXT CHECK (logo_type IS NULL OR logo_type IN ('image/png','image/jpeg')),
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

-- Generated letters. A letter with clinical content keeps its PDF and layout sealed with the clinical key.
CREATE TABLE letters (
  id                        TEXT PRIMARY KEY,
  kind                      TEXT NOT NULL CHECK (kind IN ('referral','programme')),
  person_id                 TEXT REFERENCES persons(id),
  referral_id               TEXT REFERENCES referrals(id),
  template_id               TEXT NOT NULL REFERENCES letter_templates(id),
  template_version          INTEGER NOT NULL,
  language                  TEXT NOT NULL,
  title                     TEXT NOT NULL,
  recipient_name            TEXT NOT NULL,
  recipient_organization_id TEXT,
  clinical                  INTEGER NOT NULL CHECK (clinical IN (0,1)),
  part2_notice              INTEGER NOT NULL CHECK (part2_notice IN (0,1)),
  sha256                    TEXT NOT NULL,
  byte_size                 INTEGER NOT NULL,
  created_at                TEXT NOT NULL,
  created_by                TEXT REFERENCES users(id),
  -- Without clinical content: the PDF and its layout (JSON). With it: both sealed together, the others NULL.
  -- Last, so that listing letters never reads through the large values.
  pdf                       BLOB,
  document                  TEXT,
  sealed                    TEXT,
  CHECK ((kind = 'referral') = (person_id IS NOT NULL)),
  CHECK ((clinical = 1) = (sealed IS NOT NULL) AND (clinical = 0) = (pdf IS NOT NULL AND document IS NOT NULL)),
  FOREIGN KEY (template_id, template_version) REFERENCES letter_template_versions(template_id, version)
) STRICT;
CREATE INDEX letters_person ON letters(person_id, created_at) WHERE person_id IS NOT NULL;
CREATE INDEX letters_referral ON letters(referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX letters_programme ON letters(created_at) WHERE person_id IS NULL;

-- What left the building about a person, to whom, under which consent or override (§2.25 accounting).
CREATE TABLE disclosures (
  id                        TEXT PRIMARY KEY,
  person_id                 TEXT NOT NULL REFERENCES persons(id),
  disclosed_at              TEXT NOT NULL,
  disclosed_on              TEXT NOT NULL,
  user_id                   TEXT REFERENCES users(id),
  kind                      TEXT NOT NULL CHECK (kind IN ('referral','letter')),
  recipient_name            TEXT NOT NULL,
  recipient_organization_id TEXT,
  categories                TEXT NOT NULL CHECK (json_valid(categories)),
  purpose                   TEXT NOT NULL,
  basis                     TEXT NOT NULL CHECK (basis IN ('consent','override','not_required')),
  consent_id                TEXT REFERENCES consents(id),
  override_reason           TEXT,
  referral_id               TEXT REFERENCES referrals(id),
  letter_id                 TEXT REFERENCES letters(id),
  CHECK ((basis = 'consent') = (consent_id IS NOT NULL)),
  CHECK ((basis = 'override') = (override_reason IS NOT NULL))
) STRICT;
CREATE INDEX disclosures_person ON disclosures(person_id, disclosed_at);
CREATE INDEX disclosures_consent ON disclosures(consent_id) WHERE consent_id IS NOT NULL;

-- The disclosure log is append-only.
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosure log entries cannot be deleted'); END;
CREATE TRIGGER disclosures_no_update BEFORE UPDATE OF disclosed_at, disclosed_on, user_id, kind, recipient_name,
  recipient_organization_id, categories, purpose, basis, consent_id, override_reason, referral_id, letter_id ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosure log entries cannot be changed'); END;

-- The starting templates; coordinators edit them (each save adds a version).
INSERT INTO letter_templates (id, kind, language, name, version, body, active, updated_at) VALUES ('3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f01', 'referral', 'en', 'Referral letter (English)', 1, '{{today}}

{{provider.name}}
{{service.name}}
{{service.address}}

# Referral for {{person.name}}

Dear colleagues at {{provider.name}},

The {{department.name}} deflection unit refers {{person.name}}{{#person.dateOfBirth}} (date of birth {{person.dateOfBirth}}){{/person.dateOfBirth}} to {{service.name}} for help with {{needsText}}. The referral was made by {{referral.method}} on {{referral.date}}.

{{#referral.reason}}
Reason for the referral: {{referral.reason}}
{{/referral.reason}}

Needs identified at our contact:
{{#needs}}
- {{.}}
{{/needs}}

{{#clinicalSummary}}
# Clinical summary
{{clinicalSummary}}
{{/clinicalSummary}}

Please let us know when {{person.firstName}} has been seen, or if you cannot offer a place, so that we can follow up.

{{#service.hours}}
Opening hours we have on file:
{{service.hours}}
{{/service.hours}}

Sincerely,

{{author.name}}
{{author.role}}, {{department.name}}
{{department.phone}}
', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO letter_template_versions (template_id, version, name, body, saved_at) SELECT id, version, name, body, updated_at FROM letter_templates WHERE id = '3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f01';
INSERT INTO letter_templates (id, kind, language, name, version, body, active, updated_at) VALUES ('3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f02', 'referral', 'es', 'Carta de referencia (español)', 1, '{{today}}

{{provider.name}}
{{service.name}}
{{service.address}}

# Referencia de {{person.name}}

Estimados colegas de {{provider.name}}:

La unidad de desviación de {{department.name}} refiere a {{person.name}}{{#person.dateOfBirth}} (fecha de nacimiento: {{person.dateOfBirth}}){{/person.dateOfBirth}} a {{service.name}} para recibir atención por {{needsText}}. La referencia se hizo por {{referral.method}} el {{referral.date}}.

{{#referral.reason}}
Motivo de la referencia: {{referral.reason}}
{{/referral.reason}}

Necesidades identificadas en nuestro contacto:
{{#needs}}
- {{.}}
{{/needs}}

{{#clinicalSummary}}
# Resumen clínico
{{clinicalSummary}}
{{/clinicalSummary}}

Por favor, avísennos cuando {{person.firstName}} haya sido atendido/a, o si no pueden ofrecerle un lugar, para que podamos darle seguimiento.

{{#service.hours}}
Horario de atención que tenemos registrado:
{{service.hours}}
{{/service.hours}}

Atentamente,

{{author.name}}
{{author.role}}, {{department.name}}
{{department.phone}}
', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO letter_template_versions (template_id, version, name, body, saved_at) SELECT id, version, name, body, updated_at FROM letter_templates WHERE id = '3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f02';
INSERT INTO letter_templates (id, kind, language, name, version, body, active, updated_at) VALUES ('3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f03', 'programme', 'en', 'Letter of support (TTA request)', 1, '{{today}}

{{recipient.name}}
{{#recipient.organization}}
{{recipient.organization}}
{{/recipient.organization}}
{{#recipient.address}}
{{recipient.address}}
{{/recipient.address}}

{{#letter.subject}}
# {{letter.subject}}
{{/letter.subject}}

Dear {{recipient.name}},

On behalf of the {{department.name}}, I write in full support of this request. Our deflection unit connects people affected by opioid use, mental illness and trafficking with community treatment instead of arrest, and we are committed to working with you to strengthen that programme.

{{letter.details}}

We will share the data, staff time and partnership this work needs, and we look forward to working with you.

Sincerely,

{{author.name}}
{{author.role}}, {{department.name}}
{{department.address}}
{{department.phone}}
', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO letter_template_versions (template_id, version, name, body, saved_at) SELECT id, version, name, body, updated_at FROM letter_templates WHERE id = '3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f03';
INSERT INTO letter_templates (id, kind, language, name, version, body, active, updated_at) VALUES ('3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f04', 'programme', 'en', 'MOU cover letter', 1, '{{today}}

{{recipient.name}}
{{#recipient.organization}}
{{recipient.organization}}
{{/recipient.organization}}
{{#recipient.address}}
{{recipient.address}}
{{/recipient.address}}

# Memorandum of understanding{{#letter.subject}}: {{letter.subject}}{{/letter.subject}}

Dear {{recipient.name}},

Enclosed is the memorandum of understanding between the {{department.name}} and your organisation for referrals from our deflection unit. It sets out how we refer people to you, how you let us know whether they engaged, and how both of us protect their information.

{{letter.details}}

Please sign both copies and return one to us at the address below. Thank you for your partnership.

Sincerely,

{{author.name}}
{{author.role}}, {{department.name}}
{{department.address}}
{{department.phone}}
', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO letter_template_versions (template_id, version, name, body, saved_at) SELECT id, version, name, body, updated_at FROM letter_templates WHERE id = '3f2a8c1e-5b7d-4e2a-9c1f-0a6b2d4e8f04';
`;
