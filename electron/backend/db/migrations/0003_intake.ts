/** People, contacts (encounters), screenings, follow-ups, drafts; person search index, edit history and merges. */
export const sql = /* sql */ `
CREATE TABLE persons (
  num                INTEGER PRIMARY KEY AUTOINCREMENT,
  id                 TEXT NOT NULL UNIQUE,
  first_name         TEXT NOT NULL DEFAULT '',
  last_name          TEXT NOT NULL DEFAULT '',
  aliases            TEXT NOT NULL DEFAULT '[]',
  date_of_birth      TEXT,
  birth_year         INTEGER,
  sex                TEXT,
  gender_identity    TEXT,
  race_ethnicity     TEXT NOT NULL DEFAULT '[]',
  preferred_language TEXT,
  veteran_status     TEXT,
  residence_area     TEXT NOT NULL DEFAULT '',
  zip                TEXT NOT NULL DEFAULT '',
  housing_status     TEXT,
  phone              TEXT NOT NULL DEFAULT '',
  merged_into        TEXT REFERENCES persons(id),
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  created_by         TEXT REFERENCES users(id),
  updated_at         TEXT NOT NULL,
  updated_by         TEXT REFERENCES users(id),
  CHECK (date_of_birth IS NULL OR birth_year = CAST(substr(date_of_birth, 1, 4) AS INTEGER))
) STRICT;
CREATE INDEX persons_dob ON persons(date_of_birth) WHERE date_of_birth IS NOT NULL;
CREATE INDEX persons_created ON persons(created_at);

-- Person search: trigrams of the normalised names and aliases (rowid = persons.num) ...
CREATE VIRTUAL TABLE person_fts USING fts5(names, tokenize = 'trigram remove_diacritics 1');
-- ... and keys per name part: Soundex, prefixes, one-letter-typo variants (see people/names.ts).
CREATE TABLE person_keys (
  key        TEXT NOT NULL,
  person_num INTEGER NOT NULL,
  PRIMARY KEY (key, person_num)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_history (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id TEXT NOT NULL REFERENCES persons(id),
  at        TEXT NOT NULL,
  user_id   TEXT REFERENCES users(id),
  field     TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  source    TEXT NOT NULL CHECK (source IN ('edit','merge'))
) STRICT;
CREATE INDEX person_history_person ON person_history(person_id, seq);

CREATE TABLE person_merges (
  id              TEXT PRIMARY KEY,
  survivor_id     TEXT NOT NULL REFERENCES persons(id),
  merged_id       TEXT NOT NULL REFERENCES persons(id),
  at              TEXT NOT NULL,
  user_id         TEXT REFERENCES users(id),
  reason          TEXT NOT NULL,
  moved           TEXT NOT NULL,
  fields_filled   TEXT NOT NULL,
  aliases_added   TEXT NOT NULL,
  merged_snapshot TEXT NOT NULL
) STRICT;
CREATE INDEX person_merges_survivor ON person_merges(survivor_id);
CREATE INDEX person_merges_merged ON person_merges(merged_id);

CREATE TABLE contacts (
  id                    TEXT PRIMARY KEY,
  person_id             TEXT REFERENCES persons(id),
  anonymous_description TEXT NOT NULL DEFAULT '',
  occurred_at           TEXT NOT NULL,
  occurred_date         TEXT NOT NULL,
  location              TEXT NOT NULL DEFAULT '',
  cad_number            TEXT NOT NULL DEFAULT '',
  pathway               TEXT NOT NULL,
  referral_source       TEXT NOT NULL,
  disposition           TEXT NOT NULL,
  overdose              INTEGER NOT NULL CHECK (overdose IN (0,1)),
  naloxone_doses        INTEGER NOT NULL CHECK (naloxone_doses >= 0),
  use_of_force          INTEGER NOT NULL CHECK (use_of_force IN (0,1)),
  injury                INTEGER NOT NULL CHECK (injury IN (0,1)),
  charge_category       TEXT,
  charges_in_abeyance   INTEGER NOT NULL CHECK (charges_in_abeyance IN (0,1)),
  co_responder_id       TEXT REFERENCES users(id),
  narrative             TEXT NOT NULL DEFAULT '',
  created_at            TEXT NOT NULL,
  created_by            TEXT REFERENCES users(id),
  updated_at            TEXT NOT NULL,
  updated_by            TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX contacts_person ON contacts(person_id, occurred_at);
CREATE INDEX contacts_occurred ON contacts(occurred_at);
CREATE INDEX contacts_date ON contacts(occurred_date);

CREATE TABLE contact_needs (
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  need       TEXT NOT NULL,
  PRIMARY KEY (contact_id, need)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_needs_need ON contact_needs(need);

CREATE TABLE contact_officers (
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  user_id    TEXT NOT NULL REFERENCES users(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (contact_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_officers_user ON contact_officers(user_id);

-- Clinical: read only through contacts.clinical (co-responder, coordinator, admin).
CREATE TABLE contact_clinical (
  contact_id TEXT PRIMARY KEY REFERENCES contacts(id),
  note       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
) STRICT;

CREATE TABLE screenings (
  id              TEXT PRIMARY KEY,
  contact_id      TEXT NOT NULL REFERENCES contacts(id),
  instrument      TEXT NOT NULL,
  answers         TEXT NOT NULL,
  score           INTEGER NOT NULL,
  positive        INTEGER NOT NULL CHECK (positive IN (0,1)),
  administered_at TEXT NOT NULL,
  administered_by TEXT REFERENCES users(id),
  UNIQUE (contact_id, instrument)
) STRICT;

CREATE TABLE followups (
  id           TEXT PRIMARY KEY,
  person_id    TEXT NOT NULL REFERENCES persons(id),
  contact_id   TEXT REFERENCES contacts(id),
  due_date     TEXT NOT NULL,
  assignee_id  TEXT NOT NULL REFERENCES users(id),
  note         TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
  outcome_note TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  created_by   TEXT REFERENCES users(id),
  closed_at    TEXT,
  closed_by    TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX followups_assignee ON followups(assignee_id, status, due_date);
CREATE INDEX followups_person ON followups(person_id);
CREATE INDEX followups_due ON followups(status, due_date);

CREATE TABLE drafts (
  user_id  TEXT NOT NULL REFERENCES users(id),
  form_key TEXT NOT NULL,
  content  TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (user_id, form_key)
) STRICT, WITHOUT ROWID;
`;
