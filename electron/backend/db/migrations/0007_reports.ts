import { NEEDS } from '../../../../shared/domain/needs';
import { SERVICE_TYPES } from '../../../../shared/domain/serviceTypes';

/**
 * Reports (issue 11).
 *
 * 1. The log of every data package and PDF summary that left the building (who, when, profile, period,
 *    suppression threshold, SHA-256, the audit anchor it carried), append-only.
 * 2. What the quarterly computation reads (reports/compute.ts), so that a quarter is a few range scans of
 *    indexes ordered by time, never a lookup per contact into tables keyed by random ids:
 *    - each need and service type has a fixed bit (`report_bits`; a migration that adds a code to those
 *      vocabularies adds its bit here too — a test checks that every code has one);
 *    - `contacts.needs_mask`: the bits of the contact's needs; `referrals.types_mask`: the bits of the
 *      referral's service types; `contacts.referred_types_mask`: the bits of the service types of the
 *      referrals made (sent) from the contact. Triggers keep them in step with `contact_needs`,
 *      `referral_service_types` and `referrals`, whoever writes those;
 *    - covering indexes over the period's contacts, people and referrals.
 */

const bits = (vocab: string, codes: readonly string[]) =>
  codes.map((code, bit) => `INSERT INTO report_bits (vocab, code, bit) VALUES ('${vocab}', '${code}', ${bit});`).join('\n');

const NEEDS_OF = (contact: string) => `(SELECT coalesce(sum(1 << b.bit), 0) FROM contact_needs n
    JOIN report_bits b ON b.vocab = 'need' AND b.code = n.need WHERE n.contact_id = ${contact})`;
const TYPES_OF = (referral: string) => `(SELECT coalesce(sum(1 << b.bit), 0) FROM referral_service_types t
    JOIN report_bits b ON b.vocab = 'service_type' AND b.code = t.service_type WHERE t.referral_id = ${referral})`;
const REFERRED_OF = (contact: string) => `(SELECT coalesce(sum(DISTINCT 1 << b.bit), 0) FROM referrals r
    JOIN referral_service_types t ON t.referral_id = r.id
    JOIN report_bits b ON b.vocab = 'service_type' AND b.code = t.service_type
    WHERE r.contact_id = ${contact} AND r.sent_at IS NOT NULL)`;
const REFRESH_CONTACT = (contact: string) =>
  `UPDATE contacts SET referred_types_mask = ${REFERRED_OF('contacts.id')} WHERE id = ${contact};`;

