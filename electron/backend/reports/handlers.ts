import type { reportsContract } from '../../../shared/contract/reports';
import type { Profile } from '../../../shared/domain/reports/catalogue';
import { type Period, periodProblem, periodSlug, previousPeriod } from '../../../shared/domain/reports/periods';
import { auditHead, formatAnchor } from '../audit/anchor';
import { departmentClock, departmentTimeZone, departmentToday } from '../calendar';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { letterheadOf } from '../letters/letterhead';
import { sha256 } from '../pdf/draw';
import type { Ctx, HandlersFor } from '../router';
import { getDepartment } from '../system/settings';
import { computeReport, type ComputedReport } from './compute';
import { writePackage } from './package';
import { exportById, listExports, recordExport, setSuppressionThreshold, suppressionThreshold } from './repo';
import { summaryPdf } from './summary';
import { suppress, type Suppression } from './suppress';

type ReportHandlers = HandlersFor<typeof reportsContract>;

/** A period from the window or the command line, refused naming the field when it cannot be reported. */
function checkedPeriod(input: { from: string; to: string }, today: string): Period {
  const period = { from: input.from, to: input.to };
  const problem = periodProblem(period, today);
  if (problem) throw new AppError('invalid_input', problem.message, problem.field);
  return period;
}

/** The unit's figures for a period and what an export of them hides: what packages and the PDF are made of. */
export function suppressedReport(db: Db, period: Period, today: string): { report: ComputedReport; suppression: Suppression } {
  const report = computeReport(db, period, { timeZone: departmentTimeZone(db), today });
  return { report, suppression: suppress(report.values, report.months, suppressionThreshold(db)) };
}

/** Records an export in the log and the audit entry of this call; returns the file for the caller. */
function recorded(
  ctx: Ctx,
  file: { fileName: string; bytes: Uint8Array },
  kind: 'package' | 'pdf',
  profile: Profile | null,
  made: { report: ComputedReport; suppression: Suppression },
  anchor: string | null,
  via: 'app' | 'cli',
) {
  const hash = sha256(file.bytes);
  const id = recordExport(ctx.db, {
    kind,
    profile,
    period: made.report.period,
    threshold: made.suppression.threshold,
    hiddenCount: made.suppression.hidden.size,
    fileName: file.fileName,
    sha256: hash,
    byteSize: file.bytes.byteLength,
    auditAnchor: anchor,
    via,
    at: ctx.backend.nowIso(),
    userId: ctx.user.id,
  });
  ctx.audit.targetType = 'report_export';
  ctx.audit.targetId = id;
  ctx.audit.detail = {
    kind,
    profile,
    from: made.report.period.from,
    to: made.report.period.to,
    threshold: made.suppression.threshold,
    hidden: made.suppression.hidden.size,
    sha256: hash,
    auditAnchor: anchor,
    via,
  };
  return { fileName: file.fileName, contentBase64: Buffer.from(file.bytes).toString('base64'), export: exportById(ctx.db, id) };
}

function anchorNow(db: Db): string | null {
  const head = auditHead(db);
  return head ? formatAnchor(head) : null;
}

export const reportsHandlers: ReportHandlers = {
  'reports.compute': (ctx, input) => {
    const db = ctx.db;
    const started = performance.now();
    const { timeZone, today } = departmentClock(db, ctx.backend.now());
    const period = checkedPeriod(input, today);
    const officerId = ctx.user.role === 'officer' ? ctx.user.id : null;
    const opts = { timeZone, today, officerId };
    const report = computeReport(db, period, opts);
    const previous = input.compare ? computeReport(db, previousPeriod(period), opts) : null;
    const threshold = suppressionThreshold(db);
    const hidden = officerId ? [] : [...suppress(report.values, report.months, threshold).hidden];
    return {
      report: {
        period,
        previous: previous?.period ?? null,
        months: report.months,
        previousMonths: previous?.months ?? [],
        timeZone: report.timeZone,
        today,
        scope: report.scope,
        measures: report.measures,
        values: report.values,
        previousValues: previous?.values ?? null,
        ttaAnswers: report.ttaAnswers,
        threshold,
        hidden,
        computedMs: Math.round(performance.now() - started),
      },
    };
  },

  'reports.exportPackage': (ctx, input) => {
    const db = ctx.db;
    const today = departmentToday(db, ctx.backend.now());
    const made = suppressedReport(db, checkedPeriod(input, today), today);
    const anchor = anchorNow(db);
    const dept = getDepartment(db);
    const pkg = writePackage({
      ...made,
      profile: input.profile,
      department: { name: dept.name, phone: dept.phone },
      createdIso: ctx.backend.nowIso(),
      auditAnchor: anchor,
    });
    return recorded(ctx, pkg, 'package', input.profile, made, anchor, input.via);
  },

  'reports.exportPdf': (ctx, input) => {
    const db = ctx.db;
    const today = departmentToday(db, ctx.backend.now());
    const made = suppressedReport(db, checkedPeriod(input, today), today);
    const previous = suppressedReport(db, previousPeriod(made.report.period), today);
    const anchor = anchorNow(db);
    const bytes = summaryPdf({
      ...made,
      previous,
      letterhead: letterheadOf(db),
      createdIso: ctx.backend.nowIso(),
      auditAnchor: anchor,
    });
    const fileName = `deflect-summary-${periodSlug(made.report.period).toLowerCase()}.pdf`;
    return recorded(ctx, { fileName, bytes }, 'pdf', null, made, anchor, input.via);
  },

  'reports.exports': (ctx) => ({ exports: listExports(ctx.db) }),

  'reports.settings': (ctx) => ({ threshold: suppressionThreshold(ctx.db), timeZone: departmentTimeZone(ctx.db) }),

  'reports.updateSettings': (ctx, input) => {
    const db = ctx.db;
    const before = suppressionThreshold(db);
    if (input.threshold === 0 && !input.acknowledgeNoSuppression) {
      throw new AppError(
        'invalid_input',
        'Turning suppression off puts counts from 1 to 10 — people who could be recognised — into every export. Confirm the warning to do it.',
        'acknowledgeNoSuppression',
      );
    }
    setSuppressionThreshold(db, input.threshold);
    ctx.audit.targetType = 'report_settings';
    ctx.audit.detail = {
      threshold: input.threshold,
      previousThreshold: before,
      ...(input.threshold === 0 ? { suppressionOff: true, warningAcknowledged: true } : {}),
    };
    return { threshold: input.threshold, timeZone: departmentTimeZone(db) };
  },
};
