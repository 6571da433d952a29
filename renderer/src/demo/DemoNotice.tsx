import { Alert, Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../shared/domain/demo';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api';

/** The strip across the top of every screen while the demo store is open. */
export function DemoBanner() {
  return (
    <Group justify="center" gap="xs" bg="grape.9" c="white" py={4} role="note" aria-label="Demo" data-testid="demo-banner">
      <IconFlask size={16} aria-hidden />
      <Text size="sm" fw={700}>
        DEMO — made-up people and sample data. Nothing here is real.
      </Text>
    </Group>
  );
}

/** On the login screen of the demo store: the accounts to try, and the way back to the real store. */
export function DemoAccounts({ onLeft }: { onLeft: () => void }) {
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<IconFlask aria-hidden />}
      title="DEMO — made-up people and sample data; nothing here is real"
    >
      <Stack gap="xs">
        <Text size="sm">
          Every demo account uses the password <Code>{DEMO_PASSWORD}</Code>. Try an officer and a co-responder to see what each
          role sees.
        </Text>
        <Table withRowBorders={false} verticalSpacing={2} aria-label="Demo accounts">
          <Table.Tbody>
            {DEMO_ACCOUNTS.map((a) => (
              <Table.Tr key={a.username}>
                <Table.Td>
                  <Code>{a.username}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="grape">
                    {ROLE_LABELS[a.role]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Button
          size="compact-sm"
          variant="default"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => void api.demo.leave({}).then(() => onLeft())}
        >
          Leave the demo
        </Button>
      </Stack>
    </Alert>
  );
}
