import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconHistory, IconMessagePlus } from '@tabler/icons-react';
import { useState } from 'react';

/** Follow-ups shown before "Show all": overdue ones come first, so they are always among them. */
const FIRST_FOLLOWUPS = 8;
import type { OutputOf } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/procedure';
import { api } from '../api';
import { href } from '../app/router';
import { ContactCard } from '../intake/ContactCard';
import { FollowupItem } from '../people/FollowupItem';
import { ReferralsHome } from '../referrals/ReferralsHome';
import { formatDay, formatNumber, formatWhen } from '../ui/format';
import { useQuery } from '../ui/useQuery';

type Data = OutputOf<'home.dashboard'> & { draftAt: string | null };

/** The dashboard and whether an intake draft is waiting. */
async function fetchDashboard(): Promise<Result<Data>> {
  const [home, drafts] = await Promise.all([api.home.dashboard({}), api.drafts.list({})]);
  if (!home.ok) return home;
  const draftAt = drafts.ok ? (drafts.value.drafts.find((d) => d.formKey === 'intake')?.savedAt ?? null) : null;
  return { ok: true, value: { ...home.value, draftAt } };
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="sm" radius="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={800} fz={28} lh={1.2}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

/** Home for the unit's daily work: unfinished intake, my follow-ups (overdue first), this week, recent contacts. */
export function Dashboard() {
  const { data, error, reload: load } = useQuery(fetchDashboard);
  const [allFollowups, setAllFollowups] = useState(false);

  if (error)
    return (
      <Alert color="red" title="Could not load the dashboard" role="alert">
        {error}
      </Alert>
    );
  if (!data) return <Loader aria-label="Loading the dashboard" />;
  const w = data.week;
  const draftAt = data.draftAt;

  return (
    <Stack gap="lg">
      <Group>
        <Button component="a" href={href('/intake')} size="md" leftSection={<IconMessagePlus size={20} aria-hidden />}>
          New intake
        </Button>
        {draftAt ? (
          <Button
            component="a"
            href={href('/intake')}
            variant="light"
            color="orange"
            leftSection={<IconHistory size={18} aria-hidden />}
          >
            Finish the intake you started ({formatWhen(draftAt)})
          </Button>
        ) : null}
      </Group>
      <ReferralsHome />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <section aria-labelledby="home-followups">
          <Title order={2} size="h3" id="home-followups" mb="xs">
            My follow-ups
          </Title>
          <Text size="sm" c={data.overdueFollowups ? 'red.9' : 'dimmed'} fw={data.overdueFollowups ? 700 : 400} mb="sm">
            {data.openFollowups === 0
              ? 'Nothing assigned to you.'
              : `${data.openFollowups} open${data.overdueFollowups ? `, ${data.overdueFollowups} overdue` : ''}.`}
          </Text>
          <Stack gap="xs">
            {(allFollowups ? data.myFollowups : data.myFollowups.slice(0, FIRST_FOLLOWUPS)).map((f) => (
              <FollowupItem key={f.id} followup={f} showPerson onChanged={() => void load()} />
            ))}
            {data.myFollowups.length > FIRST_FOLLOWUPS ? (
              <Button variant="subtle" style={{ alignSelf: 'flex-start' }} onClick={() => setAllFollowups((v) => !v)}>
                {allFollowups
                  ? 'Show fewer'
                  : `Show all ${data.myFollowups.length}${data.openFollowups > data.myFollowups.length ? ` of ${data.openFollowups}` : ''}`}
              </Button>
            ) : null}
          </Stack>
        </section>
        <Stack gap="lg">
          <section aria-labelledby="home-week">
            <Title order={2} size="h3" id="home-week" mb="xs">
              This week
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {formatDay(w.from)} – {formatDay(w.to)}, whole unit
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Stat label="Contacts" value={w.contacts} />
              <Stat label="People" value={w.people} />
              <Stat label="New people" value={w.newPeople} />
              <Stat label="Overdoses" value={w.overdoses} />
              <Stat label="Naloxone doses" value={w.naloxoneDoses} />
              <Stat label="Screened" value={w.screened} />
              {w.screenedPositive !== null ? <Stat label="Screened positive" value={w.screenedPositive} /> : null}
              <Stat label="Follow-ups due" value={w.followupsDue} />
            </SimpleGrid>
          </section>
          <section aria-labelledby="home-recent">
            <Title order={2} size="h3" id="home-recent" mb="xs">
              Recent contacts
            </Title>
            <Stack gap="xs">
              {data.recentContacts.length ? (
                data.recentContacts.map((c) => <ContactCard key={c.id} contact={c} showPerson />)
              ) : (
                <Text c="dimmed">No contacts recorded yet.</Text>
              )}
            </Stack>
          </section>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
