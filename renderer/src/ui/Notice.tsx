import { Button, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { PageHeader } from './PageHeader';

/** A screen that cannot be shown (role, unknown address): says why and gives the way back. */
export function Notice({ title, message }: { title: string; message: string }) {
  return (
    <Stack align="flex-start">
      <PageHeader title={title} />
      <Text size="lg" role="status">
        {message}
      </Text>
      <Button component="a" href="#/" leftSection={<IconArrowLeft size={18} aria-hidden />}>
        Back to Home
      </Button>
    </Stack>
  );
}
