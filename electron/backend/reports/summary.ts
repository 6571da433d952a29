import { dateIn } from '../../../shared/domain/calendar';
import { categoriesOf, keyOf, type Measure, MEASURES, measure } from '../../../shared/domain/reports/catalogue';
import { monthLabel, periodDates, periodLabel, periodName } from '../../../shared/domain/reports/periods';
import { inSentence, SUPPRESSED_MARKER, suppressionNote } from '../../../shared/domain/reports/words';
import type { Letterhead } from '../letters/letterhead';
import type { BarChart } from '../pdf/charts';
import { type PdfBlock, renderPdf } from '../pdf/draw';
import type { ComputedReport } from './compute';
import type { Suppression } from './suppress';

/**
 * The PDF summary of a period for the chief or the council: the department letterhead, the headline
 * figures beside the previous period's, and charts (contacts per month and by pathway, the referral funnel,
 * time to treatment engagement, age and race and ethnicity), all suppressed like the data packages.
 */

export interface SummaryInput {
  report: ComputedReport;
  suppression: Suppression;
  previous: { report: ComputedReport; suppression: Suppression } | null;
  letterhead: Letterhead;
  createdIso: string;
  auditAnchor: string | null;
}

/** A figure in words for print: "1,204", "42.5%", "12 days", "suppressed" or "—". */
export function figureText(m: Measure, key: string, report: ComputedReport, hidden: ReadonlySet<string>): string {
  if (hidden.has(key)) return SUPPRESSED_MARKER;
  const v = report.values[key];
  if (v === null || v === undefined) return '—';
  if (m.unit === 'percent') return `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
  if (m.unit === 'days') return `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} days`;
  return v.toLocaleString('en-US');
}

function headlineKey(m: Measure): string {
  return m.kind === 'stat' ? keyOf(m.code, 'median') : m.code;
}

function headlineLabel(m: Measure): string {
  return m.kind === 'stat' ? `Median ${inSentence(m.label)}` : m.label;
}

function bars(
  code: string,
  title: string,
  input: SummaryInput,
  orientation: BarChart['orientation'],
  options: { caption?: string; heading?: string } = {},
): PdfBlock | null {
  if (!input.report.measures.includes(code)) return null;
  const m = measure(code);
  const { report, suppression } = input;
  const list = categoriesOf(m, report.months).map((c) => {
    const key = keyOf(m.code, c.code);
    const hidden = suppression.hidden.has(key);
    const value = report.values[key] ?? null;
    return {
      label: m.kind !== 'table' && m.by === 'month' ? monthLabel(c.code) : c.label,
      value: hidden ? null : value,
      text: figureText(m, key, report, suppression.hidden),
    };
  });
  return { kind: 'bars', title, orientation, bars: list, ...options };
}

export function summaryBlocks(input: SummaryInput): PdfBlock[] {
  const { report, suppression, previous } = input;
  const prevName = previous ? (periodName(previous.report.period) ?? periodDates(previous.report.period)) : null;
  const headline = MEASURES.filter((m) => m.headline && report.measures.includes(m.code));
  const blocks: (PdfBlock | null)[] = [
    { kind: 'heading', text: `Deflection programme summary: ${periodLabel(report.period)}` },
    {
      kind: 'small',
      text: `Figures as of ${report.today} (statuses are those of that day); days in the department’s time zone, ${report.timeZone}. Made ${dateIn(Date.parse(input.createdIso), report.timeZone)} with Deflect.`,
    },
    {
      kind: 'figures',
      items: headline.map((m) => {
        const key = headlineKey(m);
        return {
          value: figureText(m, key, report, suppression.hidden),
          muted: suppression.hidden.has(key) || report.values[key] === null,
          label: headlineLabel(m),
          note: previous && prevName ? `${prevName}: ${figureText(m, key, previous.report, previous.suppression.hidden)}` : '',
        };
      }),
    },
    bars('contacts_by_month', 'Contacts per month', input, 'vertical', { heading: 'Contacts' }),
    bars('contacts_by_pathway', 'Contacts by deflection pathway', input, 'horizontal'),
    bars(
      'referral_funnel',
      'Referral funnel: referrals made in the period, counted at every stage they reached',
      input,
      'horizontal',
      {
        heading: 'Referrals and treatment engagement',
      },
    ),
    bars('days_to_engagement_distribution', 'Days from first contact to treatment engagement', input, 'vertical', {
      caption: 'People who first engaged in treatment in the period. Engagement within 30 days is the state’s key indicator.',
    }),
    bars('age_band', 'Age', input, 'horizontal', { heading: 'People served' }),
    bars('race_ethnicity', 'Race and ethnicity', input, 'horizontal'),
    {
      kind: 'box',
      heading: 'About these figures',
      paragraphs: [
        suppressionNote(suppression.threshold),
        ...headline.map((m) => `${headlineLabel(m)}: ${m.definition}`),
        ...(input.auditAnchor ? [`Audit log anchor when this summary was made: ${input.auditAnchor}.`] : []),
      ],
    },
  ];
  return blocks.filter((b): b is PdfBlock => b !== null);
}

export function summaryPdf(input: SummaryInput): Buffer {
  return renderPdf({
    title: `Deflection programme summary: ${periodLabel(input.report.period)}`,
    language: 'en',
    letterhead: { name: input.letterhead.name, lines: input.letterhead.lines, logo: input.letterhead.logo },
    blocks: summaryBlocks(input),
    footer: { label: 'Aggregate figures, small counts suppressed', page: (n, of) => `Page ${n} of ${of}` },
  });
}
