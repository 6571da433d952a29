import { Alert, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { Report } from '../../../shared/contract/reports';
import { keyOf, type Measure, MEASURES } from '../../../shared/domain/reports/catalogue';
import { periodLabel } from '../../../shared/domain/reports/periods';
import { inSentence } from '../../../shared/domain/reports/words';
import { api } from '../api';
import { useSession } from '../app/session';
import { departmentToday } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { changeText, formatFigure } from './figures';
import { Definition, MeasureTables } from './MeasureTables';
import { ExportHistory, ExportMenu } from './ExportPanel';
import { initialPicker, PeriodPicker, pickedPeriod } from './PeriodPicker';
import { ReportCharts } from './ReportCharts';

/**
 * Reports: a period's figures (the last full quarter by default) with their definitions, the previous
 * period beside them and charts; coordinators and administrators export from here. Officers see their own
 * counts. Every figure comes from the measure catalogue (shared/domain/reports).
 */

function headlineKey(m: Measure): string {
  return m.kind === 'stat' ? keyOf(m.code, 'median') : m.code;
}

function Headlines({ report }: { report: Report }) {
  const hidden = new Set(report.hidden);
  const items = MEASURES.filter((m) => m.headline && report.measures.includes(m.code));
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: Math.min(items.length, 6) }} spacing="sm">
      {items.map((m) => {
        const key = headlineKey(m);
        const value = report.values[key] ?? null;
        const previous = report.previousValues ? (report.previousValues[key] ?? null) : null;
        const change = changeText(m, value, previous);
        return (
          <Card key={m.code} withBorder radius="sm" padding="sm" data-testid={`headline-${m.code}`}>
            <Group gap={2} wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600} lh={1.3}>
                {m.kind === 'stat' ? `Median ${inSentence(m.label)}` : m.label}
              </Text>
              <Definition m={m} />
            </Group>
            <Text fz={28} fw={800} lh={1.2} data-testid="headline-value">
              {formatFigure(m, value)}
              {hidden.has(key) ? (
                <IconEyeOff
                  size={16}
                  aria-label="hidden in exports"
                  style={{ marginLeft: 6, color: 'var(--mantine-color-orange-8)' }}
                />
              ) : null}
            </Text>
            {report.previousValues ? (
              <Text size="xs" c="dimmed">
                Previous period: {formatFigure(m, previous)}
                {change ? ` (${change})` : ''}
              </Text>
            ) : null}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

export function ReportsScreen() {
  const { user } = useSession();
  const today = departmentToday();
  const [picker, setPicker] = useState(() => initialPicker(today));
  const picked = useMemo(() => pickedPeriod(picker, today), [picker, today]);
  const period = 'period' in picked ? picked.period : null;
  const from = period?.from;
  const to = period?.to;
  const compare = picker.compare;
  const fetchReport = useCallback(
    () => (from && to ? api.reports.compute({ from, to, compare }) : Promise.resolve({ ok: true as const, value: null })),
    [from, to, compare],
  );
  const { data, error, reload } = useQuery(fetchReport);
  const report = data?.report ?? null;
  const exporter = user.role === 'coordinator' || user.role === 'admin';
  const own = user.role === 'officer';
  const [exported, setExported] = useState(0);
  const current = report && period && report.period.from === period.from && report.period.to === period.to ? report : null;

  return (
    <Stack gap="md">
      <PageHeader
        title={own ? 'My counts' : 'Reports'}
        actions={
          exporter && current ? (
            <ExportMenu period={current.period} threshold={current.threshold} onExported={() => setExported((n) => n + 1)} />
          ) : undefined
        }
        description={
          own
            ? 'Your own counts: the contacts you were on and the referrals you made or that came from them.'
            : 'The figures the state and the TTA provider ask for. Pick a period; point at or tab to the information icon beside a figure to read what it counts.'
        }
      />
      <Card withBorder radius="sm" padding="sm">
        <PeriodPicker value={picker} onChange={setPicker} today={today} problem={'field' in picked ? picked : null} />
      </Card>
      {error ? (
        <Alert color="red" title="The report could not be made" role="alert">
          {error}
        </Alert>
      ) : null}
      {!current ? (
        period ? (
          <Group gap="xs">
            <Loader size="sm" />
            <Text>Counting {periodLabel(period)}…</Text>
          </Group>
        ) : null
      ) : (
        <Stack gap="md" aria-live="polite">
          <Text size="sm" c="dimmed" data-testid="report-period">
            {periodLabel(current.period)}
            {current.previous ? ` compared with ${periodLabel(current.previous)}` : ''} · as of {current.today} · days in{' '}
            {current.timeZone}
          </Text>
          {!current.values.contacts && !current.values.referrals_made ? (
            <Alert color="gray" title="Nothing recorded in this period" data-testid="report-empty">
              {own
                ? 'You were on no contacts and made no referrals in this period, so every count below is zero.'
                : 'The unit recorded no contacts and made no referrals in this period, so the counts below are zero. Pick another period above.'}
            </Alert>
          ) : null}
          <Headlines report={current} />
          <ReportCharts report={current} />
          <MeasureTables report={current} />
          {exporter ? (
            <ExportHistory threshold={current.threshold} version={exported} onThresholdSaved={() => void reload()} />
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
