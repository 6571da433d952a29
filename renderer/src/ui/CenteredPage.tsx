import { Box, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of every screen shown outside the app shell: setup, login, lock, forced password change. */
export function CenteredPage({
  title,
  eyebrow,
  children,
  width = 560,
}: {
  title: string;
  eyebrow?: string | null;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Box component="main" bg="gray.1" mih="100vh" py={48} px="md">
      <Container size={width} p={0}>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Stack gap="lg">
            <Stack gap={2}>
              {eyebrow ? (
                <Text size="sm" fw={600} c="dimmed" tt="uppercase">
                  {eyebrow}
                </Text>
              ) : null}
              <Title order={1} size="h2" tabIndex={-1} data-page-heading>
                {title}
              </Title>
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
