/**
 * Hardening (issue 7):
 * - screenings keep answers, score and result in one clinical value, `result`, sealed with the clinical
 *   key (clinical/seal.ts). Rows from before this migration hold plain JSON until the store's clinical key
 *   is created, at the first administrator login after the upgrade, which seals them (clinical/legacy.ts);
 * - audit entries record which hash formula they use (2: the sequence number is hashed too);
 * - users record whether their key slot is bound to them (2), so that an old-format slot cannot be put back.
 */
export const sql = /* sql */ `
CREATE TABLE screenings_v2 (
  id              TEXT PRIMARY KEY,
  contact_id      TEXT NOT NULL REFERENCES contacts(id),
  instrument      TEXT NOT NULL,
  result          TEXT NOT NULL,
  administered_at TEXT NOT NULL,
  administered_by TEXT REFERENCES users(id),
  UNIQUE (contact_id, instrument)
) STRICT;
INSERT INTO screenings_v2 (id, contact_id, instrument, result, administered_at, administered_by)
  SELECT id, contact_id, instrument,
         json_object('answers', json(answers), 'score', score, 'positive', json(CASE positive WHEN 1 THEN 'true' ELSE 'false' END)),
         administered_at, administered_by
  FROM screenings;
DROP TABLE screenings;
ALTER TABLE screenings_v2 RENAME TO screenings;

ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
ALTER TABLE users ADD COLUMN slot_version INTEGER NOT NULL DEFAULT 1 CHECK (slot_version IN (1, 2));
`;
