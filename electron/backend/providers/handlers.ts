import type { ImportPlan } from '../../../shared/contract/providers';
import type { providersContract } from '../../../shared/contract/providers';
import { HSDS_TABLES } from '../../../shared/contract/hsdsSpec';
import type { Db } from '../db/open';
import type { Ctx, HandlersFor } from '../router';
import { languageKey } from './derived';
import { saveOrganization, saveService, verifyService } from './edit';
import { auditHead, formatAnchor } from '../audit/anchor';
import { departmentToday } from '../calendar';
import { exportPackage } from './export';
import { type PackageSource, sourceFromBytes } from './files';
import { ImportFailed } from './issues';
import { type PreparedImport, applyImport, prepareImport, unreadablePlan } from './plan';
import { type PackageRead, readPackage } from './read';
import { clockFor, searchServices } from './search';
import { getProviderSettings, setProviderSettings } from './settings';
import { serviceDetail } from './detail';
import { countRecords } from './store';
import { countUnmappedTerms, listTerms, mapTerm } from './terms';

type ImportInput = { fileName: string; contentBase64: string };

/** Decodes and reads the package outside any transaction; only checking and writing touch the database. */
function readInput(input: ImportInput): { source: PackageSource; read: PackageRead } | { failed: ImportPlan } {
  const kind = /\.json$/i.test(input.fileName) ? 'json' : 'tabular';
  try {
    const source = sourceFromBytes(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    return { source, read: readPackage(source) };
  } catch (err) {
    if (err instanceof ImportFailed) return { failed: unreadablePlan(kind, input.fileName, err.issues) };
    throw err;
  }
}

class Rejected extends Error {
  constructor(readonly prepared: PreparedImport) {
    super('import rejected');
  }
}

function now(ctx: Ctx): Date {
  return new Date(ctx.backend.now());
}

function today(ctx: Ctx, db: Db): string {
  return departmentToday(db, ctx.backend.now());
}

function importDetail(plan: ImportPlan) {
  return {
    format: plan.format,
    added: plan.totals.added,
    updated: plan.totals.updated,
    unchanged: plan.totals.unchanged,
    errors: plan.errorCount,
  };
}

export const providersHandlers: HandlersFor<typeof providersContract> = {
  'providers.search': (ctx, input) => searchServices(ctx.db, input, now(ctx)),

  'providers.facets': (ctx) => {
    const db = ctx.db;
    const settings = getProviderSettings(db);
    const clock = clockFor(db, now(ctx));
    const rows = db
      .prepare(
        `SELECT l.language AS key, count(DISTINCT l.service_id) AS services FROM provider_service_language l
           JOIN hsds_service s ON s.id = l.service_id WHERE s.status IN ('active', 'temporarily closed') GROUP BY l.language`,
      )
      .all() as Array<{ key: string; services: number }>;
    const languages = rows
      .map((r) => ({
        key: r.key,
        label: languageKey(r.key.length <= 3 ? r.key : null, r.key)?.label ?? r.key,
        services: r.services,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return {
      services: countRecords(db, 'service'),
      stale: db
        .prepare(
          `SELECT count(*) FROM hsds_service WHERE status IN ('active', 'temporarily closed') AND (assured_date IS NULL OR substr(assured_date, 1, 10) < ?)`,
        )
        .pluck()
        .get(clock.fresh) as number,
      unmappedTerms: countUnmappedTerms(db),
      languages,
      organizations: db.prepare('SELECT id, name FROM hsds_organization ORDER BY name COLLATE NOCASE, id').all() as Array<{
        id: string;
        name: string;
      }>,
      settings,
    };
  },

  'providers.get': (ctx, input) => serviceDetail(ctx.db, input.id, clockFor(ctx.db, now(ctx))),

  'providers.saveOrganization': (ctx, input) => {
    const id = saveOrganization(ctx.db, input);
    ctx.audit.targetType = 'organization';
    ctx.audit.targetId = id;
    ctx.audit.detail = { created: input.id ? 0 : 1 };
    return { id };
  },

  'providers.saveService': (ctx, input) => {
    const id = saveService(ctx.db, input, { iso: ctx.backend.nowIso(), today: today(ctx, ctx.db) });
    ctx.audit.targetType = 'service';
    ctx.audit.targetId = id;
    ctx.audit.detail = { created: input.id ? 0 : 1, serviceTypes: input.serviceTypes.length };
    return { id };
  },

  'providers.verify': (ctx, input) => {
    const date = today(ctx, ctx.db);
    verifyService(ctx.db, input.id, date);
    ctx.audit.targetType = 'service';
    ctx.audit.targetId = input.id;
    return { assuredDate: date };
  },

  'providers.importPreview': (ctx, input) => {
    const r = readInput(input);
    return 'failed' in r ? r.failed : prepareImport(ctx.db, r.source, r.read).plan;
  },

  'providers.import': {
    async: async (ctx, input) => {
      const r = readInput(input);
      ctx.audit.targetType = 'provider_directory';
      if ('failed' in r) {
        ctx.writeAudit('failure', importDetail(r.failed));
        return { ...r.failed, committed: false };
      }
      try {
        const plan = ctx.tx(() => {
          const prepared = prepareImport(ctx.db, r.source, r.read);
          if (prepared.plan.errorCount > 0) throw new Rejected(prepared);
          applyImport(ctx.db, prepared);
          ctx.audit.detail = importDetail(prepared.plan);
          return prepared.plan;
        });
        return { ...plan, committed: true };
      } catch (err) {
        if (!(err instanceof Rejected)) throw err;
        ctx.writeAudit('failure', importDetail(err.prepared.plan));
        return { ...err.prepared.plan, committed: false };
      }
    },
  },

  'providers.export': (ctx) => {
    const date = today(ctx, ctx.db);
    // Every export carries the audit log's head out of the building (audit/anchor.ts).
    const head = auditHead(ctx.db);
    const anchor = head ? formatAnchor(head) : null;
    const { bytes, records } = exportPackage(ctx.db, ctx.backend.nowIso(), anchor);
    ctx.audit.targetType = 'provider_directory';
    ctx.audit.detail = {
      services: records.service,
      organizations: records.organization,
      tables: HSDS_TABLES.length,
      auditAnchor: anchor,
    };
    return { fileName: `provider-directory-hsds-${date}.zip`, contentBase64: Buffer.from(bytes).toString('base64'), records };
  },

  'providers.terms': (ctx, input) => ({ terms: listTerms(ctx.db, input.unmappedOnly === true) }),

  'providers.mapTerm': (ctx, input) => {
    mapTerm(ctx.db, input.termId, input.serviceTypes, ctx.user.username, ctx.backend.nowIso());
    ctx.audit.targetType = 'taxonomy_term';
    ctx.audit.targetId = input.termId;
    ctx.audit.detail = { serviceTypes: input.serviceTypes.join(',') };
    return {};
  },

  'providers.settings': (ctx) => getProviderSettings(ctx.db),

  'providers.updateSettings': (ctx, input) => {
    const patch = {
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      ...(input.staleMonths !== undefined ? { staleMonths: input.staleMonths } : {}),
    };
    ctx.audit.detail = patch;
    return setProviderSettings(ctx.db, patch);
  },
};
