import type { ServiceSummary } from '../../../shared/contract/providers';
import type { HsdsRecord } from '../../../shared/contract/hsdsSpec';
import { DETAIL_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import { type Need, type ServiceType, SERVICE_TYPES, serviceTypesForNeeds } from '../../../shared/domain/serviceTypes';
import type { Db } from '../db/open';
import { languageKey } from './derived';
import { type ScheduleInput, openState, todayIn } from './openNow';
import { freshSince, getProviderSettings, isStale } from './settings';

/**
 * Directory search: full-text (FTS5, prefix match on every word) plus filters by need, service type,
 * language, walk-ins and status in SQL; "open now" and "stale" are judged from schedules and dates in
 * the department's time zone.
 */

export interface SearchInput {
  text?: string | undefined;
  needs?: Need[] | undefined;
  serviceTypes?: ServiceType[] | undefined;
  language?: string | undefined;
  openNow?: boolean | undefined;
  walkIns?: boolean | undefined;
  staleOnly?: boolean | undefined;
  includeInactive?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Each word must match the start of a word in the index. */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 12).map((w) => `"${w}"*`).join(' ');
}

/** The schedules that say when a service is open: its own (directly or per location), else its locations'. */
export function serviceSchedules(db: Db, serviceId: string): Array<HsdsRecord & ScheduleInput> {
  const own = db
    .prepare(
      `SELECT * FROM hsds_schedule WHERE service_id = @id
         OR service_at_location_id IN (SELECT id FROM hsds_service_at_location WHERE service_id = @id) ORDER BY id`,
    )
    .all({ id: serviceId }) as Array<HsdsRecord & ScheduleInput>;
  if (own.some((s) => s.opens_at && s.closes_at)) return own;
  const atLocations = db
    .prepare(
      `SELECT * FROM hsds_schedule WHERE service_id IS NULL AND service_at_location_id IS NULL
         AND location_id IN (SELECT location_id FROM hsds_service_at_location WHERE service_id = ?) ORDER BY id`,
    )
    .all(serviceId) as Array<HsdsRecord & ScheduleInput>;
  return [...own, ...atLocations];
}

export interface Clock {
  now: Date;
  timeZone: string;
  fresh: string;
}

export function clockFor(db: Db, now: Date): Clock {
  const settings = getProviderSettings(db);
  return { now, timeZone: settings.timeZone, fresh: freshSince(todayIn(now, settings.timeZone), settings.staleMonths) };
}

export function serviceTypesOf(db: Db, serviceId: string): ServiceType[] {
  const set = new Set(db.prepare('SELECT service_type FROM provider_service_type WHERE service_id = ?').pluck().all(serviceId) as string[]);
  return SERVICE_TYPES.filter((t) => set.has(t));
}

