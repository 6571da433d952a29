import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../api';

/** On the first-run screen: try Deflect on a separate store of made-up people before setting up for real. */
export function DemoEntry({ onOpened }: { onOpened: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setBusy(true);
    setError(null);
    const r = await api.demo.open({});
    setBusy(false);
    if (r.ok) onOpened();
    else setError(r.error.message);
  }
  return (
    <Stack gap="xs">
      <Text size="sm">
        Not ready to set up? Explore Deflect with demo data first: a separate store of made-up people, with an account for each
        role. Your real store is not touched.
      </Text>
      <Button
        variant="light"
        color="grape"
        leftSection={<IconFlask size={18} aria-hidden />}
        loading={busy}
        onClick={() => void open()}
        style={{ alignSelf: 'flex-start' }}
      >
        Explore with demo data
      </Button>
      {busy ? <Text size="sm">Creating the demo store; this takes a few seconds…</Text> : null}
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
    </Stack>
  );
}
