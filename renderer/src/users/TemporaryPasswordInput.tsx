import { Button, TextInput } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { generateTemporaryPassword } from './temporary-password';

/** The temporary password an administrator hands over; shown in clear because it is read out once and must be changed. */
export function TemporaryPasswordInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <TextInput
      label="Temporary password"
      description="Give it to the user in person. They must choose their own password when they first log in."
      autoComplete="off"
      spellCheck={false}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      rightSectionWidth={116}
      rightSectionPointerEvents="all"
      rightSection={
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => onChange(generateTemporaryPassword())}
        >
          Generate
        </Button>
      }
    />
  );
}
