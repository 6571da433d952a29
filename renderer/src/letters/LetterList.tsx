import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { Letter } from '../../../shared/contract/letters';
import { formatDateTime } from '../ui/format';

/** Letters in a list; a clinical letter shows officers only that it was sent. */
export function LetterList({ letters, onOpen }: { letters: Letter[]; onOpen: (l: Letter) => void }) {
  if (!letters.length)
    return (
      <Text size="sm" c="dimmed">
        No letter yet.
      </Text>
    );
  return (
    <Stack gap="xs">
      {letters.map((l) => (
        <Card key={l.id} withBorder padding="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={600}>
                {l.clinical && !l.readable ? 'Letter sent, clinical content' : l.title}
              </Text>
              <Text size="xs" c="dimmed">
                To {l.recipientName} · {formatDateTime(l.createdAt)}
                {l.createdBy ? ` by ${l.createdBy.displayName}` : ''} · template “{l.templateName}” version {l.templateVersion}
                {l.part2Notice ? ' · § 2.32 notice' : ''}
              </Text>
            </div>
            {l.readable ? (
              <Button size="compact-sm" variant="light" onClick={() => onOpen(l)} aria-label={`Open letter: ${l.title}`}>
                Open
              </Button>
            ) : (
              <Badge color="grape" variant="light">
                Clinical
              </Badge>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
