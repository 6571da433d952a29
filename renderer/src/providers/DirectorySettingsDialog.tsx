import { Button, Group, NumberInput, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { FormAlert } from '../ui/FormAlert';

/** The department's time zone ("open now") and how old a verification may get before a listing is flagged. */
export function DirectorySettingsDialog({
  opened,
  onClose,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [staleMonths, setStaleMonths] = useState<number | string>(6);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  useEffect(() => {
    if (!opened) return;
    void api.providers.settings({}).then((r) => {
      if (r.ok) {
        setTimeZone(r.value.timeZone);
        setStaleMonths(r.value.staleMonths);
      }
    });
  }, [opened]);

  async function save() {
    setBusy(true);
    setError(null);
    setFieldError({});
    const r = await api.providers.updateSettings({ ...(timeZone ? { timeZone } : {}), staleMonths: Number(staleMonths) });
    setBusy(false);
    if (!r.ok) {
      if (r.error.field) setFieldError({ [r.error.field]: r.error.message });
      else setError(r.error.message);
      return;
    }
    notifications.show({
      color: 'green',
      title: 'Directory settings saved',
      message: `Open now uses ${r.value.timeZone}; listings are flagged after ${r.value.staleMonths} months.`,
    });
    onSaved();
    onClose();
  }

  return (
    <AppModal opened={opened} onClose={onClose} title="Directory settings" size="md">
      <Stack>
        <Select
          label="Department time zone"
          description="“Open now” and verification dates are judged in this time zone."
          data={zones}
          value={timeZone}
          onChange={setTimeZone}
          searchable
          error={fieldError.timeZone}
        />
        <NumberInput
          label="Flag listings not verified for (months)"
          min={1}
          max={60}
          value={staleMonths}
          onChange={setStaleMonths}
          error={fieldError.staleMonths}
        />
        <FormAlert message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            Save
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
