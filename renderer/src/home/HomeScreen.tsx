import { Badge, Button, Card, Group, Kbd, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useAllowedScreens } from '../app/nav-context';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../ui/PageHeader';
import { BackupHealthAlert } from '../backups/BackupHealthAlert';
import { HomeRecoveryKeyAlert } from '../keys/RecoveryKeyAlert';
import { HomeMilestones } from '../milestones/HomeMilestones';
import { Dashboard } from './Dashboard';

/** A screen's name inside a sentence: "Open people", but "Open TTA metrics" (an acronym keeps its capitals). */
function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.toLowerCase();
}

function greeting(hour: number): string {
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function HomeScreen() {
  const { user, departmentName, idleLockMinutes } = useSession();
  const screens = useAllowedScreens().filter((s) => s.summary);
  return (
    <Stack gap="lg">
      <PageHeader
        title={`${greeting(new Date().getHours())}, ${user.displayName}`}
        description={
          <Group gap="xs" component="span">
            <span>Signed in as {user.username}</span>
            <Badge variant="light" size="lg">
              {ROLE_LABELS[user.role]}
            </Badge>
            <span>{departmentName}</span>
          </Group>
        }
      />
      {user.role === 'admin' ? <BackupHealthAlert /> : null}
      {user.role === 'admin' ? <HomeRecoveryKeyAlert /> : null}
      <Dashboard />
      <HomeMilestones />
      <section aria-labelledby="home-can-do">
        <Title order={2} size="h3" id="home-can-do" mb="md">
          What you can do here
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {screens.map((s) => (
            <Card key={s.path} withBorder padding="lg" radius="md">
              <Stack gap="sm" h="100%" justify="space-between">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size="lg" aria-hidden>
                    <s.icon size={20} />
                  </ThemeIcon>
                  <div>
                    <Text fw={700}>{s.label}</Text>
                    <Text size="sm">{s.summary}</Text>
                  </div>
                </Group>
                <Group justify="flex-end">
                  <Button
                    component="a"
                    href={href(s.path)}
                    variant="light"
                    rightSection={<IconArrowRight size={16} aria-hidden />}
                  >
                    Open {inSentence(s.label)}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </section>
      <section aria-labelledby="home-security">
        <Title order={2} size="h3" id="home-security" mb="xs">
          Keeping the workstation safe
        </Title>
        <Text>
          Lock the workstation whenever you step away: press <Kbd>Ctrl</Kbd> + <Kbd>L</Kbd> or use the Lock button at the top. It
          also locks itself after {idleLockMinutes} {idleLockMinutes === 1 ? 'minute' : 'minutes'} without activity. Your unsaved
          work stays behind the lock until you return.
        </Text>
      </section>
    </Stack>
  );
}
