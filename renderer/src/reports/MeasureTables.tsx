import { ActionIcon, Card, Group, Stack, Table, Tabs, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconEyeOff, IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import type { Report } from '../../../shared/contract/reports';
import {
  categoriesOf,
  keyOf,
  type Measure,
  type MeasureBase,
  measure,
  MEASURES,
  SECTIONS,
  TTA_ANSWERS,
  ttaAnswerHidden,
  UNITS,
} from '../../../shared/domain/reports/catalogue';
import { monthLabel, quartersWithin } from '../../../shared/domain/reports/periods';
import { quarterLabel } from '../../../shared/domain/tta';
import { breakdownLabel, changeText, formatFigure, type Row, rowsOf } from './figures';

/** Every figure of the report by section, each with its definition on hover or focus and the previous period beside it. */

/** A measure's definition: shown on hover and on keyboard focus of the ⓘ beside its name, and read by screen readers. */
export function Definition({ m }: { m: MeasureBase }) {
  const id = useId();
  const text = (
    <Stack gap={4}>
      <Text size="sm">{m.definition}</Text>
      <Text size="xs">
        Counts: {m.counts} Period by: {m.periodDate.replace(/\.$/, '')}.
      </Text>
      <Text size="xs">Asked for by: {m.source}</Text>
    </Stack>
  );
  return (
    <>
      <Tooltip label={text} multiline w={380} withArrow events={{ hover: true, focus: true, touch: true }} openDelay={150}>
        <ActionIcon variant="subtle" size="sm" color="gray" aria-label={`Definition of ${m.label}`} aria-describedby={id}>
          <IconInfoCircle size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <VisuallyHidden id={id}>{m.definition}</VisuallyHidden>
    </>
  );
}

function HiddenMark() {
  return (
    <Tooltip label="Hidden in exports: a small number, or hidden to protect one" withArrow>
      <span>
        <IconEyeOff
          size={14}
          aria-hidden
          style={{ verticalAlign: 'middle', marginLeft: 4, color: 'var(--mantine-color-orange-8)' }}
        />
        <VisuallyHidden> (hidden in exports)</VisuallyHidden>
      </span>
    </Tooltip>
  );
}

function ValueCells({ m, row, compare }: { m: Measure; row: Row; compare: boolean }) {
  return (
    <>
      <Table.Td ta="right" fw={row.total ? 700 : undefined} data-key={row.key} style={{ whiteSpace: 'nowrap' }}>
        {formatFigure(m, row.value)}
        {row.hidden ? <HiddenMark /> : null}
      </Table.Td>
      {compare ? (
        <>
          <Table.Td ta="right" c="dimmed">
            {formatFigure(m, row.previous)}
          </Table.Td>
          <Table.Td ta="right" c="dimmed">
            {changeText(m, row.value, row.previous) ?? '—'}
          </Table.Td>
        </>
      ) : null}
    </>
  );
}

function Head({ first, compare }: { first: string; compare: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{first}</Table.Th>
        <Table.Th ta="right">This period</Table.Th>
        {compare ? (
          <>
            <Table.Th ta="right">Previous period</Table.Th>
            <Table.Th ta="right">Change</Table.Th>
          </>
        ) : null}
      </Table.Tr>
    </Table.Thead>
  );
}

/** The section's single figures, one row each. */
function SingleFigures({ measures, report }: { measures: Measure[]; report: Report }) {
  const compare = report.previousValues !== null;
  return (
    <Table striped withTableBorder verticalSpacing={6} aria-label="Figures">
      <Head first="Figure" compare={compare} />
      <Table.Tbody>
        {measures.map((m) => (
          <Table.Tr key={m.code}>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{m.label}</Text>
                <Definition m={m} />
              </Group>
            </Table.Td>
            <ValueCells m={m} row={rowsOf(m, report)[0]!} compare={compare} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Breakdown({ m, report }: { m: Measure; report: Report }) {
  // Months differ from one period to the next: a month is not compared with another.
  const compare = report.previousValues !== null && !(m.kind !== 'table' && m.by === 'month');
  const id = useId();
  return (
    <Stack gap={4}>
      <Group gap={4}>
        <Title order={4} size="h6" id={id}>
          {m.label}
        </Title>
        <Definition m={m} />
      </Group>
      <Table striped withTableBorder verticalSpacing={4} aria-labelledby={id}>
        <Head first={breakdownLabel(m)} compare={compare} />
        <Table.Tbody>
          {rowsOf(m, report).map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td fw={row.total ? 700 : undefined}>{row.label}</Table.Td>
              <ValueCells m={m} row={{ ...row, previous: compare ? row.previous : null }} compare={compare} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** A two-way table, this period only: rows by the row measure's categories, a column per column category. */
function TwoWay({ m, report }: { m: Measure; report: Report }) {
  const id = useId();
  if (m.kind !== 'table') return null;
  const rowsM = measure(m.rows);
  const colsM = measure(m.cols);
  const rows = categoriesOf(rowsM, report.months);
  const cols = categoriesOf(colsM, report.months);
  const hidden = new Set(report.hidden);
  const cell = (key: string, bold = false) => (
    <Table.Td ta="right" fw={bold ? 700 : undefined} key={key} style={{ whiteSpace: 'nowrap' }}>
      {formatFigure(m, report.values[key] ?? null)}
      {hidden.has(key) ? <HiddenMark /> : null}
    </Table.Td>
  );
  const rowLabel = (code: string, label: string) => (rowsM.kind !== 'table' && rowsM.by === 'month' ? monthLabel(code) : label);
  return (
    <Stack gap={4}>
      <Group gap={4}>
        <Title order={4} size="h6" id={id}>
          {m.label}
        </Title>
        <Definition m={m} />
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder verticalSpacing={4} aria-labelledby={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{breakdownLabel(rowsM)}</Table.Th>
              {cols.map((c) => (
                <Table.Th key={c.code} ta="right">
                  {c.label}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>{rowLabel(r.code, r.label)}</Table.Td>
                {cols.map((c) => cell(keyOf(m.code, r.code, c.code)))}
                {cell(keyOf(m.rows, r.code), true)}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>Total</Table.Td>
              {cols.map((c) => cell(keyOf(m.cols, c.code), true))}
              {cell(m.total, true)}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The TTA provider's questions answered for the quarters of the period (not figures: shown as written). */
function TtaAnswers({ report }: { report: Report }) {
  const id = useId();
  const m = TTA_ANSWERS;
  return (
    <Stack gap={4}>
      <Group gap={4}>
        <Title order={4} size="h6" id={id}>
          {m.label}
        </Title>
        <Definition m={m} />
      </Group>
      {report.ttaAnswers.length ? (
        <Table striped withTableBorder verticalSpacing={4} aria-labelledby={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Quarter</Table.Th>
              <Table.Th>Question</Table.Th>
              <Table.Th>Answer</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.ttaAnswers.map((a) => (
              <Table.Tr key={`${a.quarter}-${a.position}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{quarterLabel(a.quarter)}</Table.Td>
                <Table.Td>{a.question}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {a.answer}
                  {ttaAnswerHidden(a.answerType, a.answer, report.threshold) ? <HiddenMark /> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {!quartersWithin(report.period).length
            ? 'TTA answers are kept per quarter: pick a quarter or a year to see them.'
            : 'No TTA answers saved for the quarters of this period. A coordinator answers them under Milestones → TTA metrics.'}
        </Text>
      )}
    </Stack>
  );
}

/** The figures by section, one tab each, every figure with its definition and the previous period beside it. */
export function MeasureTables({ report }: { report: Report }) {
  const included = new Set(report.measures);
  const sections = SECTIONS.map((s) => ({
    ...s,
    measures: MEASURES.filter((m) => m.section === s.code && included.has(m.code)),
  })).filter((s) => s.measures.length);
  return (
    <Card withBorder radius="sm" padding="md" component="section" aria-labelledby="report-figures">
      <Title order={2} size="h3" id="report-figures" mb="sm">
        Figures
      </Title>
      <Tabs defaultValue={sections[0]?.code ?? null} keepMounted={false}>
        <Tabs.List mb="md">
          {sections.map((s) => (
            <Tabs.Tab key={s.code} value={s.code}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {sections.map((s) => {
          const single = s.measures.filter((m) => m.kind !== 'table' && !m.by);
          const broken = s.measures.filter((m) => m.kind === 'table' || m.by);
          return (
            <Tabs.Panel key={s.code} value={s.code}>
              <Stack gap="md">
                {single.length ? <SingleFigures measures={single} report={report} /> : null}
                {broken.map((m) =>
                  m.kind === 'table' ? (
                    <TwoWay key={m.code} m={m} report={report} />
                  ) : (
                    <Breakdown key={m.code} m={m} report={report} />
                  ),
                )}
                {s.code === TTA_ANSWERS.section && report.scope === 'unit' ? <TtaAnswers report={report} /> : null}
              </Stack>
            </Tabs.Panel>
          );
        })}
      </Tabs>
      <Text size="xs" c="dimmed" mt="sm">
        Units: {Object.values(UNITS).join(', ')}. Figures marked <IconEyeOff size={12} aria-label="with this sign" /> are shown
        here in full but hidden in exports.
      </Text>
    </Card>
  );
}
