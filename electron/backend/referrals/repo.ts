import type { Referral, ReferralEvent } from '../../../shared/contract/referrals';
import type { Need } from '../../../shared/domain/needs';
import { personDisplayName } from '../../../shared/domain/person';
import { allowedTransitions, AWAITING_STATUSES, type ReferralStatus } from '../../../shared/domain/referrals';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { staffNames } from '../intake/repo';
import { getMeta, setMeta } from '../system/settings';
import { DEFAULT_FOLLOW_UP_DAYS } from '../../../shared/domain/referrals';

export interface ReferralRow {
  id: string;
  person_id: string;
  contact_id: string | null;
  service_id: string;
  organization_id: string;
  service_name: string;
  organization_name: string;
  method: string;
  reason: string;
  categories: string;
  referred_on: string;
  status: ReferralStatus;
  status_changed_at: string;
  engaged_on: string | null;
  closure_reason: string | null;
  created_at: string;
  created_by: string | null;
  first_name: string;
  last_name: string;
  aliases: string;
  contact_date: string | null;
  in_directory: number;
}

interface EventRow {
  seq: number;
  referral_id: string;
  at: string;
  user_id: string | null;
  from_status: string | null;
  to_status: string;
  note: string;
  closure_reason: string | null;
  engaged_on: string | null;
}

const SELECT = `
  SELECT r.*, p.first_name, p.last_name, p.aliases, c.occurred_date AS contact_date,
         EXISTS (SELECT 1 FROM hsds_service s WHERE s.id = r.service_id) AS in_directory
  FROM referrals r JOIN persons p ON p.id = r.person_id LEFT JOIN contacts c ON c.id = r.contact_id`;

const DAY = 86_400_000;
const SETTINGS_KEY = 'referrals.settings';

export function followUpDays(db: Db): number {
  const raw = getMeta(db, SETTINGS_KEY);
  const stored = raw ? (JSON.parse(raw) as { followUpDays?: unknown }).followUpDays : undefined;
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 && stored <= 90 ? stored : DEFAULT_FOLLOW_UP_DAYS;
}

export function setFollowUpDays(db: Db, days: number): void {
  setMeta(db, SETTINGS_KEY, JSON.stringify({ followUpDays: days }));
}

function group<T extends { referral_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.referral_id, [...(map.get(r.referral_id) ?? []), r]);
  return map;
}

/** Referrals matching `where` (on `referrals r`), newest first, with needs, service types and history in one query each. */
export function loadReferrals(
  db: Db,
  now: number,
  where: string,
  params: unknown[],
  limit = 10_000,
  order = 'r.created_at DESC',
): Referral[] {
  const rows = db
    .prepare(`${SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${Math.floor(limit)}`)
    .all(...params) as ReferralRow[];
  if (!rows.length) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const inIds = 'referral_id IN (SELECT value FROM json_each(?))';
  const needs = group(
    db.prepare(`SELECT referral_id, need FROM referral_needs WHERE ${inIds} ORDER BY need`).all(ids) as {
      referral_id: string;
      need: string;
    }[],
  );
  const types = group(
    db.prepare(`SELECT referral_id, service_type FROM referral_service_types WHERE ${inIds} ORDER BY service_type`).all(ids) as {
      referral_id: string;
      service_type: string;
    }[],
  );
  const events = group(
    db.prepare(`SELECT * FROM referral_events WHERE ${inIds} ORDER BY referral_id, seq`).all(ids) as EventRow[],
  );
  const staff = staffNames(db);
  const days = followUpDays(db);
  return rows.map((r) => {
    const since = Math.max(0, Math.floor((now - Date.parse(r.status_changed_at)) / DAY));
    const history: ReferralEvent[] = (events.get(r.id) ?? []).map((e) => ({
      seq: e.seq,
      at: e.at,
      by: staff(e.user_id),
      from: e.from_status,
      to: e.to_status,
      note: e.note,
      closureReason: e.closure_reason,
      engagedOn: e.engaged_on,
    }));
    return {
      id: r.id,
      personId: r.person_id,
      personName: personDisplayName({
        firstName: r.first_name,
        lastName: r.last_name,
        aliases: JSON.parse(r.aliases) as string[],
      }),
      contactId: r.contact_id,
      contactDate: r.contact_date,
      service: {
        id: r.service_id,
        organizationId: r.organization_id,
        name: r.service_name,
        organizationName: r.organization_name,
        inDirectory: r.in_directory === 1,
      },
      needs: (needs.get(r.id) ?? []).map((n) => n.need),
      serviceTypes: (types.get(r.id) ?? []).map((t) => t.service_type),
      categories: JSON.parse(r.categories) as string[],
      method: r.method,
      reason: r.reason,
      referredOn: r.referred_on,
      status: r.status,
      statusChangedAt: r.status_changed_at,
      engagedOn: r.engaged_on,
      closureReason: r.closure_reason,
      needsFollowUp: AWAITING_STATUSES.includes(r.status) && since >= days,
      daysSinceChange: since,
      next: allowedTransitions(r.status),
      createdAt: r.created_at,
      createdBy: staff(r.created_by),
      history,
    };
  });
}

