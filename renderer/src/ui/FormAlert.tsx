import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** A problem that belongs to no single field, shown above the form's buttons and read out at once. */
export function FormAlert({ message, title = 'Not saved' }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {message}
    </Alert>
  );
}
