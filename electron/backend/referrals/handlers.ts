import { randomUUID } from 'node:crypto';
import type { referralsContract } from '../../../shared/contract/referrals';
import type { ConsentCategory } from '../../../shared/domain/consents';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { AWAITING_STATUSES, categoriesForNeeds, isCorrection, transitionProblem } from '../../../shared/domain/referrals';
import { NEED_SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { discloseThroughGate } from '../consents/gate';
import { loadConsents } from '../consents/repo';
import { addDays } from '../../../shared/domain/calendar';
import { departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { AppError, Problems } from '../errors';
import { findContact } from '../intake/repo';
import { resolvePersonRow } from '../people/repo';
import { serviceTypesOf } from '../providers/search';
import type { Ctx, HandlersFor } from '../router';
import { followUpDays, loadReferrals, referralWriter, requireReferral, requireReferralRow, setFollowUpDays } from './repo';
import { suggestServices } from './suggest';
import { CONSENT_EXPIRY_WARNING_DAYS } from '../../../shared/domain/consents';

type ReferralHandlers = HandlersFor<typeof referralsContract>;

/** A service of the directory that can still take referrals, or a refusal naming the field. */
export function requireReferableService(db: Db, serviceId: string, field: string) {
  const s = db
    .prepare(
      `SELECT s.id, s.name, s.status, s.organization_id, coalesce(o.name, '') AS org_name
         FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id WHERE s.id = ?`,
    )
    .get(serviceId) as { id: string; name: string; status: string; organization_id: string; org_name: string } | undefined;
  if (!s) {
    throw new AppError('invalid_input', 'Provider: this service is no longer in the directory; choose another one.', field);
  }
  if (s.status === 'inactive' || s.status === 'defunct') {
    throw new AppError('invalid_input', `Provider: ${s.name} is no longer offered (${s.status}); choose another service.`, field);
  }
  return s;
}

function referableOrProblem(db: Db, serviceId: string, problems: Problems) {
  try {
    return requireReferableService(db, serviceId, 'serviceId');
  } catch (err) {
    if (!(err instanceof AppError) || !err.field) throw err;
    problems.add(err.field, err.message);
    return null;
  }
}

/** Sends a referral (draft → sent): the consent gate, the disclosure log, the status change. */
function send(
  ctx: Ctx,
  referralId: string,
  note: string,
  override: { reason: string } | undefined,
): { disclosureId: string; basis: string } {
  const row = requireReferralRow(ctx.db, referralId);
  const today = departmentToday(ctx.db, ctx.backend.now());
  const result = discloseThroughGate(ctx, {
    personId: row.person_id,
    kind: 'referral',
    recipient: { organizationId: row.organization_id, name: row.organization_name },
    categories: JSON.parse(row.categories) as ConsentCategory[],
    purpose: `Referral to ${row.service_name}`,
    referralId: row.id,
    letterId: null,
    override,
    day: today,
  });
  referralWriter(ctx.db).transition({
    id: row.id,
    from: row.status,
    to: 'sent',
    at: ctx.backend.nowIso(),
    userId: ctx.user.id,
    note,
    closureReason: null,
    engagedOn: null,
  });
  return result;
}

export const referralsHandlers: ReferralHandlers = {
  'referrals.suggest': (ctx, input) => {
    const language = input.personId ? (resolvePersonRow(ctx.db, input.personId, 'personId').preferred_language ?? null) : null;
    return suggestServices(ctx.db, { needs: input.needs, language, limit: input.limit }, new Date(ctx.backend.now()));
  },

  'referrals.create': (ctx, input) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    const today = departmentToday(db, now);
    const person = resolvePersonRow(db, input.personId, 'personId');
    // Every problem at once: the contact, the service, the date and the override.
    const problems = new Problems();
    let contactDate: string | null = null;
    if (input.contactId) {
      const contact = findContact(db, input.contactId);
      if (!contact) problems.add('contactId', 'This contact does not exist.');
      else if (!contact.personId) {
        problems.add(
          'contactId',
          'This contact is not linked to a person yet: link it to the person first, then make the referral.',
        );
      } else if (resolvePersonRow(db, contact.personId, 'contactId').id !== person.id) {
        problems.add('contactId', 'This contact belongs to another person.');
      } else contactDate = contact.occurredDate;
    }
    const service = referableOrProblem(db, input.serviceId, problems);
    const referredOn = input.referredOn ?? today;
    if (referredOn > today) problems.add('referredOn', 'Date of referral: it cannot be in the future.');
    else if (contactDate && referredOn < contactDate) {
      problems.add('referredOn', `Date of referral: it cannot be before the contact it comes from (${contactDate}).`);
    }
    if (input.override && !input.send) problems.add('override', 'An override applies only when the referral is sent now.');
    problems.throwIfAny();
    if (!service) throw new AppError('invalid_input', 'Provider: choose a service from the directory.', 'serviceId');
    const offered = serviceTypesOf(db, service.id);
    const forNeeds = new Set<ServiceType>(input.needs.flatMap((n) => NEED_SERVICE_TYPES[n]));
    const matching = offered.filter((t) => forNeeds.has(t));
    const id = randomUUID();
    const at = ctx.backend.nowIso();
    referralWriter(db).create({
      id,
      personId: person.id,
      contactId: input.contactId,
      service: {
        id: service.id,
        organizationId: service.organization_id,
        name: service.name,
        organizationName: service.org_name,
      },
      needs: input.needs,
      serviceTypes: matching.length ? matching : offered,
      categories: categoriesForNeeds(input.needs),
      method: input.method,
      reason: input.reason,
      referredOn,
      userId: ctx.user.id,
      at,
      note: input.send ? '' : input.note,
    });
    ctx.audit.targetType = 'referral';
    ctx.audit.targetId = id;
    ctx.audit.detail = {
      personId: person.id,
      serviceId: service.id,
      needs: input.needs.length,
      method: input.method,
      sent: input.send,
    };
    if (input.send) {
      const sent = send(ctx, id, input.note, input.override);
      ctx.audit.detail = {
        ...ctx.audit.detail,
        disclosureId: sent.disclosureId,
        basis: sent.basis,
        override: sent.basis === 'override',
      };
    }
    return { referral: requireReferral(db, now, id) };
  },

  'referrals.get': (ctx, input) => {
    const referral = requireReferral(ctx.db, ctx.backend.now(), input.id);
    ctx.audit.targetType = 'referral';
    ctx.audit.targetId = referral.id;
    return { referral };
  },

  'referrals.list': (ctx, input) => {
    if (!input.personId && !input.contactId) {
      throw new AppError('invalid_input', 'Say whose referrals to list: a person or a contact.', 'personId');
    }
    const where: string[] = [];
    const params: string[] = [];
    if (input.personId) {
      where.push('r.person_id = ?');
      params.push(resolvePersonRow(ctx.db, input.personId, 'personId').id);
      ctx.audit.targetType = 'person';
      ctx.audit.targetId = params[0]!;
    }
    if (input.contactId) {
      where.push('r.contact_id = ?');
      params.push(input.contactId);
    }
    return { referrals: loadReferrals(ctx.db, ctx.backend.now(), where.join(' AND '), params, 500) };
  },

  'referrals.transition': (ctx, input) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    const today = departmentToday(db, now);
    const row = requireReferralRow(db, input.id);
    ctx.audit.targetType = 'referral';
    ctx.audit.targetId = row.id;
    ctx.audit.detail = { from: row.status, to: input.to };
    const problems = new Problems();
    const problem = transitionProblem(row.status, input.to, input.closureReason);
    if (problem) problems.add(problem.field, problem.message);
    else if (isCorrection(row.status, input.to) && !input.note) {
      problems.add('note', 'Note: say why the engagement is taken back (for example, it was recorded on the wrong referral).');
    }
    if (input.to === 'engaged') {
      if (!input.engagedOn) problems.add('engagedOn', 'Engagement date: enter the day of the first appointment attended.');
      else if (input.engagedOn < row.referred_on) {
        problems.add('engagedOn', `Engagement date: it cannot be before the referral (${row.referred_on}).`);
      } else if (input.engagedOn > today) problems.add('engagedOn', 'Engagement date: it cannot be in the future.');
    } else if (input.engagedOn) {
      problems.add('engagedOn', 'An engagement date is recorded only when the referral becomes engaged.');
    }
    if (input.override && input.to !== 'sent') problems.add('override', 'An override applies only when the referral is sent.');
    problems.throwIfAny();
    if (input.to === 'sent') {
      requireReferableService(db, row.service_id, 'serviceId');
      const sent = send(ctx, row.id, input.note, input.override);
      ctx.audit.detail = {
        ...ctx.audit.detail,
        disclosureId: sent.disclosureId,
        basis: sent.basis,
        override: sent.basis === 'override',
      };
    } else {
      referralWriter(db).transition({
        id: row.id,
        from: row.status,
        to: input.to,
        at: ctx.backend.nowIso(),
        userId: ctx.user.id,
        note: input.note,
        closureReason: input.closureReason,
        engagedOn: input.engagedOn,
      });
      if (input.closureReason) ctx.audit.detail = { ...ctx.audit.detail, closureReason: input.closureReason };
    }
    return { referral: requireReferral(db, now, row.id) };
  },

  'referrals.home': (ctx) => {
    const db = ctx.db;
    const now = ctx.backend.now();
    const today = departmentToday(db, now);
    const days = followUpDays(db);
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    const everyone = ctx.user.role === 'coordinator' || ctx.user.role === 'admin';
    const where = `r.status IN (SELECT value FROM json_each(?)) AND r.status_changed_at <= ?${everyone ? '' : ' AND r.created_by = ?'}`;
    const params: unknown[] = [JSON.stringify(AWAITING_STATUSES), cutoff, ...(everyone ? [] : [ctx.user.id])];
    const total = db
      .prepare(`SELECT count(*) FROM referrals r WHERE ${where}`)
      .pluck()
      .get(...params) as number;
    // The 50 oldest first, from the index alone; only those 50 are then read in full (a busy unit has thousands).
    const oldest = db
      .prepare(`SELECT r.rowid FROM referrals r WHERE ${where} ORDER BY r.status_changed_at ASC LIMIT 50`)
      .pluck()
      .all(...params) as number[];
    const needsFollowUp = loadReferrals(
      db,
      now,
      'r.rowid IN (SELECT value FROM json_each(?))',
      [JSON.stringify(oldest)],
      50,
      'r.status_changed_at ASC',
    );
    const clinical = (CLINICAL_ROLES as readonly string[]).includes(ctx.user.role);
    const expiringConsents = clinical
      ? loadConsents(
          db,
          today,
          `c.rowid IN (SELECT x.rowid FROM consents x JOIN persons px ON px.id = x.person_id
             WHERE x.expires_on BETWEEN ? AND ? AND (x.revoked_on IS NULL OR x.revoked_on > ?) AND x.event_occurred_on IS NULL
               AND px.merged_into IS NULL
             ORDER BY x.signed_on DESC, x.created_at DESC LIMIT 50)`,
          [today, addDays(today, CONSENT_EXPIRY_WARNING_DAYS), today],
        )
      : [];
    return { needsFollowUp, needsFollowUpTotal: total, expiringConsents, followUpDays: days };
  },

  'referrals.settings': (ctx) => ({ followUpDays: followUpDays(ctx.db) }),

  'referrals.updateSettings': (ctx, input) => {
    setFollowUpDays(ctx.db, input.followUpDays);
    ctx.audit.detail = { followUpDays: input.followUpDays };
    return { followUpDays: input.followUpDays };
  },
};
