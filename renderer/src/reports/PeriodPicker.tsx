import { Group, SegmentedControl, Select, Switch, TextInput } from '@mantine/core';
import {
  lastFullQuarter,
  type Period,
  type PeriodKind,
  periodProblem,
  quarterOfDate,
  quarterPeriod,
  yearPeriod,
} from '../../../shared/domain/reports/periods';

/** What the picker holds: the kind of period and each kind's choice, so switching back and forth keeps them. */
export interface PickerState {
  kind: PeriodKind;
  quarter: string;
  year: string;
  from: string;
  to: string;
  compare: boolean;
}

export function initialPicker(today: string): PickerState {
  const q = lastFullQuarter(today);
  const { year, quarter } = quarterOfDate(q.from);
  return { kind: 'quarter', quarter: `${year}-${quarter}`, year: String(year), from: q.from, to: q.to, compare: true };
}

/** The period the picker names, or a problem (field and message) for a range that cannot be reported. */
export function pickedPeriod(s: PickerState, today: string): { period: Period } | { field: 'from' | 'to'; message: string } {
  let period: Period;
  if (s.kind === 'quarter') {
    const [y, q] = s.quarter.split('-').map(Number) as [number, number];
    period = quarterPeriod(y, q);
  } else if (s.kind === 'year') period = yearPeriod(Number(s.year));
  else {
    if (!s.from) return { field: 'from', message: 'From: enter the first day of the period.' };
    if (!s.to) return { field: 'to', message: 'To: enter the last day of the period.' };
    period = { from: s.from, to: s.to };
  }
  return periodProblem(period, today) ?? { period };
}

const QUARTER_MONTHS = ['Jan – Mar', 'Apr – Jun', 'Jul – Sep', 'Oct – Dec'];

function quarterOptions(today: string) {
  const { year, quarter } = quarterOfDate(today);
  const out: { value: string; label: string }[] = [];
  for (let y = year; y >= 2000; y--) {
    for (let q = y === year ? quarter : 4; q >= 1; q--) {
      out.push({
        value: `${y}-${q}`,
        label: `Q${q} ${y} (${QUARTER_MONTHS[q - 1]})${y === year && q === quarter ? ' — so far' : ''}`,
      });
    }
  }
  return out;
}

function yearOptions(today: string) {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: year - 1999 }, (_, i) => String(year - i)).map((y) => ({
    value: y,
    label: y === String(year) ? `${y} — so far` : y,
  }));
}

/** Quarter (the default: the last full one), calendar year, or any range of days; and whether to compare. */
export function PeriodPicker({
  value,
  onChange,
  today,
  problem,
}: {
  value: PickerState;
  onChange: (next: PickerState) => void;
  today: string;
  problem: { field: 'from' | 'to'; message: string } | null;
}) {
  const set = (patch: Partial<PickerState>) => onChange({ ...value, ...patch });
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <SegmentedControl
        aria-label="Kind of period"
        value={value.kind}
        onChange={(kind) => set({ kind: kind as PeriodKind })}
        data={[
          { value: 'quarter', label: 'Quarter' },
          { value: 'year', label: 'Year' },
          { value: 'range', label: 'Date range' },
        ]}
      />
      {value.kind === 'quarter' ? (
        <Select
          label="Quarter"
          w={260}
          searchable
          allowDeselect={false}
          data={quarterOptions(today)}
          value={value.quarter}
          onChange={(q) => q && set({ quarter: q })}
        />
      ) : null}
      {value.kind === 'year' ? (
        <Select
          label="Year"
          w={180}
          allowDeselect={false}
          data={yearOptions(today)}
          value={value.year}
          onChange={(y) => y && set({ year: y })}
        />
      ) : null}
      {value.kind === 'range' ? (
        <>
          <TextInput
            type="date"
            label="From"
            w={170}
            value={value.from}
            min="2000-01-01"
            max={today}
            onChange={(e) => set({ from: e.currentTarget.value })}
            error={problem?.field === 'from' ? problem.message : undefined}
          />
          <TextInput
            type="date"
            label="To"
            w={170}
            value={value.to}
            min={value.from || '2000-01-01'}
            onChange={(e) => set({ to: e.currentTarget.value })}
            error={problem?.field === 'to' ? problem.message : undefined}
          />
        </>
      ) : null}
      <Switch
        label="Compare with the previous period"
        checked={value.compare}
        onChange={(e) => set({ compare: e.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
