import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ParticipantSummary, RetentionCheck } from '../../../shared/contract/participants';
import { plusDays } from '../../../shared/domain/milestones';
import { ENGAGEMENT_WINDOW_DAYS } from '../../../shared/domain/participants';
import { daysFromToday, formatDate } from '../ui/format';
import { exitReasonLabel, TEXT_COLORS } from './labels';
import type { RecordPreset } from './ParticipantDialogs';

function Tile({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function windowText(s: ParticipantSummary): { text: string; color?: string } {
  if (!s.enrolledOn) return { text: '—' };
  if (s.engagedWithinWindow !== null) {
    const days = `${s.daysToEngagement} ${s.daysToEngagement === 1 ? 'day' : 'days'}`;
    return s.engagedWithinWindow ? { text: `Yes, in ${days}`, color: TEXT_COLORS.good } : { text: `No: engaged after ${days}` };
  }
  const closes = plusDays(s.enrolledOn, ENGAGEMENT_WINDOW_DAYS);
  return daysFromToday(closes) >= 0
    ? { text: `Not yet: the window closes ${formatDate(closes)}`, color: TEXT_COLORS.soon }
    : { text: `No: not engaged by ${formatDate(closes)}` };
}

function CheckLine({ c, onRecord }: { c: RetentionCheck; onRecord: ((p: RecordPreset) => void) | null }) {
  const label = `${c.checkDays} days`;
  let body: ReactNode;
  if (c.record) {
    body = (
      <Text size="sm">
        {c.record.stillEngaged ? 'Still engaged' : 'Not engaged'} · checked {formatDate(c.record.date)}
      </Text>
    );
  } else {
    const color = c.state === 'overdue' ? 'red' : c.state === 'due' ? 'orange' : 'gray';
    const word = c.state === 'overdue' ? 'Overdue since' : 'Due';
    body = (
      <Group gap="xs">
        <Badge color={color} variant="light">
          {word} {formatDate(c.dueOn)}
        </Badge>
        {onRecord && c.state !== 'upcoming' ? (
          <Button size="compact-sm" variant="light" onClick={() => onRecord({ kind: 'retention', checkDays: c.checkDays })}>
            Record {c.checkDays}-day check
          </Button>
        ) : null}
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`retention-${c.checkDays}`}>
      <Text size="sm" fw={600} w={64}>
        {label}
      </Text>
      {body}
    </Group>
  );
}

/**
 * A person's participant milestones at a glance: enrolment and first treatment engagement (derived from
 * referrals), the 30-day engagement rule, the retention checks, housing, employment and exit.
 */
export function PersonMilestones({
  summary,
  onRecord,
}: {
  summary: ParticipantSummary;
  /** Null for roles that cannot record (officers). */
  onRecord: ((preset: RecordPreset | null) => void) | null;
}) {
  const s = summary;
  const within = windowText(s);
  const latest = (kind: string) => [...s.manual].reverse().find((m) => m.kind === kind) ?? null;
  const housing = latest('housing');
  const employment = latest('employment');
  const recordedChecks = s.manual.filter((m) => m.kind === 'retention');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="person-milestones">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="person-milestones">
          Participant milestones
        </Title>
        {onRecord ? (
          <Button size="sm" variant="light" leftSection={<IconFlag size={16} aria-hidden />} onClick={() => onRecord(null)}>
            Record milestone
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" verticalSpacing="sm">
        <Tile label="Enrolled" testId="milestone-enrolled">
          <Text size="sm">{s.enrolledOn ? formatDate(s.enrolledOn) : 'Not yet: no referral sent'}</Text>
        </Tile>
        <Tile label="First treatment engagement" testId="milestone-engaged">
          <Text size="sm">{s.firstEngagedOn ? formatDate(s.firstEngagedOn) : 'Not yet'}</Text>
        </Tile>
        <Tile label={`Engaged within ${ENGAGEMENT_WINDOW_DAYS} days`} testId="milestone-within">
          <Text size="sm" c={within.color} fw={within.color ? 600 : undefined}>
            {within.text}
          </Text>
        </Tile>
        <Tile label="Housing · employment · exit" testId="milestone-outcomes">
          <Text size="sm">{housing ? `Housing obtained ${formatDate(housing.date)}` : 'Housing: —'}</Text>
          <Text size="sm">{employment ? `Employment obtained ${formatDate(employment.date)}` : 'Employment: —'}</Text>
          <Text size="sm">
            {s.exited ? `Exited ${formatDate(s.exited.date)}: ${exitReasonLabel(s.exited.exitReason)}` : 'Still in the programme'}
          </Text>
        </Tile>
      </SimpleGrid>
      <Stack gap={4} mt="md">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Retained in treatment
        </Text>
        {s.checks.length ? (
          s.checks.map((c) => <CheckLine key={c.checkDays} c={c} onRecord={onRecord} />)
        ) : (
          <Text size="sm" c="dimmed">
            The 30-, 60- and 90-day checks are scheduled from the first treatment engagement.
          </Text>
        )}
        {!s.firstEngagedOn && recordedChecks.length ? (
          <Text size="sm" data-testid="orphan-checks">
            Recorded earlier: {recordedChecks.map((m) => `${m.checkDays}-day check on ${formatDate(m.date)}`).join(', ')}. The
            engagement they followed is no longer on record; remove them from the timeline if they were recorded in error.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
