import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { type MeasureBase, MEASURES, PROFILES, type Profile, TTA_ANSWERS, UNITS } from '../../../shared/domain/reports/catalogue';
import { periodLabel, periodSlug } from '../../../shared/domain/reports/periods';
import { SUPPRESSED_MARKER, suppressionNote } from '../../../shared/domain/reports/words';
import type { ComputedReport } from './compute';
import type { Suppression } from './suppress';
import { type Table, tableContext, tablesFor, ttaAnswersTable } from './tables';

/**
 * A period's figures for one profile as a Frictionless tabular data package (zip): `datapackage.json` (the
 * descriptor: name, title, created, profile, licence, the department as contributor, one resource per CSV
 * with its Table Schema), the CSVs under `data/` (UTF-8, RFC 4180, CRLF), `data/data_dictionary.csv` and
 * `README.md` generated from the measure catalogue, and `manifest-sha256.txt` with the SHA-256 of every
 * other file (`sha256sum -c manifest-sha256.txt`). Only aggregate, suppressed figures: no names, dates of
 * birth, addresses, narratives, clinical content or ids of people or staff.
 *
 * This is the function the benchmark times for "write its data package".
 */

export interface PackageInput {
  report: ComputedReport;
  suppression: Suppression;
  profile: Profile;
  department: { name: string; phone: string };
  /** When the package was made (ISO) and the audit log's head then. */
  createdIso: string;
  auditAnchor: string | null;
}

export interface WrittenPackage {
  fileName: string;
  bytes: Uint8Array;
  /** The files inside, in order (the manifest last). */
  files: string[];
}

const MISSING_VALUES = ['', SUPPRESSED_MARKER];
const LICENCE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};

