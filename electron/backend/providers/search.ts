import type { ServiceSummary } from '../../../shared/contract/providers';
import type { HsdsRecord } from '../../../shared/contract/hsdsSpec';
import { DETAIL_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import { type Need, type ServiceType, SERVICE_TYPES, serviceTypesForNeeds } from '../../../shared/domain/serviceTypes';
import { departmentClock } from '../calendar';
import type { Db } from '../db/open';
import { damerauLevenshtein, deletionVariants } from '../people/names';
import { sql } from './store';
import { directoryGeneration, languageKey } from './derived';
import { type ScheduleInput, openState } from './openNow';
import { freshSince, getProviderSettings, isStale } from './settings';

/**
 * Directory search: full-text (FTS5, prefix match on every word, tolerant of spelling variants and typos)
 * plus filters by need, service type, language, walk-ins and status in SQL; "open now" and "stale" are
 * judged from schedules and dates in the department's time zone.
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

/** How far a typed word may be from a directory word (edits), by its length: short words must be exact. */
function tolerance(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * The directory words a typed word may stand for, as the person search tolerates names: words one or two
 * edits away (one-deletion keys: "counseling" → "counselling", "center" → "centre", a typo) and words
 * holding it (trigram index: "health" → "behavioralhealth"). Index lookups only.
 */
function similarWords(db: Db, word: string): string[] {
  const out = new Set<string>();
  const max = tolerance(word);
  if (max > 0) {
    const keys = deletionVariants(word.slice(0, 24));
    const near = sql(db, 'SELECT DISTINCT word FROM provider_word_keys WHERE key IN (SELECT value FROM json_each(?)) LIMIT 60')
      .pluck()
      .all(JSON.stringify(keys)) as string[];
    for (const w of near) if (w !== word && damerauLevenshtein(word, w) <= max) out.add(w);
  }
  if (word.length >= 4) {
    const holding = sql(db, 'SELECT word FROM provider_words WHERE provider_words MATCH ? LIMIT 20')
      .pluck()
      .all(`"${word}"`) as string[];
    for (const w of holding) if (w !== word && !w.startsWith(word)) out.add(w);
  }
  return [...out].slice(0, 30);
}

/** Index words as FTS5 stores them: lower case, accents removed. */
function indexWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, 12);
}

/**
 * The FTS5 query for what was typed: every word must match, as the start of a directory word (the user
 * may still be typing) or as one of the words it may stand for (`similarWords`).
 */
export function ftsQuery(db: Db, text: string): string | null {
  const words = indexWords(text);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const alternatives = similarWords(db, w).map((v) => `"${v}"`);
      return alternatives.length ? `("${w}"* OR ${alternatives.join(' OR ')})` : `"${w}"*`;
    })
    .join(' AND ');
}

type ScheduleRow = HsdsRecord & ScheduleInput;

const OPEN_STATE_COLUMNS = `id, service_id, location_id, service_at_location_id, valid_from, valid_to, dtstart, until, timezone, freq,
  interval, byday, bymonthday, opens_at, closes_at`;

type SalRow = { id: string; service_id: string; location_id: string };

/**
 * The schedules that say when each service is open: its own (directly or per service-at-location);
 * when none of those has hours, its locations' opening hours. One pass over the schedule table.
 */
export function schedulesByService(db: Db, only?: string): Map<string, ScheduleRow[]> {
  const sals = (
    only
      ? sql(db, 'SELECT id, service_id, location_id FROM hsds_service_at_location WHERE service_id = ?').all(only)
      : sql(db, 'SELECT id, service_id, location_id FROM hsds_service_at_location').all()
  ) as SalRow[];
  const rows = (
    only
      ? sql(
          db,
          'SELECT * FROM hsds_schedule WHERE service_id = @id OR service_at_location_id IN (SELECT id FROM hsds_service_at_location WHERE service_id = @id) OR location_id IN (SELECT location_id FROM hsds_service_at_location WHERE service_id = @id) ORDER BY id',
        ).all({ id: only })
      : // Every schedule at once (open-now filters): only what judging the hours needs.
        sql(db, `SELECT ${OPEN_STATE_COLUMNS} FROM hsds_schedule ORDER BY id`).all()
  ) as ScheduleRow[];
  return groupSchedules(sals, rows, only ? [only] : null);
}

