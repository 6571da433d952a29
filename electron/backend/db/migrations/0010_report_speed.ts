/**
 * Performance of the quarterly report (issue 13, `npm run bench`): every row a period's report reads comes
 * from a covering index, without a lookup of the table row behind each entry.
 * - Referrals made in the period: `referrals_report` also holds `sent_at` (the condition of the partial
 *   index). Without it SQLite read each referral's row to test `sent_at IS NOT NULL` again.
 * - Each person's retention check of `n` days: one entry of an index by person, kind, days and removal,
 *   holding the answer, where the person's index by date read every milestone of theirs and then each row.
 * - The people enrolled (by first contact) and first engaged in a period: one range of an index that holds
 *   both dates, where each entry of the index on one date was followed by a lookup of the row.
 */
export const sql = `
DROP INDEX referrals_report;
CREATE INDEX referrals_report ON referrals(referred_on, status, accepted_at, engaged_on, closure_reason, types_mask, created_by,
  contact_id, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX participant_milestones_retention ON participant_milestones(person_id, kind, check_days, removed_at, still_engaged);
DROP INDEX participant_progress_contact;
CREATE INDEX participant_progress_contact ON participant_progress(first_contact_on, first_engaged_on);
DROP INDEX participant_progress_engaged;
CREATE INDEX participant_progress_engaged ON participant_progress(first_engaged_on, first_contact_on)
  WHERE first_engaged_on IS NOT NULL;
`;
