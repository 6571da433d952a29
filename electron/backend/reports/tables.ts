import {
  categoriesOf,
  keyOf,
  type Measure,
  measure,
  type MeasureBase,
  type Profile,
  TTA_ANSWERS,
  ttaAnswerHidden,
  UNITS,
  type Unit,
} from '../../../shared/domain/reports/catalogue';
import { DIMENSIONS } from '../../../shared/domain/reports/dimensions';
import { monthLabel, type Period } from '../../../shared/domain/reports/periods';
import { SUPPRESSED_MARKER } from '../../../shared/domain/reports/words';
import { ANSWER_TYPES } from '../../../shared/domain/tta';
import type { TtaAnswerRow } from '../../../shared/contract/reports';
import type { Values } from './compute';

/**
 * The catalogue's measures as tables with a Table Schema each: what a data package writes as CSVs, and what
 * the data dictionary describes. Single figures go together into `summary.csv`; every breakdown, rate per
 * category, statistic and two-way table gets its own file. Built from the catalogue alone, so the screen,
 * the package and the dictionary cannot disagree.
 */

export interface SchemaField {
  name: string;
  title: string;
  type: 'string' | 'integer' | 'number' | 'date';
  description?: string;
  constraints?: { required?: boolean; enum?: string[]; minimum?: number; maximum?: number };
}

export interface Table {
  /** Resource name and file (data/<name>.csv). */
  name: string;
  title: string;
  description: string;
  /** What the dictionary and the README describe. */
  measures: MeasureBase[];
  fields: SchemaField[];
  /** Empty: the table has no primary key. */
  primaryKey: string[];
  rows: string[][];
}

/** Figures as text: hidden → the marker, not applicable → empty, else the number. */
export function cellText(values: Values, hidden: ReadonlySet<string>, key: string): string {
  if (hidden.has(key)) return SUPPRESSED_MARKER;
  const v = values[key];
  return v === null || v === undefined ? '' : String(v);
}

/** The name of a measure's value column: what it counts (contacts, people, …). */
function valueColumn(unit: Unit): string {
  return unit === 'doses' ? 'naloxone_doses' : unit;
}

function valueField(m: Measure, name = valueColumn(m.unit), title: string = UNITS[m.unit]): SchemaField {
  const numeric = m.unit === 'percent' || m.kind === 'stat';
  return {
    name,
    title: title[0]!.toUpperCase() + title.slice(1),
    type: numeric ? 'number' : 'integer',
    description: m.definition,
    constraints: { minimum: 0, ...(m.unit === 'percent' ? { maximum: 100 } : {}) },
  };
}

const PERIOD_FIELDS: SchemaField[] = [
  { name: 'period_start', title: 'Period start', type: 'date', constraints: { required: true } },
  { name: 'period_end', title: 'Period end', type: 'date', constraints: { required: true } },
];

function categoryLabel(dimCode: string, code: string, label: string): string {
  return dimCode === 'month' ? monthLabel(code) : label;
}

/** One breakdown (count, rate or statistic by a dimension), with its total row when its categories add up to one. */
function breakdownTable(m: Measure, ctx: TableContext): Table {
  if (m.kind === 'table' || !m.by) throw new Error(`${m.code} is not a breakdown`);
  const dim = DIMENSIONS[m.by];
  const cats = categoriesOf(m, ctx.months);
  const total = m.kind === 'count' && m.partOf && !m.overlapping ? m.partOf : null;
  const codes = [...cats.map((c) => c.code), ...(total ? ['total'] : [])];
  const rows = cats.map((c) => [
    ...ctx.periodCells,
    c.code,
    categoryLabel(dim.code, c.code, c.label),
    ctx.cell(keyOf(m.code, c.code)),
  ]);
  if (total) rows.push([...ctx.periodCells, 'total', `Total: ${measureLabelOfKey(total).toLowerCase()}`, ctx.cell(total)]);
  return {
    name: m.code,
    title: m.label,
    description: m.definition,
    measures: [m],
    fields: [
      ...PERIOD_FIELDS,
      { name: dim.code, title: dim.label, type: 'string', constraints: { required: true, enum: codes } },
      { name: 'label', title: 'Label', type: 'string', constraints: { required: true } },
      valueField(m),
    ],
    primaryKey: ['period_start', 'period_end', dim.code],
    rows,
  };
}

/** "Contacts", or for a category key "Contacts by status: closed" — for the total row's label. */
function measureLabelOfKey(key: string): string {
  const [code, cat] = key.split('.');
  const m = measure(code!);
  if (!cat || m.kind === 'table' || !m.by) return m.label;
  const item = DIMENSIONS[m.by].items.find((i) => i.code === cat);
  return `${m.label}: ${item?.label ?? cat}`;
}