function groupSchedules(sals: SalRow[], rows: ScheduleRow[], only: readonly string[] | null): Map<string, ScheduleRow[]> {
  const salService = new Map(sals.map((s) => [s.id, s.service_id]));
  const own = new Map<string, ScheduleRow[]>();
  const atLocation = new Map<string, ScheduleRow[]>();
  const add = (map: Map<string, ScheduleRow[]>, key: string, row: ScheduleRow) => map.set(key, [...(map.get(key) ?? []), row]);
  for (const r of rows) {
    const owners = new Set<string>();
    if (typeof r.service_id === 'string') owners.add(r.service_id);
    const viaSal = typeof r.service_at_location_id === 'string' ? salService.get(r.service_at_location_id) : undefined;
    if (viaSal) owners.add(viaSal);
    for (const o of owners) add(own, o, r);
    if (owners.size === 0 && r.service_at_location_id === null && typeof r.location_id === 'string')
      add(atLocation, r.location_id, r);
  }
  const out = new Map<string, ScheduleRow[]>();
  const locationsOf = new Map<string, string[]>();
  for (const s of sals) locationsOf.set(s.service_id, [...(locationsOf.get(s.service_id) ?? []), s.location_id]);
  const services = only ?? [...new Set([...own.keys(), ...locationsOf.keys()])];
  for (const id of services) {
    const mine = own.get(id) ?? [];
    if (mine.some((r) => r.opens_at && r.closes_at)) {
      out.set(id, mine);
      continue;
    }
    const locs = locationsOf.get(id) ?? [];
    out.set(id, [...mine, ...locs.flatMap((l) => atLocation.get(l) ?? [])]);
  }
  return out;
}

const scheduleCache = new WeakMap<Db, { generation: string; byService: Map<string, ScheduleRow[]> }>();

/**
 * Every service's schedules, read once per directory generation (`directoryGeneration`: every edit, import
 * and reindex of the directory changes it), for "open now" filters and suggestions: the directory changes
 * rarely and is searched often. Callers never change the rows.
 */
export function allSchedules(db: Db): Map<string, ScheduleRow[]> {
  const generation = directoryGeneration(db);
  const cached = scheduleCache.get(db);
  if (cached && cached.generation === generation) return cached.byService;
  const byService = schedulesByService(db);
  scheduleCache.set(db, { generation, byService });
  return byService;
}

export function serviceSchedules(db: Db, serviceId: string): ScheduleRow[] {
  return schedulesByService(db, serviceId).get(serviceId) ?? [];
}

export interface Clock {
  now: Date;
  timeZone: string;
  fresh: string;
}

export function clockFor(db: Db, now: Date): Clock {
  const { timeZone, today } = departmentClock(db, now.getTime());
  return { now, timeZone, fresh: freshSince(today, getProviderSettings(db).staleMonths) };
}

export function serviceTypesOf(db: Db, serviceId: string): ServiceType[] {
  const set = new Set(
    sql(db, 'SELECT service_type FROM provider_service_type WHERE service_id = ?').pluck().all(serviceId) as string[],
  );
  return SERVICE_TYPES.filter((t) => set.has(t));
}

export function hasWalkIns(db: Db, serviceId: string): boolean {
  return (
    sql(
      db,
      `SELECT 1 FROM hsds_attribute WHERE link_id = ? AND taxonomy_term_id = ? AND coalesce(lower(value), '') NOT IN ('false', 'no', '0')`,
    ).get(serviceId, DETAIL_TERM_IDS.walkIns) !== undefined
  );
}

