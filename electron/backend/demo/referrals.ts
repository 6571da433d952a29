import { type ConsentCategory, GATED_CATEGORIES } from '../../../shared/domain/consents';
import { statementsFor } from '../consents/repo';
import type { Disposition } from '../../../shared/domain/intake';
import type { Need } from '../../../shared/domain/needs';
import {
  categoriesForNeeds,
  type ClosureReason,
  type ReferralMethod,
  type ReferralStatus,
} from '../../../shared/domain/referrals';
import { NEED_SERVICE_TYPES, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { addDays, dateIn } from '../../../shared/domain/calendar';
import { departmentTimeZone } from '../calendar';
import type { Db } from '../db/open';
import { referralWriter } from '../referrals/repo';
import { withBulkLoad } from './generator';
import { Random } from './random';

/**
 * Synthetic consents and closed-loop referrals for the contacts already in a store, to the services of
 * its directory: most referrals are sent the same day and accepted within days, most engagements follow
 * within days, a tail takes weeks, and a share never engages (closed as no-show, could not contact,
 * declined). Every status change is a history entry; sent referrals are in the disclosure log under the
 * consent that covers them. Deterministic for a seed and a "now"; events never pass "now".
 */

export interface ReferralSeedResult {
  referrals: number;
  consents: number;
  byStatus: Record<string, number>;
  skippedNoDirectory: boolean;
}

/** How likely a contact with this disposition led to a referral. */
const REFERRAL_SHARE: Partial<Record<Disposition, number>> = {
  warm_handoff: 0.9,
  transported_treatment: 0.9,
  referred_info: 0.6,
  crisis_centre: 0.5,
  citation_abeyance: 0.8,
  transported_ed: 0.2,
  other: 0.1,
};

const METHOD: Partial<Record<Disposition, ReferralMethod>> = {
  warm_handoff: 'warm_handoff',
  transported_treatment: 'transported',
  crisis_centre: 'transported',
};

const DAY = 86_400_000;

interface ContactRow {
  id: string;
  person_id: string;
  occurred_at: string;
  occurred_date: string;
  disposition: Disposition;
  co_responder_id: string | null;
  created_by: string | null;
  needs: string;
}

interface ServiceRow {
  id: string;
  name: string;
  organization_id: string;
  org_name: string;
}

export function generateReferrals(
  db: Db,
  opts: { seed: number; now: number; creator: string; batch?: number },
): ReferralSeedResult {
  const r = new Random(opts.seed ^ 0x5eed);
  const result: ReferralSeedResult = { referrals: 0, consents: 0, byStatus: {}, skippedNoDirectory: false };
  const services = db
    .prepare(
      `SELECT s.id, s.name, s.organization_id, coalesce(o.name, '') AS org_name FROM hsds_service s
         LEFT JOIN hsds_organization o ON o.id = s.organization_id WHERE s.status = 'active' ORDER BY s.id`,
    )
    .all() as ServiceRow[];
  const byType = new Map<ServiceType, ServiceRow[]>();
  const typeRows = db
    .prepare('SELECT service_id, service_type FROM provider_service_type ORDER BY service_id, service_type')
    .all() as {
    service_id: string;
    service_type: ServiceType;
  }[];
  const byId = new Map(services.map((s) => [s.id, s]));
  const typesOf = new Map<string, ServiceType[]>();
  for (const t of typeRows) {
    const s = byId.get(t.service_id);
    if (!s) continue;
    byType.set(t.service_type, [...(byType.get(t.service_type) ?? []), s]);
    typesOf.set(s.id, [...(typesOf.get(s.id) ?? []), t.service_type]);
  }
  if (byType.size === 0) {
    result.skippedNoDirectory = true;
    return result;
  }
  const contacts = db
    .prepare(
      `SELECT c.id, c.person_id, c.occurred_at, c.occurred_date, c.disposition, c.co_responder_id, c.created_by,
              (SELECT group_concat(need) FROM contact_needs n WHERE n.contact_id = c.id) AS needs
         FROM contacts c WHERE c.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM referrals x WHERE x.contact_id = c.id)
        ORDER BY c.occurred_at, c.id`,
    )
    .all() as ContactRow[];
  const writer = referralWriter(db);
  const insertConsent = db.prepare(
    `INSERT INTO consents (id, person_id, language, discloser, recipient_kind, recipient_organization_id, recipient_class,
       recipient_name, purpose, tpo, expires_on, signer_kind, signed_on, statements_id, revoked_on, revoked_by, paper_received_on,
       paper_recorded_by, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, 'en', ?, ?, ?, ?, ?, ?, 1, ?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCategory = db.prepare('INSERT INTO consent_categories (consent_id, category) VALUES (?, ?)');
  const insertDisclosure = db.prepare(
    `INSERT INTO disclosures (id, person_id, disclosed_at, disclosed_on, user_id, kind, recipient_name, recipient_organization_id,
       categories, purpose, basis, consent_id, referral_id) VALUES (?, ?, ?, ?, ?, 'referral', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const department = (db.prepare(`SELECT value FROM meta WHERE key = 'department'`).pluck().get() as string | undefined) ?? '{}';
  const discloser = (JSON.parse(department) as { name?: string }).name ?? 'Police Department';
  const statementsId = statementsFor(db, 'en', true);
  const now = opts.now;
  // Calendar dates in the department's time zone, as the station records them (not the generating machine's).
  const zone = departmentTimeZone(db);
  const day = (ms: number) => dateIn(ms, zone);
  const batch = opts.batch ?? 5_000;

  const one = (c: ContactRow) => {
    const share = REFERRAL_SHARE[c.disposition] ?? 0;
    if (!r.chance(share)) return;
    const needs = (c.needs ?? '').split(',').filter(Boolean) as Need[];
    const servable = needs.filter((n) => NEED_SERVICE_TYPES[n].some((t) => byType.has(t)));
    if (!servable.length) return;
    const first = r.pick(servable);
    const chosen = [first, ...servable.filter((n) => n !== first && r.chance(0.3))].sort();
    const type = r.pick(NEED_SERVICE_TYPES[first].filter((t) => byType.has(t)));
    const service = r.pick(byType.get(type)!);
    const offered = typesOf.get(service.id) ?? [];
    const forNeeds = new Set(chosen.flatMap((n) => NEED_SERVICE_TYPES[n]));
    const author = c.co_responder_id && r.chance(0.6) ? c.co_responder_id : (c.created_by ?? opts.creator);
    const contactAt = Date.parse(c.occurred_at);
    const referredAt = contactAt + r.int(5, 240) * 60_000;
    if (referredAt > now) return;
    const categories = categoriesForNeeds(chosen);
    const id = r.uuid();
    const iso = (t: number) => new Date(t).toISOString();
    writer.create({
      id,
      personId: c.person_id,
      contactId: c.id,
      service: {
        id: service.id,
        organizationId: service.organization_id,
        name: service.name,
        organizationName: service.org_name,
      },
      needs: chosen,
      serviceTypes: SERVICE_TYPES.filter((t) => offered.includes(t) && forNeeds.has(t)),
      categories,
      method:
        METHOD[c.disposition] ??
        r.weighted([
          ['phone_call', 5],
          ['letter', 2],
          ['fax_email', 2],
          ['warm_handoff', 1],
        ] as const),
      reason: '',
      referredOn: day(referredAt),
      userId: author,
      at: iso(referredAt),
      note: '',
    });
    result.referrals++;
    let status: ReferralStatus = 'draft';
    let at = referredAt;
    const step = (
      to: ReferralStatus,
      when: number,
      extra: { closureReason?: ClosureReason; engagedOn?: string; note?: string } = {},
    ) => {
      if (when > now) return false;
      writer.transition({
        id,
        from: status,
        to,
        at: iso(when),
        userId: author,
        note: extra.note ?? '',
        closureReason: extra.closureReason ?? null,
        engagedOn: extra.engagedOn ?? null,
      });
      status = to;
      at = when;
      return true;
    };
    const close = (reason: ClosureReason, after: number) => step('closed', at + after, { closureReason: reason });

    // Sent the same day, under a consent where substance-use or mental-health information goes out.
    if (r.chance(0.04)) {
      close('withdrawn', r.int(1, 3) * DAY);
    } else if (step('sent', referredAt + r.int(1, 30) * 60_000)) {
      const gated = categories.filter((x) => (GATED_CATEGORIES as readonly ConsentCategory[]).includes(x));
      let consentId: string | null = null;
      if (gated.length) {
        consentId = r.uuid();
        const byClass = r.chance(0.35);
        const signedOn = day(referredAt);
        const revoked = r.chance(0.03) ? addDays(signedOn, r.int(20, 200)) : null;
        insertConsent.run(
          consentId,
          c.person_id,
          discloser,
          byClass ? 'class' : 'organization',
          byClass ? null : service.organization_id,
          byClass ? 'directory_treatment' : null,
          byClass ? 'Any treatment provider listed in the department’s provider directory' : service.org_name,
          'Referral to treatment and coordination of care',
          addDays(signedOn, 365),
          signedOn,
          statementsId,
          revoked && revoked <= day(now) ? revoked : null,
          revoked && revoked <= day(now) ? author : null,
          r.chance(0.8) ? signedOn : null,
          author,
          iso(referredAt),
          author,
          iso(referredAt),
          author,
        );
        for (const cat of [...new Set<ConsentCategory>([...gated, 'contact_details'])]) insertCategory.run(consentId, cat);
        result.consents++;
      }
      insertDisclosure.run(
        r.uuid(),
        c.person_id,
        iso(at),
        day(at),
        author,
        service.org_name,
        service.organization_id,
        JSON.stringify(categories),
        `Referral to ${service.name}`,
        consentId ? 'consent' : 'not_required',
        consentId,
        id,
      );
      // The provider answers within days; some do not, or cannot take the person.
      const answer = r.weighted([
        ['accepted', 78],
        ['provider_did_not_respond', 8],
        ['no_capacity', 7],
        ['not_eligible', 4],
        ['declined_by_person', 3],
      ] as const);
      if (answer !== 'accepted') close(answer, r.int(2, 10) * DAY);
      else if (step('accepted', at + r.int(2, 96) * 3_600_000)) {
        // Engagement: most within days, a tail of weeks, a share never.
        const never = r.chance(0.25);
        const delayDays = never ? 0 : r.chance(0.8) ? r.int(0, 6) : r.int(7, 45);
        const engagedAt = Math.max(at, referredAt + delayDays * DAY + r.int(8, 17) * 3_600_000);
        if (never) {
          close(
            r.weighted([
              ['no_show', 5],
              ['could_not_contact', 3],
              ['declined_by_person', 2],
            ] as const),
            r.int(7, 21) * DAY,
          );
        } else if (step('engaged', engagedAt + r.int(0, 48) * 3_600_000, { engagedOn: day(engagedAt) })) {
          const outcome = r.weighted([
            ['completed', 55],
            ['no_show', 15],
            ['declined_by_person', 10],
            ['open', 20],
          ] as const);
          if (outcome === 'completed') step('completed', at + r.int(30, 120) * DAY);
          else if (outcome !== 'open') close(outcome, r.int(14, 90) * DAY);
        }
      }
    }
    result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
  };

  withBulkLoad(db, () => {
    for (let start = 0; start < contacts.length; start += batch) {
      db.transaction(() => {
        for (let i = start; i < Math.min(contacts.length, start + batch); i++) one(contacts[i]!);
      }).immediate();
    }
  });
  return result;
}
