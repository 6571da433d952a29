import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { Milestone } from '../../../shared/contract/milestones';
import { OPEN_MILESTONE_STATUSES } from '../../../shared/domain/milestones';
import { formatDate } from '../ui/format';
import { categoryLabel } from './labels';
import { MilestoneFacts, StatusBadges } from './parts';

/** Names and labels wrap between words, never inside one. */
const WORDS = { overflowWrap: 'normal', minWidth: 110 } as const;

/** The plan as a table, by due date. Editors open a milestone from its title or mark it done. */
export function MilestoneList({
  milestones,
  editable,
  onOpen,
  onMarkDone,
}: {
  milestones: Milestone[];
  editable: boolean;
  onOpen: (m: Milestone) => void;
  onMarkDone: (m: Milestone) => void;
}) {
  return (
    <Table striped highlightOnHover verticalSpacing="sm" aria-label="Programme milestones">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Milestone</Table.Th>
          <Table.Th scope="col">Category</Table.Th>
          <Table.Th scope="col">Owner</Table.Th>
          <Table.Th scope="col">Due</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          {editable ? (
            <Table.Th scope="col">
              <Text span size="sm" fw={700}>
                Action
              </Text>
            </Table.Th>
          ) : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {milestones.map((m) => (
          <Table.Tr key={m.id} data-testid="milestone-row" data-overdue={m.overdue || undefined}>
            <Table.Td style={{ minWidth: 260 }}>
              <Stack gap={2}>
                {editable ? (
                  <Anchor component="button" type="button" fw={600} ta="left" onClick={() => onOpen(m)}>
                    {m.title}
                  </Anchor>
                ) : (
                  <Text fw={600}>{m.title}</Text>
                )}
                {m.description && !editable ? <Text size="sm">{m.description}</Text> : null}
                <MilestoneFacts m={m} />
              </Stack>
            </Table.Td>
            <Table.Td style={WORDS}>{categoryLabel(m.category)}</Table.Td>
            <Table.Td style={WORDS}>{m.owner.name}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.dueDate)}</Table.Td>
            <Table.Td>
              <StatusBadges m={m} />
            </Table.Td>
            {editable ? (
              <Table.Td>
                {(OPEN_MILESTONE_STATUSES as readonly string[]).includes(m.status) ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconCheck size={14} aria-hidden />}
                    onClick={() => onMarkDone(m)}
                    aria-label={`Mark done: ${m.title}`}
                  >
                    Mark done
                  </Button>
                ) : null}
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
