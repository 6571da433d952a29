import type { Suggestion } from '../../../shared/contract/referrals';
import { DETAIL_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import { LANGUAGES } from '../../../shared/domain/intake';
import { type Need, NEED_LABELS, NEED_SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { labelOf } from '../../../shared/domain/vocab';
import type { Db } from '../db/open';
import { directoryGeneration } from '../providers/derived';
import { minutesUntilOpen } from '../providers/openNow';
import { allSchedules, clockFor, summarize } from '../providers/search';
import { sql } from '../providers/store';

/**
 * Referral suggestions: every active service that meets at least one of the needs (through the service
 * types mapped to needs), ranked by how many needs it meets, the person's preferred language, open now or
 * within 24 hours, walk-ins, and a listing verified recently. Each suggestion says why it ranks where it does.
 *
 * What ranking reads of the directory (types, languages, walk-ins, verification, hours) is kept in memory per
 * open database until the directory changes (its generation moves with every import, edit or verification),
 * so a suggestion is a pass over at most a few thousand small records plus summaries of the ones returned.
 */

const WEIGHT = { need: 100, language: 30, openNow: 25, opensSoon: 12, walkIns: 10, fresh: 8, temporarilyClosed: -60 };

interface Entry {
  id: string;
  name: string;
  organization_id: string;
  org_name: string | null;
  status: 'active' | 'temporarily closed';
  alert: string | null;
  assured_date: string | null;
  types: Set<ServiceType>;
  languages: Set<string>;
  walkIns: boolean;
}

interface Snapshot {
  generation: string;
  entries: Entry[];
  schedules: ReturnType<typeof allSchedules>;
}

const snapshots = new WeakMap<Db, Snapshot>();
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const NO_SCHEDULES: never[] = [];

function snapshot(db: Db): Snapshot {
  const generation = directoryGeneration(db);
  const hit = snapshots.get(db);
  if (hit && hit.generation === generation) return hit;
  const rows = sql(
    db,
    `SELECT s.id, s.name, s.organization_id, o.name AS org_name, s.status, s.alert, s.assured_date
       FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
      WHERE s.status IN ('active', 'temporarily closed')`,
  ).all() as Omit<Entry, 'types' | 'languages' | 'walkIns'>[];
  const byId = new Map<string, Entry>(rows.map((r) => [r.id, { ...r, types: new Set(), languages: new Set(), walkIns: false }]));
  for (const [id, type] of sql(db, 'SELECT service_id, service_type FROM provider_service_type').raw().all() as [
    string,
    ServiceType,
  ][]) {
    byId.get(id)?.types.add(type);
  }
  for (const [id, language] of sql(db, 'SELECT service_id, language FROM provider_service_language').raw().all() as [
    string,
    string,
  ][]) {
    byId.get(id)?.languages.add(language);
  }
  const walkIns = sql(
    db,
    `SELECT link_id FROM hsds_attribute WHERE taxonomy_term_id = ? AND coalesce(lower(value), '') NOT IN ('false', 'no', '0')`,
  )
    .pluck()
    .all(DETAIL_TERM_IDS.walkIns) as string[];
  for (const id of walkIns) {
    const e = byId.get(id);
    if (e) e.walkIns = true;
  }
  const snap = { generation, entries: [...byId.values()].filter((e) => e.types.size > 0), schedules: allSchedules(db) };
  snapshots.set(db, snap);
  return snap;
}

export function suggestServices(
  db: Db,
  input: { needs: readonly Need[]; language: string | null; limit: number },
  now: Date,
): { suggestions: Suggestion[]; candidates: number; timeZone: string } {
  const clock = clockFor(db, now);
  const snap = snapshot(db);
  const language = input.language && input.language !== 'en' ? input.language : null;
  const languageLabel = language ? labelOf(LANGUAGES, language) : '';
  const wanted = input.needs.map((need) => ({ need, types: NEED_SERVICE_TYPES[need], label: NEED_LABELS[need].toLowerCase() }));
  const scored: Array<{ e: Entry; score: number; matched: Need[]; reasons: string[] }> = [];
  for (const e of snap.entries) {
    const hits = wanted.filter((w) => w.types.some((t) => e.types.has(t)));
    if (!hits.length) continue;
    const matched = hits.map((h) => h.need);
    const reasons = [`matches: ${hits.map((h) => h.label).join(', ')}`];
    let score = matched.length * WEIGHT.need;
    if (language && e.languages.has(language)) {
      score += WEIGHT.language;
      reasons.push(`${languageLabel} spoken`);
    }
    if (e.status === 'temporarily closed') {
      score += WEIGHT.temporarilyClosed;
      reasons.push('temporarily closed');
    } else {
      const until = minutesUntilOpen(snap.schedules.get(e.id) ?? NO_SCHEDULES, clock.now, clock.timeZone);
      if (until === 0) {
        score += WEIGHT.openNow;
        reasons.push('open now');
      } else if (until !== null && until <= 24 * 60) {
        score += WEIGHT.opensSoon;
        reasons.push(`opens in ${until < 60 ? `${until} min` : `${Math.round(until / 60)} h`}`);
      }
    }
    if (e.walkIns) {
      score += WEIGHT.walkIns;
      reasons.push('walk-ins accepted');
    }
    const fresh = e.assured_date !== null && e.assured_date.slice(0, 10) >= clock.fresh;
    if (fresh) score += WEIGHT.fresh;
    else reasons.push(e.assured_date ? `not verified since ${e.assured_date.slice(0, 10)}` : 'never verified');
    scored.push({ e, score, matched, reasons });
  }
  scored.sort((a, b) => b.score - a.score || byName.compare(a.e.name, b.e.name) || (a.e.id < b.e.id ? -1 : 1));
  return {
    candidates: scored.length,
    timeZone: clock.timeZone,
    suggestions: scored.slice(0, input.limit).map((s) => ({
      service: summarize(db, s.e, clock, snap.schedules.get(s.e.id) ?? NO_SCHEDULES),
      score: s.score,
      matchedNeeds: s.matched,
      reasons: s.reasons,
    })),
  };
}