export const sql = /* sql */ `
CREATE TABLE report_exports (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('package','pdf')),
  profile      TEXT CHECK (profile IS NULL OR profile IN ('state','tta')),
  period_from  TEXT NOT NULL,
  period_to    TEXT NOT NULL,
  threshold    INTEGER NOT NULL CHECK (threshold >= 0),
  hidden_count INTEGER NOT NULL CHECK (hidden_count >= 0),
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  byte_size    INTEGER NOT NULL,
  audit_anchor TEXT,
  via          TEXT NOT NULL CHECK (via IN ('app','cli')),
  created_at   TEXT NOT NULL,
  created_by   TEXT REFERENCES users(id),
  CHECK ((kind = 'package') = (profile IS NOT NULL)),
  CHECK (period_to >= period_from)
) STRICT;
CREATE INDEX report_exports_created ON report_exports(created_at);
CREATE TRIGGER report_exports_no_update BEFORE UPDATE ON report_exports
BEGIN SELECT RAISE(ABORT, 'the export log cannot be changed'); END;
CREATE TRIGGER report_exports_no_delete BEFORE DELETE ON report_exports
BEGIN SELECT RAISE(ABORT, 'the export log cannot be changed'); END;

CREATE TABLE report_bits (
  vocab TEXT NOT NULL CHECK (vocab IN ('need','service_type')),
  code  TEXT NOT NULL,
  bit   INTEGER NOT NULL CHECK (bit BETWEEN 0 AND 62),
  PRIMARY KEY (vocab, code),
  UNIQUE (vocab, bit)
) STRICT, WITHOUT ROWID;
${bits(
  'need',
  NEEDS.map((n) => n.code),
)}
${bits('service_type', SERVICE_TYPES)}

ALTER TABLE contacts ADD COLUMN needs_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN referred_types_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE referrals ADD COLUMN types_mask INTEGER NOT NULL DEFAULT 0;

UPDATE contacts SET needs_mask = m.mask FROM (
  SELECT n.contact_id, sum(1 << b.bit) AS mask FROM contact_needs n
    JOIN report_bits b ON b.vocab = 'need' AND b.code = n.need GROUP BY n.contact_id) AS m
 WHERE m.contact_id = contacts.id;
UPDATE referrals SET types_mask = m.mask FROM (
  SELECT t.referral_id, sum(1 << b.bit) AS mask FROM referral_service_types t
    JOIN report_bits b ON b.vocab = 'service_type' AND b.code = t.service_type GROUP BY t.referral_id) AS m
 WHERE m.referral_id = referrals.id;
UPDATE contacts SET referred_types_mask = m.mask FROM (
  SELECT r.contact_id, sum(DISTINCT 1 << b.bit) AS mask FROM referrals r
    JOIN referral_service_types t ON t.referral_id = r.id
    JOIN report_bits b ON b.vocab = 'service_type' AND b.code = t.service_type
   WHERE r.contact_id IS NOT NULL AND r.sent_at IS NOT NULL GROUP BY r.contact_id) AS m
 WHERE m.contact_id = contacts.id;

CREATE TRIGGER contact_needs_mask_insert AFTER INSERT ON contact_needs
BEGIN UPDATE contacts SET needs_mask = ${NEEDS_OF('contacts.id')} WHERE id = NEW.contact_id; END;
CREATE TRIGGER contact_needs_mask_delete AFTER DELETE ON contact_needs
BEGIN UPDATE contacts SET needs_mask = ${NEEDS_OF('contacts.id')} WHERE id = OLD.contact_id; END;
CREATE TRIGGER contact_needs_mask_update AFTER UPDATE ON contact_needs
BEGIN
  UPDATE contacts SET needs_mask = ${NEEDS_OF('contacts.id')} WHERE id IN (OLD.contact_id, NEW.contact_id);
END;

CREATE TRIGGER referral_types_mask_insert AFTER INSERT ON referral_service_types
BEGIN
  UPDATE referrals SET types_mask = ${TYPES_OF('referrals.id')} WHERE id = NEW.referral_id;
  ${REFRESH_CONTACT('(SELECT contact_id FROM referrals WHERE id = NEW.referral_id)')}
END;
CREATE TRIGGER referral_types_mask_delete AFTER DELETE ON referral_service_types
BEGIN
  UPDATE referrals SET types_mask = ${TYPES_OF('referrals.id')} WHERE id = OLD.referral_id;
  ${REFRESH_CONTACT('(SELECT contact_id FROM referrals WHERE id = OLD.referral_id)')}
END;
CREATE TRIGGER referral_types_mask_update AFTER UPDATE ON referral_service_types
BEGIN
  UPDATE referrals SET types_mask = ${TYPES_OF('referrals.id')} WHERE id IN (OLD.referral_id, NEW.referral_id);
  UPDATE contacts SET referred_types_mask = ${REFERRED_OF('contacts.id')}
   WHERE id IN (SELECT contact_id FROM referrals WHERE id IN (OLD.referral_id, NEW.referral_id));
END;
CREATE TRIGGER referrals_referred_insert AFTER INSERT ON referrals WHEN NEW.contact_id IS NOT NULL AND NEW.sent_at IS NOT NULL
BEGIN ${REFRESH_CONTACT('NEW.contact_id')} END;
CREATE TRIGGER referrals_referred_update AFTER UPDATE OF sent_at, contact_id ON referrals
  WHEN OLD.sent_at IS NOT NEW.sent_at OR OLD.contact_id IS NOT NEW.contact_id
BEGIN
  UPDATE contacts SET referred_types_mask = ${REFERRED_OF('contacts.id')} WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER referrals_referred_delete AFTER DELETE ON referrals WHEN OLD.contact_id IS NOT NULL
BEGIN ${REFRESH_CONTACT('OLD.contact_id')} END;

-- The period's contacts from one index range, never their wide rows (narratives, locations).
CREATE INDEX contacts_report ON contacts(occurred_at, pathway, disposition, referral_source, charge_category,
  charges_in_abeyance, person_id, occurred_date, overdose, naloxone_doses, use_of_force, injury, needs_mask, referred_types_mask);
-- The demographics of a period's people, without reading names or aliases.
CREATE INDEX persons_report ON persons(id, sex, veteran_status, housing_status, date_of_birth, birth_year, race_ethnicity);
-- Referrals made (sent), by their date.
CREATE INDEX referrals_report ON referrals(referred_on, status, accepted_at, engaged_on, closure_reason, types_mask, created_by, contact_id)
  WHERE sent_at IS NOT NULL;
`;
