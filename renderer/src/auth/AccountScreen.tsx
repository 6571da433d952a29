import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useSession } from '../app/session';
import { PageHeader } from '../ui/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

export function AccountScreen() {
  const { user, departmentName, setUser } = useSession();
  return (
    <Stack gap="lg">
      <PageHeader title="My account" description="Your account details and password." />
      <Card withBorder padding="lg" maw={720}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Detail label="Name" value={user.displayName} />
          <Detail label="Username" value={user.username} />
          <Detail label="Role" value={ROLE_LABELS[user.role]} />
        </SimpleGrid>
        <Text size="sm" mt="md">
          To change your name or role, ask an administrator.
        </Text>
      </Card>
      <section aria-labelledby="account-password">
        <Title order={2} size="h3" id="account-password" mb="md">
          Change password
        </Title>
        <ChangePasswordForm
          username={user.username}
          departmentName={departmentName}
          onChanged={(updated) => {
            setUser(updated);
            notifications.show({ color: 'green', title: 'Password changed', message: 'Use your new password from now on.' });
          }}
        />
      </section>
    </Stack>
  );
}