function firstPhone(db: Db, serviceId: string, organizationId: string): string | null {
  const row = sql(
    db,
    `SELECT number, extension FROM hsds_phone WHERE service_id = @id
       UNION ALL SELECT p.number, p.extension FROM hsds_phone p JOIN hsds_service_at_location sal ON sal.id = p.service_at_location_id WHERE sal.service_id = @id
       UNION ALL SELECT p.number, p.extension FROM hsds_phone p JOIN hsds_service_at_location sal ON sal.location_id = p.location_id WHERE sal.service_id = @id
       UNION ALL SELECT number, extension FROM hsds_phone WHERE organization_id = @org AND service_id IS NULL
       LIMIT 1`,
  ).get({ id: serviceId, org: organizationId }) as { number: string; extension: number | null } | undefined;
  return row ? `${row.number}${row.extension !== null ? ` ext. ${row.extension}` : ''}` : null;
}

function languagesOf(db: Db, serviceId: string): string[] {
  const rows = sql(
    db,
    `SELECT code, name FROM hsds_language WHERE service_id = @id
       UNION ALL SELECT l.code, l.name FROM hsds_language l JOIN hsds_service_at_location sal ON sal.location_id = l.location_id WHERE sal.service_id = @id`,
  ).all({ id: serviceId }) as Array<{ code: string | null; name: string | null }>;
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

export function summarize(db: Db, row: ServiceRow, clock: Clock, schedules = serviceSchedules(db, row.id)): ServiceSummary {
  const city = sql(
    db,
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
    open: openState(schedules, clock.now, clock.timeZone),
    phone: firstPhone(db, row.id, row.organization_id),
    city: city ?? null,
    assuredDate: row.assured_date,
    stale: isStale(row.assured_date, clock.fresh),
  };
}

export function searchServices(
  db: Db,
  input: SearchInput,
  now: Date,
): { total: number; results: ServiceSummary[]; timeZone: string } {
  const clock = clockFor(db, now);
  const where: string[] = [];
  const params: Record<string, string> = {};
  const fts = input.text ? ftsQuery(db, input.text) : null;
  if (fts) {
    where.push('s.id IN (SELECT service_id FROM provider_fts WHERE provider_fts MATCH @fts)');
    params.fts = fts;
  }
  if (!input.includeInactive) where.push(`s.status IN ('active', 'temporarily closed')`);
  if (input.needs?.length) {
    where.push(
      'EXISTS (SELECT 1 FROM provider_service_type t WHERE t.service_id = s.id AND t.service_type IN (SELECT value FROM json_each(@needTypes)))',
    );
    params.needTypes = JSON.stringify(serviceTypesForNeeds(input.needs));
  }
  if (input.serviceTypes?.length) {
    where.push(
      'EXISTS (SELECT 1 FROM provider_service_type t WHERE t.service_id = s.id AND t.service_type IN (SELECT value FROM json_each(@types)))',
    );
    params.types = JSON.stringify(input.serviceTypes);
  }
  if (input.language) {
    const key =
      languageKey(input.language.length <= 3 ? input.language : null, input.language)?.key ?? input.language.toLowerCase();
    where.push('EXISTS (SELECT 1 FROM provider_service_language l WHERE l.service_id = s.id AND l.language = @language)');
    params.language = key;
  }
  if (input.walkIns) {
    where.push(
      `EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.link_id = s.id AND a.taxonomy_term_id = @walkIns AND coalesce(lower(a.value), '') NOT IN ('false', 'no', '0'))`,
    );
    params.walkIns = DETAIL_TERM_IDS.walkIns;
  }
  if (input.staleOnly) {
    where.push('(s.assured_date IS NULL OR substr(s.assured_date, 1, 10) < @fresh)');
    params.fresh = clock.fresh;
  }
  const rows = sql(
    db,
    `SELECT s.id, s.name, s.organization_id, o.name AS org_name, s.status, s.alert, s.assured_date
         FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.name COLLATE NOCASE, s.id`,
  ).all(params) as ServiceRow[];
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  if (input.openNow) {
    const all = allSchedules(db);
    const open = rows.filter((r) => openState(all.get(r.id) ?? [], clock.now, clock.timeZone).state === 'open');
    return {
      total: open.length,
      results: open.slice(offset, offset + limit).map((r) => summarize(db, r, clock, all.get(r.id))),
      timeZone: clock.timeZone,
    };
  }
  return {
    total: rows.length,
    results: rows.slice(offset, offset + limit).map((r) => summarize(db, r, clock)),
    timeZone: clock.timeZone,
  };
}
