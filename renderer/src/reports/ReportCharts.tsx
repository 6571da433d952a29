import { BarChart } from '@mantine/charts';
import { Card, SegmentedControl, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import type { Report } from '../../../shared/contract/reports';
import { categoriesOf, keyOf, measure } from '../../../shared/domain/reports/catalogue';
import { monthLabel } from '../../../shared/domain/reports/periods';
import { formatNumber } from '../ui/format';

/**
 * The report's charts (Mantine charts, on recharts): contacts per month by pathway, the referral funnel,
 * time to treatment engagement, and demographics. Each chart is a figure with a caption and, for screen
 * readers, the same figures in words; the numbers are also in the tables below.
 */

const PATHWAY_COLORS = ['blue.7', 'teal.7', 'red.7', 'violet.7', 'orange.7', 'gray.7'];

function ChartCard({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder radius="sm" padding="md" component="figure" m={0} aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <Title order={3} size="h5" id={`${id}-t`} mb="xs">
        {title}
      </Title>
      {children}
      <VisuallyHidden id={`${id}-d`}>{summary}</VisuallyHidden>
    </Card>
  );
}

function series(report: Report, code: string): { code: string; label: string; value: number }[] {
  const m = measure(code);
  return categoriesOf(m, report.months).map((c) => ({
    code: c.code,
    label: m.kind !== 'table' && m.by === 'month' ? monthLabel(c.code) : c.label,
    value: report.values[keyOf(code, c.code)] ?? 0,
  }));
}

const words = (rows: { label: string; value: number }[]) => rows.map((r) => `${r.label}: ${formatNumber(r.value)}`).join('; ');

function MonthlyByPathway({ report }: { report: Report }) {
  const pathways = series(report, 'contacts_by_pathway');
  const data = report.months.map((month) => ({
    month: monthLabel(month),
    ...Object.fromEntries(pathways.map((p) => [p.code, report.values[keyOf('contacts_by_month_pathway', month, p.code)] ?? 0])),
  }));
  return (
    <ChartCard
      title="Contacts per month by pathway"
      summary={`Contacts per month: ${words(series(report, 'contacts_by_month'))}. By pathway over the period: ${words(pathways)}.`}
    >
      <BarChart
        h={320}
        data={data}
        dataKey="month"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 84 }}
        valueFormatter={formatNumber}
        series={pathways.map((p, i) => ({ name: p.code, label: p.label, color: PATHWAY_COLORS[i % PATHWAY_COLORS.length]! }))}
      />
    </ChartCard>
  );
}

function Bars({ report, code, title, note }: { report: Report; code: string; title: string; note?: string }) {
  const rows = series(report, code);
  return (
    <ChartCard title={title} summary={`${title}: ${words(rows)}.`}>
      <BarChart
        h={Math.max(180, rows.length * 30)}
        data={rows.map((r) => ({ label: r.label, value: r.value }))}
        dataKey="label"
        orientation="vertical"
        yAxisProps={{ width: 170 }}
        // Room right of the longest bar for its label ("1,330"), which the chart would otherwise cut off.
        barChartProps={{ margin: { top: 5, right: 56, bottom: 5, left: 5 } }}
        withBarValueLabel
        valueFormatter={formatNumber}
        series={[{ name: 'value', label: measure(code).unit === 'people' ? 'People' : 'Referrals', color: 'blue.7' }]}
      />
      {note ? (
        <Text size="xs" c="dimmed" mt={4}>
          {note}
        </Text>
      ) : null}
    </ChartCard>
  );
}

const DEMOGRAPHICS = [
  { value: 'age_band', label: 'Age' },
  { value: 'sex', label: 'Sex' },
  { value: 'race_ethnicity', label: 'Race and ethnicity' },
  { value: 'veteran_status', label: 'Veteran' },
  { value: 'housing_status', label: 'Housing' },
];

function Demographics({ report }: { report: Report }) {
  const [code, setCode] = useState('age_band');
  const label = DEMOGRAPHICS.find((d) => d.value === code)!.label;
  return (
    <Stack gap={6}>
      <SegmentedControl size="xs" aria-label="Demographic shown" value={code} onChange={setCode} data={DEMOGRAPHICS} />
      <Bars report={report} code={code} title={`People served: ${label.toLowerCase()}`} />
    </Stack>
  );
}

export function ReportCharts({ report }: { report: Report }) {
  const has = (code: string) => report.measures.includes(code);
  return (
    <section aria-labelledby="report-charts">
      <Title order={2} size="h3" id="report-charts" mb="xs">
        Charts
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {has('contacts_by_month_pathway') ? <MonthlyByPathway report={report} /> : null}
        {has('referral_funnel') ? (
          <Bars
            report={report}
            code="referral_funnel"
            title="Referral funnel"
            note="Referrals made in the period, counted at every stage they reached."
          />
        ) : null}
        {has('days_to_engagement_distribution') ? (
          <Bars
            report={report}
            code="days_to_engagement_distribution"
            title="Days from first contact to treatment engagement"
            note="People who first engaged in treatment in the period."
          />
        ) : null}
        {has('age_band') ? <Demographics report={report} /> : null}
      </SimpleGrid>
    </section>
  );
}
