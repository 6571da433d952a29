import type { Report } from '../../../shared/contract/reports';
import { categoriesOf, keyOf, type Measure } from '../../../shared/domain/reports/catalogue';
import { DIMENSIONS } from '../../../shared/domain/reports/dimensions';
import { monthLabel } from '../../../shared/domain/reports/periods';
import { formatDecimal, formatNumber, formatPercent } from '../ui/format';

/** Reading a report's figures by the catalogue's keys, and writing them as staff read them. */

export function formatFigure(m: Measure, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (m.unit === 'percent') return formatPercent(v);
  if (m.unit === 'days') return `${formatDecimal(v)} days`;
  return formatNumber(v);
}

export interface Row {
  key: string;
  label: string;
  value: number | null;
  previous: number | null;
  /** An export of this period hides it (small numbers, or to protect one). */
  hidden: boolean;
  total?: boolean;
}

/** A measure's rows: one for a single figure, one per category (with the total row when they add up to one). */
export function rowsOf(m: Measure, report: Report): Row[] {
  const hidden = new Set(report.hidden);
  const row = (key: string, label: string, total = false): Row => ({
    key,
    label,
    value: report.values[key] ?? null,
    previous: report.previousValues ? (report.previousValues[key] ?? null) : null,
    hidden: hidden.has(key),
    total,
  });
  if (m.kind === 'table') return [];
  if (!m.by) return [row(m.code, m.label)];
  const rows = categoriesOf(m, report.months).map((c) =>
    row(keyOf(m.code, c.code), m.by === 'month' ? monthLabel(c.code) : c.label),
  );
  if (m.kind === 'count' && m.partOf && !m.overlapping && m.by !== 'month') rows.push(row(m.partOf, 'Total', true));
  return rows;
}

/** The header of a breakdown's first column ("Pathway", "Age band"). */
export function breakdownLabel(m: Measure): string {
  return m.kind !== 'table' && m.by ? DIMENSIONS[m.by].label : '';
}

/** "+12" / "−3" / "no change" between two figures, or null when either is missing. */
export function changeText(m: Measure, value: number | null, previous: number | null): string | null {
  if (value === null || previous === null) return null;
  const d = Math.round((value - previous) * 10) / 10;
  if (d === 0) return 'no change';
  const unit = m.unit === 'percent' ? ' points' : '';
  return `${d > 0 ? '+' : '−'}${m.unit === 'percent' || m.unit === 'days' ? formatDecimal(Math.abs(d)) : formatNumber(Math.abs(d))}${unit}`;
}
