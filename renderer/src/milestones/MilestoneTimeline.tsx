import { Anchor, Box, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Milestone } from '../../../shared/contract/milestones';
import { formatDay, formatMonth, formatMonthDay, formatWeekday } from '../ui/format';
import { categoryLabel, STATUS_COLORS } from './labels';
import { MilestoneFacts, StatusBadges } from './parts';

/** Months from `from` to `to` (YYYY-MM), inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

type Block = { kind: 'month'; month: string; items: Milestone[] } | { kind: 'gap'; from: string; to: string };

/** Months with milestones; runs of empty months between them become one line. */
function blocks(milestones: Milestone[], today: string): Block[] {
  const byMonth = new Map<string, Milestone[]>();
  for (const m of milestones) byMonth.set(m.dueDate.slice(0, 7), [...(byMonth.get(m.dueDate.slice(0, 7)) ?? []), m]);
  const keys = [...byMonth.keys(), today.slice(0, 7)].sort();
  const out: Block[] = [];
  let gap: string[] = [];
  for (const month of monthsBetween(keys[0]!, keys[keys.length - 1]!)) {
    const items = byMonth.get(month);
    if (items || month === today.slice(0, 7)) {
      if (gap.length) out.push({ kind: 'gap', from: gap[0]!, to: gap[gap.length - 1]! });
      gap = [];
      out.push({ kind: 'month', month, items: items ?? [] });
    } else gap.push(month);
  }
  return out;
}

function TodayLine({ today }: { today: string }) {
  return (
    <Divider
      color="red.8"
      size="sm"
      labelPosition="left"
      label={
        <Text size="sm" fw={700} c="red.9">
          Today, {formatDay(today)}
        </Text>
      }
      data-testid="timeline-today"
    />
  );
}

function Item({ m, editable, onOpen }: { m: Milestone; editable: boolean; onOpen: (m: Milestone) => void }) {
  return (
    <Group
      component="li"
      wrap="nowrap"
      align="flex-start"
      gap="md"
      data-testid="timeline-item"
      data-overdue={m.overdue || undefined}
      py={6}
    >
      <Box w={72} style={{ flexShrink: 0 }}>
        <Text fw={700} size="sm">
          {formatMonthDay(m.dueDate)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatWeekday(m.dueDate)}
        </Text>
      </Box>
      <Box
        w={12}
        h={12}
        mt={4}
        style={{ borderRadius: 6, flexShrink: 0, background: `var(--mantine-color-${STATUS_COLORS[m.status] ?? 'gray'}-7)` }}
        aria-hidden
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          {editable ? (
            <Anchor component="button" type="button" fw={600} ta="left" onClick={() => onOpen(m)}>
              {m.title}
            </Anchor>
          ) : (
            <Text fw={600}>{m.title}</Text>
          )}
          <StatusBadges m={m} />
        </Group>
        <Text size="sm" c="dimmed">
          {categoryLabel(m.category)} · {m.owner.name}
        </Text>
        <MilestoneFacts m={m} />
      </Stack>
    </Group>
  );
}

/** The plan month by month, by due date, with a line where today is. */
export function MilestoneTimeline({
  milestones,
  today,
  editable,
  onOpen,
}: {
  milestones: Milestone[];
  today: string;
  editable: boolean;
  onOpen: (m: Milestone) => void;
}) {
  return (
    <Stack gap="md" aria-label="Programme milestones by month" component="section">
      {blocks(milestones, today).map((b) => {
        if (b.kind === 'gap') {
          return (
            <Text key={`gap-${b.from}`} size="sm" c="dimmed" pl="md">
              {b.from === b.to ? formatMonth(b.from) : `${formatMonth(b.from)} – ${formatMonth(b.to)}`}: nothing due
            </Text>
          );
        }
        const current = b.month === today.slice(0, 7);
        const before = b.items.filter((m) => m.dueDate < today);
        const after = b.items.filter((m) => m.dueDate >= today);
        return (
          <Paper key={b.month} withBorder p="md" radius="sm" bg={current ? 'blue.0' : undefined} data-testid="timeline-month">
            <Title order={3} size="h4" mb="xs">
              {formatMonth(b.month)}
              {current ? (
                <Text span size="sm" fw={600} c="blue.9" ml="sm">
                  this month
                </Text>
              ) : null}
            </Title>
            {b.items.length === 0 ? (
              <Text size="sm" c="dimmed" mb="xs">
                Nothing due this month.
              </Text>
            ) : null}
            <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
              {(current ? before : b.items).map((m) => (
                <Item key={m.id} m={m} editable={editable} onOpen={onOpen} />
              ))}
            </Box>
            {current ? <TodayLine today={today} /> : null}
            {current && after.length ? (
              <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
                {after.map((m) => (
                  <Item key={m.id} m={m} editable={editable} onOpen={onOpen} />
                ))}
              </Box>
            ) : null}
          </Paper>
        );
      })}
    </Stack>
  );
}
