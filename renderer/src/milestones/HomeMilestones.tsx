import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { Milestone } from '../../../shared/contract/milestones';
import { api } from '../api';
import { href } from '../app/router';
import { formatDate, formatDay } from '../ui/format';
import { useQuery } from '../ui/useQuery';
import { StatusBadges } from './parts';

function MilestoneLine({ m }: { m: Milestone }) {
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="home-milestone" data-overdue={m.overdue || undefined}>
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{m.title}</Text>
          <StatusBadges m={m} />
        </Group>
        <Text size="sm" c="dimmed">
          Due {formatDate(m.dueDate)} · {m.owner.name}
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * Home, milestones: for coordinators the programme milestones overdue or due within 14 days; for
 * co-responders (and coordinators) their people's retention checks due this week. Nothing for officers.
 */
export function HomeMilestones() {
  const { data, error } = useQuery(useCallback(() => api.milestones.home({}), []));
  if (error) {
    return (
      <Alert color="red" title="Could not load the milestones" role="alert">
        {error}
      </Alert>
    );
  }
  if (!data || (!data.programme && !data.retention)) return null;
  const programme = data.programme;
  const attention = programme ? [...programme.overdue, ...programme.dueSoon] : [];
  return (
    <SimpleGrid cols={{ base: 1, md: programme && data.retention ? 2 : 1 }} spacing="lg">
      {programme ? (
        <section aria-labelledby="home-programme">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h3" id="home-programme">
              Programme milestones
            </Title>
            <Anchor href={href('/programme')} size="sm">
              Open the plan
            </Anchor>
          </Group>
          <Text size="sm" c={programme.overdue.length ? 'red.9' : 'dimmed'} fw={programme.overdue.length ? 700 : 400} mb="sm">
            {attention.length === 0
              ? 'Nothing overdue or due in the next 14 days.'
              : `${programme.overdue.length} overdue, ${programme.dueSoon.length} due in the next 14 days.`}
          </Text>
          <Stack gap="xs">
            {attention.slice(0, 8).map((m) => (
              <MilestoneLine key={m.id} m={m} />
            ))}
            {attention.length > 8 ? (
              <Anchor href={href('/programme')} size="sm">
                {attention.length - 8} more in the plan
              </Anchor>
            ) : null}
          </Stack>
        </section>
      ) : null}
      {data.retention ? (
        <section aria-labelledby="home-retention">
          <Title order={2} size="h3" id="home-retention" mb="xs">
            Retention checks due
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {data.retention.length === 0
              ? `None of your people has a 30-, 60- or 90-day check due by ${formatDay(data.weekEnd)}.`
              : `Your people whose check in treatment is due by ${formatDay(data.weekEnd)}, or was missed lately.`}
          </Text>
          <Stack gap="xs">
            {data.retention.map((r) => (
              <Card key={`${r.personId}-${r.checkDays}`} withBorder padding="sm" radius="sm" data-testid="home-retention">
                <Group justify="space-between" wrap="nowrap">
                  <Stack gap={0}>
                    <Anchor href={href(`/people/${r.personId}`)} fw={600}>
                      {r.personName}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {r.checkDays}-day check · engaged {formatDate(r.firstEngagedOn)}
                    </Text>
                  </Stack>
                  <Badge color={r.overdue ? 'red' : 'orange'} variant="light">
                    {r.overdue ? `Overdue since ${formatDate(r.dueOn)}` : `Due ${formatDay(r.dueOn)}`}
                  </Badge>
                </Group>
              </Card>
            ))}
          </Stack>
        </section>
      ) : null}
    </SimpleGrid>
  );
}