function csv(header: string[], rows: string[][]): string {
  return stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

function resourceOf(t: Table) {
  return {
    name: t.name.replace(/_/g, '-'),
    path: `data/${t.name}.csv`,
    profile: 'tabular-data-resource',
    title: t.title,
    description: t.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', header: true, doubleQuote: true, quoteChar: '"' },
    schema: { fields: t.fields, missingValues: MISSING_VALUES, ...(t.primaryKey.length ? { primaryKey: t.primaryKey } : {}) },
  };
}

const DICTIONARY_FIELDS = [
  ['measure', 'Measure code'],
  ['file', 'File'],
  ['label', 'Label'],
  ['definition', 'Definition'],
  ['numerator', 'Numerator'],
  ['denominator', 'Denominator'],
  ['unit', 'Unit'],
  ['records_counted', 'Records counted'],
  ['period_date', 'Date that places a record in the period'],
  ['source', 'Asked for by'],
] as const;

function dictionary(tables: Table[]): Table {
  const rows = tables.flatMap((t) =>
    t.measures.map((m: MeasureBase) => [
      m.code,
      `data/${t.name}.csv`,
      m.label,
      m.definition,
      m.numerator,
      m.denominator ?? '',
      UNITS[m.unit],
      m.counts,
      m.periodDate,
      m.source,
    ]),
  );
  return {
    name: 'data_dictionary',
    title: 'Data dictionary',
    description:
      'Every measure in this package: what it counts, its numerator and denominator, and which date places a record in the period.',
    measures: [],
    fields: DICTIONARY_FIELDS.map(([name, title]) => ({
      name,
      title,
      type: 'string' as const,
      constraints: { required: name !== 'denominator' },
    })),
    primaryKey: ['measure'],
    rows,
  };
}

function readme(input: PackageInput, tables: Table[], profile: (typeof PROFILES)[number]): string {
  const { report, suppression } = input;
  const ttaHidden =
    tables.find((t) => t.name === TTA_ANSWERS.code)?.rows.filter((r) => r.at(-1) === SUPPRESSED_MARKER).length ?? 0;
  const lines = [
    `# ${profile.title}`,
    '',
    `**${input.department.name}** · ${periodLabel(report.period)}`,
    '',
    profile.description,
    '',
    `- Period: ${report.period.from} to ${report.period.to} (both days included), in the department’s time zone (${report.timeZone}).`,
    `- Figures as of ${report.today}: statuses (of referrals, for instance) are those of that day.`,
    `- Made: ${input.createdIso} with Deflect.`,
    ...(input.department.phone ? [`- Questions: ${input.department.name}, ${input.department.phone}.`] : []),
    '',
    '## Small numbers',
    '',
    suppressionNote(suppression.threshold),
    '',
    `In this package ${suppression.hidden.size} figure(s) are hidden${ttaHidden ? `, and ${ttaHidden} number answer(s) to the TTA questions` : ''}.`,
    '',
    '## Files',
    '',
    '| file | what it holds |',
    '| --- | --- |',
    ...tables.map((t) => `| \`data/${t.name}.csv\` | ${t.title}: ${t.description.replace(/\|/g, '/')} |`),
    '| `datapackage.json` | The Frictionless Data Package descriptor: every file’s Table Schema (columns, types, allowed codes, missing-value markers). |',
    '| `manifest-sha256.txt` | The SHA-256 of every other file: `sha256sum -c manifest-sha256.txt` checks them. |',
    '',
    'Every CSV is UTF-8 with a header row and CRLF line ends (RFC 4180), and starts with the period’s first and last day, so that files of several periods can be stacked. Codes (pathway, disposition, …) are stable; labels may change between versions.',
    '',
    '## Measures',
    '',
    ...tables
      .flatMap((t) => t.measures)
      .flatMap((m) => [
        `### ${m.label} (\`${m.code}\`)`,
        '',
        m.definition,
        '',
        `- Numerator: ${m.numerator}`,
        ...(m.denominator ? [`- Denominator: ${m.denominator}`] : []),
        `- Unit: ${UNITS[m.unit]}`,
        `- Records counted: ${m.counts}`,
        `- Date that places a record in the period: ${m.periodDate}`,
        `- Asked for by: ${m.source}`,
        '',
      ]),
    '## Integrity',
    '',
    input.auditAnchor
      ? `This export was recorded in the department’s audit log. The log’s head when it was made (sequence:hash) is \`${input.auditAnchor}\`; keep it to check the log later (\`audit verify --anchor\`).`
      : 'This export was recorded in the department’s audit log.',
    '',
  ];
  return lines.join('\n');
}

export function packageFileName(profile: Profile, report: ComputedReport): string {
  return `deflect-${profile}-${periodSlug(report.period).toLowerCase()}.zip`;
}

export function writePackage(input: PackageInput): WrittenPackage {
  const { report, suppression, profile: code } = input;
  const profile = PROFILES.find((p) => p.code === code)!;
  const ctx = tableContext(report.period, report.months, report.values, suppression.hidden);
  const tables = tablesFor(
    code,
    MEASURES.filter((m) => report.measures.includes(m.code)),
    ctx,
  );
  if (TTA_ANSWERS.profiles.includes(code) && report.scope === 'unit')
    tables.push(ttaAnswersTable(report.ttaAnswers, ctx, suppression.threshold));
  const all = [...tables, dictionary(tables)];
  const files: Record<string, Uint8Array> = {};
  for (const t of all)
    files[`data/${t.name}.csv`] = strToU8(
      csv(
        t.fields.map((f) => f.name),
        t.rows,
      ),
    );
  const descriptor = {
    profile: 'tabular-data-package',
    name: `deflect-${code}-${periodSlug(report.period).toLowerCase()}`,
    title: `${profile.title}: ${input.department.name}, ${periodLabel(report.period)}`,
    description: profile.description,
    created: input.createdIso,
    version: '1.0.0',
    licenses: [LICENCE],
    contributors: [{ title: input.department.name, role: 'author' }],
    keywords: ['deflection', 'performance measures', code === 'state' ? '5 ILCS 820/25' : 'BJA COSSUP'],
    deflect_profile: code,
    deflect_period: { start: report.period.from, end: report.period.to, time_zone: report.timeZone, as_of: report.today },
    deflect_suppression: { threshold: suppression.threshold, marker: SUPPRESSED_MARKER, hidden: suppression.hidden.size },
    // The exporting store's audit-log head (sequence:hash): an anchor kept outside its database.
    ...(input.auditAnchor ? { deflect_audit_anchor: input.auditAnchor } : {}),
    resources: all.map(resourceOf),
  };
  files['datapackage.json'] = strToU8(`${JSON.stringify(descriptor, null, 2)}\n`);
  files['README.md'] = strToU8(readme(input, all, profile));
  const manifest = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, bytes]) => `${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`)
    .join('');
  files['manifest-sha256.txt'] = strToU8(manifest);
  const ordered = ['datapackage.json', 'README.md', ...all.map((t) => `data/${t.name}.csv`), 'manifest-sha256.txt'];
  const zipped = zipSync(Object.fromEntries(ordered.map((n) => [n, files[n]!])), { level: 6, mtime: new Date(input.createdIso) });
  return { fileName: packageFileName(code, report), bytes: zipped, files: ordered };
}