export function hasWalkIns(db: Db, serviceId: string): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM hsds_attribute WHERE link_id = ? AND taxonomy_term_id = ? AND coalesce(lower(value), '') NOT IN ('false', 'no', '0')`)
      .get(serviceId, DETAIL_TERM_IDS.walkIns) !== undefined
  );
}

function firstPhone(db: Db, serviceId: string, organizationId: string): string | null {
  const row = db
    .prepare(
      `SELECT number, extension FROM hsds_phone WHERE service_id = @id
       UNION ALL SELECT p.number, p.extension FROM hsds_phone p JOIN hsds_service_at_location sal ON sal.id = p.service_at_location_id WHERE sal.service_id = @id
       UNION ALL SELECT p.number, p.extension FROM hsds_phone p JOIN hsds_service_at_location sal ON sal.location_id = p.location_id WHERE sal.service_id = @id
       UNION ALL SELECT number, extension FROM hsds_phone WHERE organization_id = @org AND service_id IS NULL
       LIMIT 1`,
    )
    .get({ id: serviceId, org: organizationId }) as { number: string; extension: number | null } | undefined;
  return row ? `${row.number}${row.extension !== null ? ` ext. ${row.extension}` : ''}` : null;
}

function languagesOf(db: Db, serviceId: string): string[] {
  const rows = db
    .prepare(
      `SELECT code, name FROM hsds_language WHERE service_id = @id
       UNION ALL SELECT l.code, l.name FROM hsds_language l JOIN hsds_service_at_location sal ON sal.location_id = l.location_id WHERE sal.service_id = @id`,
    )
    .all({ id: serviceId }) as Array<{ code: string | null; name: string | null }>;
  const labels = new Map<string, string>();
  for (const r of rows) {
    const k = languageKey(r.code, r.name);
    if (k && !labels.has(k.key)) labels.set(k.key, k.label);
  }
  return [...labels.values()];
}

interface ServiceRow {
  id: string;
  name: string;
  organization_id: string;
  org_name: string | null;
  status: ServiceSummary['status'];
  alert: string | null;
  assured_date: string | null;
}

export function summarize(db: Db, row: ServiceRow, clock: Clock): ServiceSummary {
  const city = db
    .prepare(
      `SELECT ad.city FROM hsds_service_at_location sal JOIN hsds_address ad ON ad.location_id = sal.location_id
        WHERE sal.service_id = ? ORDER BY CASE ad.address_type WHEN 'physical' THEN 0 ELSE 1 END LIMIT 1`,
    )
    .pluck()
    .get(row.id) as string | undefined;
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: row.org_name,
    status: row.status,
    alert: row.alert,
    serviceTypes: serviceTypesOf(db, row.id),
    languages: languagesOf(db, row.id),
    walkIns: hasWalkIns(db, row.id),
    open: openState(serviceSchedules(db, row.id), clock.now, clock.timeZone),
    phone: firstPhone(db, row.id, row.organization_id),
    city: city ?? null,
    assuredDate: row.assured_date,
    stale: isStale(row.assured_date, clock.fresh),
  };
}

export function searchServices(db: Db, input: SearchInput, now: Date): { total: number; results: ServiceSummary[]; timeZone: string } {
  const clock = clockFor(db, now);
  const where: string[] = [];
  const params: Record<string, string> = {};
  const fts = input.text ? ftsQuery(input.text) : null;
  if (fts) {
    where.push('s.id IN (SELECT service_id FROM provider_fts WHERE provider_fts MATCH @fts)');
    params.fts = fts;
  }
  if (!input.includeInactive) where.push(`s.status IN ('active', 'temporarily closed')`);
  if (input.needs?.length) {
    where.push('EXISTS (SELECT 1 FROM provider_service_type t WHERE t.service_id = s.id AND t.service_type IN (SELECT value FROM json_each(@needTypes)))');
    params.needTypes = JSON.stringify(serviceTypesForNeeds(input.needs));
  }
  if (input.serviceTypes?.length) {
    where.push('EXISTS (SELECT 1 FROM provider_service_type t WHERE t.service_id = s.id AND t.service_type IN (SELECT value FROM json_each(@types)))');
    params.types = JSON.stringify(input.serviceTypes);
  }
  if (input.language) {
    const key = languageKey(input.language.length <= 3 ? input.language : null, input.language)?.key ?? input.language.toLowerCase();
    where.push('EXISTS (SELECT 1 FROM provider_service_language l WHERE l.service_id = s.id AND l.language = @language)');
    params.language = key;
  }
  if (input.walkIns) {
    where.push(`EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.link_id = s.id AND a.taxonomy_term_id = @walkIns AND coalesce(lower(a.value), '') NOT IN ('false', 'no', '0'))`);
    params.walkIns = DETAIL_TERM_IDS.walkIns;
  }
  if (input.staleOnly) {
    where.push('(s.assured_date IS NULL OR substr(s.assured_date, 1, 10) < @fresh)');
    params.fresh = clock.fresh;
  }
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.organization_id, o.name AS org_name, s.status, s.alert, s.assured_date
         FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.name COLLATE NOCASE, s.id`,
    )
    .all(params) as ServiceRow[];
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  if (input.openNow) {
    const open = rows.map((r) => summarize(db, r, clock)).filter((s) => s.open.state === 'open');
    return { total: open.length, results: open.slice(offset, offset + limit), timeZone: clock.timeZone };
  }
  return { total: rows.length, results: rows.slice(offset, offset + limit).map((r) => summarize(db, r, clock)), timeZone: clock.timeZone };
}