export function findReferralRow(db: Db, id: string): ReferralRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ReferralRow | undefined;
}

export function requireReferralRow(db: Db, id: string, field = 'id'): ReferralRow {
  const row = findReferralRow(db, id);
  if (!row) throw new AppError('not_found', 'No such referral.', field);
  return row;
}

export function requireReferral(db: Db, now: number, id: string): Referral {
  const r = loadReferrals(db, now, 'r.id = ?', [id], 1)[0];
  if (!r) throw new AppError('not_found', 'No such referral.', 'id');
  return r;
}

export interface NewReferral {
  id: string;
  personId: string;
  contactId: string | null;
  service: { id: string; organizationId: string; name: string; organizationName: string };
  needs: readonly Need[];
  serviceTypes: readonly string[];
  categories: readonly string[];
  method: string;
  reason: string;
  referredOn: string;
  userId: string | null;
  at: string;
  note: string;
}

/** Prepared statements for referrals and their history; the demo generator reuses them for bulk loads. */
export function referralWriter(db: Db) {
  const insert = db.prepare(
    `INSERT INTO referrals (id, person_id, contact_id, service_id, organization_id, service_name, organization_name, method, reason,
       categories, referred_on, status, status_changed_at, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
  );
  const need = db.prepare('INSERT INTO referral_needs (referral_id, need) VALUES (?, ?)');
  const type = db.prepare('INSERT INTO referral_service_types (referral_id, service_type) VALUES (?, ?)');
  const event = db.prepare(
    `INSERT INTO referral_events (referral_id, seq, at, user_id, from_status, to_status, note, closure_reason, engaged_on)
     VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM referral_events WHERE referral_id = @id), @at, @user, @from, @to, @note,
             @reason, @engagedOn)`,
  );
  const addEvent = (
    id: string,
    at: string,
    user: string | null,
    from: string | null,
    to: string,
    note: string,
    reason: string | null,
    engagedOn: string | null,
  ) => event.run({ id, at, user, from, to, note, reason, engagedOn });
  const move = db.prepare(
    `UPDATE referrals SET status = @to, status_changed_at = @at, updated_at = @at, updated_by = @user,
        sent_at = CASE WHEN @to = 'sent' THEN @at ELSE sent_at END,
        accepted_at = CASE WHEN @to = 'accepted' THEN @at ELSE accepted_at END,
        engaged_on = CASE WHEN @to = 'engaged' THEN @engagedOn WHEN @from = 'engaged' AND @to = 'accepted' THEN NULL ELSE engaged_on END,
        completed_at = CASE WHEN @to = 'completed' THEN @at ELSE completed_at END,
        closed_at = CASE WHEN @to = 'closed' THEN @at ELSE closed_at END,
        closure_reason = CASE WHEN @to = 'closed' THEN @reason ELSE closure_reason END
      WHERE id = @id AND status = @from`,
  );
  return {
    create(r: NewReferral): void {
      insert.run(
        r.id,
        r.personId,
        r.contactId,
        r.service.id,
        r.service.organizationId,
        r.service.name,
        r.service.organizationName,
        r.method,
        r.reason,
        JSON.stringify(r.categories),
        r.referredOn,
        r.at,
        r.at,
        r.userId,
        r.at,
        r.userId,
      );
      for (const n of r.needs) need.run(r.id, n);
      for (const t of r.serviceTypes) type.run(r.id, t);
      addEvent(r.id, r.at, r.userId, null, 'draft', r.note, null, null);
    },
    /** One status change and its history entry; the caller has checked that it is allowed. */
    transition(t: {
      id: string;
      from: ReferralStatus;
      to: ReferralStatus;
      at: string;
      userId: string | null;
      note: string;
      closureReason: string | null;
      engagedOn: string | null;
    }): void {
      const info = move.run({
        id: t.id,
        from: t.from,
        to: t.to,
        at: t.at,
        user: t.userId,
        engagedOn: t.engagedOn,
        reason: t.closureReason,
      });
      if (info.changes !== 1) throw new AppError('conflict', 'This referral changed meanwhile; reload it and try again.', 'id');
      addEvent(t.id, t.at, t.userId, t.from, t.to, t.note, t.closureReason, t.engagedOn);
    },
  };
}