/** A two-way table, wide: one row per row category and a total row, one column per column category and a total. */
function twoWayTable(m: Measure, ctx: TableContext): Table {
  if (m.kind !== 'table') throw new Error(`${m.code} is not a two-way table`);
  const rowsM = measure(m.rows);
  const colsM = measure(m.cols);
  if (rowsM.kind === 'table' || colsM.kind === 'table' || !rowsM.by || !colsM.by) throw new Error(`${m.code}: bad margins`);
  const rowDim = DIMENSIONS[rowsM.by];
  const rowCats = categoriesOf(rowsM, ctx.months);
  const colCats = categoriesOf(colsM, ctx.months);
  const rows = rowCats.map((r) => [
    ...ctx.periodCells,
    r.code,
    categoryLabel(rowDim.code, r.code, r.label),
    ...colCats.map((c) => ctx.cell(keyOf(m.code, r.code, c.code))),
    ctx.cell(keyOf(m.rows, r.code)),
  ]);
  rows.push([...ctx.periodCells, 'total', 'Total', ...colCats.map((c) => ctx.cell(keyOf(m.cols, c.code))), ctx.cell(m.total)]);
  return {
    name: m.code,
    title: m.label,
    description: m.definition,
    measures: [m],
    fields: [
      ...PERIOD_FIELDS,
      {
        name: rowDim.code,
        title: rowDim.label,
        type: 'string',
        constraints: { required: true, enum: [...rowCats.map((r) => r.code), 'total'] },
      },
      { name: 'label', title: 'Label', type: 'string', constraints: { required: true } },
      ...colCats.map((c) => valueField(m, c.code, `${UNITS[m.unit]}: ${c.label}`)),
      valueField(m, 'total', `${UNITS[m.unit]}: total`),
    ],
    primaryKey: ['period_start', 'period_end', rowDim.code],
    rows,
  };
}

/** The single figures of a profile, one row each. */
function summaryTable(ms: Measure[], ctx: TableContext): Table {
  return {
    name: 'summary',
    title: 'Summary figures',
    description: 'The single figures of the period, one per row; see the data dictionary for each definition.',
    measures: ms,
    fields: [
      ...PERIOD_FIELDS,
      { name: 'measure', title: 'Measure', type: 'string', constraints: { required: true, enum: ms.map((m) => m.code) } },
      { name: 'label', title: 'Label', type: 'string', constraints: { required: true } },
      {
        name: 'unit',
        title: 'Unit',
        type: 'string',
        constraints: { required: true, enum: [...new Set(ms.map((m) => UNITS[m.unit]))] },
      },
      { name: 'value', title: 'Value', type: 'number', description: 'The figure, in its unit.', constraints: { minimum: 0 } },
    ],
    primaryKey: ['period_start', 'period_end', 'measure'],
    rows: ms.map((m) => [...ctx.periodCells, m.code, m.label, UNITS[m.unit], ctx.cell(m.code)]),
  };
}

export interface TableContext {
  months: string[];
  periodCells: string[];
  cell: (key: string) => string;
}

export function tableContext(period: Period, months: string[], values: Values, hidden: ReadonlySet<string>): TableContext {
  return { months, periodCells: [period.from, period.to], cell: (key) => cellText(values, hidden, key) };
}

/** Every table of a profile, in catalogue order, the summary first. */
export function tablesFor(profile: Profile, measures: readonly Measure[], ctx: TableContext): Table[] {
  const mine = measures.filter((m) => m.profiles.includes(profile));
  const single = mine.filter((m) => m.kind !== 'table' && !m.by);
  const tables = mine
    .filter((m) => m.kind === 'table' || m.by)
    .map((m) => (m.kind === 'table' ? twoWayTable(m, ctx) : breakdownTable(m, ctx)));
  return [summaryTable(single, ctx), ...tables];
}

/** A number answer from 1 to the threshold is a small count like any other: suppressed (0 and larger ones are shown). */
function ttaAnswerCell(r: TtaAnswerRow, threshold: number): string {
  return ttaAnswerHidden(r.answerType, r.answer, threshold) ? SUPPRESSED_MARKER : r.answer;
}

/** The TTA answers of the period's quarters, one row per answer; small number answers suppressed. */
export function ttaAnswersTable(rows: readonly TtaAnswerRow[], ctx: TableContext, threshold: number): Table {
  const m = TTA_ANSWERS;
  return {
    name: m.code,
    title: m.label,
    description: m.definition,
    measures: [m],
    fields: [
      ...PERIOD_FIELDS,
      {
        name: 'quarter',
        title: 'Quarter',
        type: 'string',
        description: 'The calendar quarter answered, as 2026-Q3.',
        constraints: { required: true },
      },
      {
        name: 'question',
        title: 'Question',
        type: 'string',
        description: 'The wording of the question when it was answered (rows in the order of the questions).',
        constraints: { required: true },
      },
      {
        name: 'answer_type',
        title: 'Answer type',
        type: 'string',
        constraints: { required: true, enum: ANSWER_TYPES.map((t) => t.code) },
      },
      {
        name: 'answer',
        title: 'Answer',
        type: 'string',
        description: `A number as written (from 1 to the suppression threshold: ${SUPPRESSED_MARKER}), yes or no, or the text of the answer.`,
      },
    ],
    // Two questions may be worded alike: no key beyond the order of the rows.
    primaryKey: [],
    rows: rows.map((r) => [...ctx.periodCells, r.quarter, r.question, r.answerType, ttaAnswerCell(r, threshold)]),
  };
}
