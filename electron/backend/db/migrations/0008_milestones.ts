/**
 * Milestones (issue 10): the programme plan with its change history and partner organisations; the TTA
 * provider's quarterly questions and answers; participant milestones recorded by hand (notes sealed with
 * the clinical key; removal keeps the row); and `participant_progress`, the derived participant milestones,
 * kept by triggers in the same transaction as every change to referrals and contacts.
 *
 * Why a maintained table and not a query: reports count enrolment and 30-day engagement over every person
 * (50,000 and more) for any period. Derived on the fly that is a grouping of every referral joined to its
 * contact for each report; kept here it is one indexed range read. Triggers rather than calls from the
 * handlers, so that no path that writes referrals (the window, a merge, the demo loader, a later import or
 * correction) can leave it stale. The rules it implements are stated in shared/domain/participants.ts.
 */

const QUESTIONS: readonly [string, string, 'number' | 'yes_no' | 'text'][] = [
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a01', 'Number of officers trained in deflection this quarter', 'number'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a02', 'Number of co-responders, clinicians and peers working with the unit', 'number'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a03', 'Number of treatment and service partners with a signed MOU', 'number'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a04', 'Were any new MOUs or data-sharing agreements signed this quarter?', 'yes_no'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a05', 'Number of community engagement events held this quarter', 'number'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a06', 'Did the programme receive technical assistance this quarter?', 'yes_no'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a07', 'Main barriers to implementation this quarter', 'text'],
  ['6b1d0c52-3f0e-4c8e-9a51-0d3c2e7f1a08', 'Successes to share with the TTA provider', 'text'],
];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Statuses in which a referral's engagement date counts: engaged, and engaged then completed or closed
 * (ENGAGEMENT_STATUSES of shared/domain/participants.ts, written out here: a migration never changes).
 */
const ENGAGED_STATUSES = `('engaged','completed','closed')`;

/**
 * Recomputes, as `deriveProgress` of shared/domain/participants.ts does, the derived milestones of the people listed by \`persons\` (ids, or a SELECT of them):
 * - first contact: the earliest day of a contact that a sent referral was made from (or the referral's own
 *   date when it was made without a contact), over the referrals that were sent;
 * - first treatment engagement: the earliest engagement date of a referral that is (or was, then completed
 *   or closed) engaged. A correction back from engaged clears the referral's engagement date.
 * With min(), SQLite takes the other columns from the row holding the minimum.
 */
function refresh(persons: string): string {
  return `
  DELETE FROM participant_progress WHERE person_id IN (${persons});
  INSERT INTO participant_progress (person_id, first_contact_on, first_contact_id, first_referral_id)
    SELECT r.person_id, min(coalesce(c.occurred_date, r.referred_on)), r.contact_id, r.id
      FROM referrals r LEFT JOIN contacts c ON c.id = r.contact_id
     WHERE r.person_id IN (${persons}) AND r.sent_at IS NOT NULL
     GROUP BY r.person_id;
  UPDATE participant_progress SET (first_engaged_on, engaged_referral_id) =
    (SELECT min(r.engaged_on), r.id FROM referrals r
      WHERE r.person_id = participant_progress.person_id AND r.engaged_on IS NOT NULL AND r.status IN ${ENGAGED_STATUSES})
   WHERE person_id IN (${persons});`;
}

export const sql = /* sql */ `
CREATE TABLE programme_milestones (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL,
  owner_user_id   TEXT REFERENCES users(id),
  owner_name      TEXT NOT NULL DEFAULT '',
  due_date        TEXT NOT NULL,
  event_date      TEXT,
  event_time      TEXT,
  event_time_zone TEXT,
  status          TEXT NOT NULL CHECK (status IN ('planned','in_progress','at_risk','done','cancelled')),
  completed_on    TEXT,
  evidence        TEXT NOT NULL DEFAULT '',
  template_key    TEXT UNIQUE,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES users(id),
  updated_at      TEXT NOT NULL,
  updated_by      TEXT REFERENCES users(id),
  CHECK ((owner_user_id IS NULL) <> (owner_name = '')),
  CHECK ((event_date IS NULL) = (event_time IS NULL) AND (event_date IS NULL) = (event_time_zone IS NULL)),
  CHECK ((status = 'done') = (completed_on IS NOT NULL))
) STRICT;
CREATE INDEX programme_milestones_due ON programme_milestones(due_date);

-- Directory organisations a milestone is about (the MOU partner), with the name as it was when linked:
-- the directory can be re-imported or pruned.
CREATE TABLE programme_milestone_organizations (
  milestone_id      TEXT NOT NULL REFERENCES programme_milestones(id),
  organization_id   TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  position          INTEGER NOT NULL,
  PRIMARY KEY (milestone_id, organization_id)
) STRICT, WITHOUT ROWID;

-- Every change of every field: who, when, from, to. Append-only.
CREATE TABLE programme_milestone_history (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  milestone_id TEXT NOT NULL REFERENCES programme_milestones(id),
  at           TEXT NOT NULL,
  user_id      TEXT REFERENCES users(id),
  field        TEXT NOT NULL,
  old_value    TEXT,
  new_value    TEXT
) STRICT;
CREATE INDEX programme_milestone_history_milestone ON programme_milestone_history(milestone_id, seq);
CREATE TRIGGER programme_milestone_history_no_update BEFORE UPDATE ON programme_milestone_history
BEGIN SELECT RAISE(ABORT, 'milestone history cannot be changed'); END;
CREATE TRIGGER programme_milestone_history_no_delete BEFORE DELETE ON programme_milestone_history
BEGIN SELECT RAISE(ABORT, 'milestone history cannot be deleted'); END;

CREATE TABLE tta_questions (
  id          TEXT PRIMARY KEY,
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  answer_type TEXT NOT NULL CHECK (answer_type IN ('number','yes_no','text')),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at  TEXT NOT NULL,
  created_by  TEXT REFERENCES users(id),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT REFERENCES users(id)
) STRICT;

-- One answer per question and quarter ("2026-Q4"), as JSON (number, true/false or text), with the wording answered.
CREATE TABLE tta_answers (
  quarter       TEXT NOT NULL,
  question_id   TEXT NOT NULL REFERENCES tta_questions(id),
  question_text TEXT NOT NULL,
  value         TEXT NOT NULL CHECK (json_valid(value)),
  answered_at   TEXT NOT NULL,
  answered_by   TEXT REFERENCES users(id),
  PRIMARY KEY (quarter, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tta_answers_question ON tta_answers(question_id);

${QUESTIONS.map(
  ([id, text, type], i) =>
    `INSERT INTO tta_questions (id, position, text, answer_type, created_at, updated_at) VALUES (${quote(id)}, ${i + 1}, ${quote(text)}, ${quote(type)}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));`,
).join('\n')}

-- Participant milestones recorded by hand. The note is sealed with the clinical key (clinical/seal.ts,
-- purpose participant_milestones.note), or '' when there is none. A milestone recorded in error is removed
-- by marking it (who, when, why): the row stays.
CREATE TABLE participant_milestones (
  id             TEXT PRIMARY KEY,
  person_id      TEXT NOT NULL REFERENCES persons(id),
  kind           TEXT NOT NULL CHECK (kind IN ('retention','housing','employment','exited')),
  date           TEXT NOT NULL,
  check_days     INTEGER CHECK (check_days IN (30,60,90)),
  still_engaged  INTEGER CHECK (still_engaged IN (0,1)),
  exit_reason    TEXT,
  note           TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  created_by     TEXT REFERENCES users(id),
  removed_at     TEXT,
  removed_by     TEXT REFERENCES users(id),
  removed_reason TEXT,
  CHECK ((kind = 'retention') = (check_days IS NOT NULL) AND (kind = 'retention') = (still_engaged IS NOT NULL)),
  CHECK ((kind = 'exited') = (exit_reason IS NOT NULL)),
  CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
) STRICT;
CREATE INDEX participant_milestones_person ON participant_milestones(person_id, date);
CREATE INDEX participant_milestones_kind ON participant_milestones(kind, date) WHERE removed_at IS NULL;

-- Derived participant milestones, one row per person with a referral that was sent: the first contact
-- (enrolment) and the first treatment engagement, by the rules of shared/domain/participants.ts.
CREATE TABLE participant_progress (
  person_id           TEXT PRIMARY KEY REFERENCES persons(id),
  first_contact_on    TEXT NOT NULL,
  first_contact_id    TEXT,
  first_referral_id   TEXT NOT NULL,
  first_engaged_on    TEXT,
  engaged_referral_id TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX participant_progress_contact ON participant_progress(first_contact_on);
CREATE INDEX participant_progress_engaged ON participant_progress(first_engaged_on) WHERE first_engaged_on IS NOT NULL;
-- Whose people they are (home screen: retention checks due), answered from the indexes alone.
CREATE INDEX contacts_person_co_responder ON contacts(person_id, co_responder_id) WHERE co_responder_id IS NOT NULL;
CREATE INDEX referrals_person_author ON referrals(person_id, created_by);

${refresh('SELECT DISTINCT person_id FROM referrals')}

-- Only changes that can move a person's first contact or first engagement fire (a draft, or a step such as
-- sent → accepted, cannot).
CREATE TRIGGER participant_progress_referral_insert AFTER INSERT ON referrals
WHEN NEW.sent_at IS NOT NULL
BEGIN ${refresh('NEW.person_id')} END;
CREATE TRIGGER participant_progress_referral_update AFTER UPDATE ON referrals
WHEN OLD.person_id IS NOT NEW.person_id
  OR ((OLD.sent_at IS NULL) <> (NEW.sent_at IS NULL))
  OR (NEW.sent_at IS NOT NULL AND (OLD.contact_id IS NOT NEW.contact_id OR OLD.referred_on IS NOT NEW.referred_on))
  OR ((OLD.engaged_on IS NOT NULL AND OLD.status IN ${ENGAGED_STATUSES}) IS NOT (NEW.engaged_on IS NOT NULL AND NEW.status IN ${ENGAGED_STATUSES}))
  OR (NEW.engaged_on IS NOT NULL AND NEW.status IN ${ENGAGED_STATUSES} AND OLD.engaged_on IS NOT NEW.engaged_on)
BEGIN ${refresh('OLD.person_id, NEW.person_id')} END;
CREATE TRIGGER participant_progress_referral_delete AFTER DELETE ON referrals
BEGIN ${refresh('OLD.person_id')} END;
CREATE TRIGGER participant_progress_contact_date AFTER UPDATE OF occurred_date ON contacts
WHEN OLD.occurred_date IS NOT NEW.occurred_date
BEGIN ${refresh('SELECT person_id FROM referrals WHERE contact_id = NEW.id')} END;
`;
