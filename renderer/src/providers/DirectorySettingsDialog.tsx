import { Button, Group, NumberInput, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useMemo } from 'react';
import { contract } from '../../../shared/contract';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { setDepartmentTimeZone } from '../ui/format';

const EMPTY = { timeZone: '', staleMonths: 6 as number | string };

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
  const form = useForm({
    initial: EMPTY,
    schema: contract['providers.updateSettings'].input,
    toInput: (v) => ({
      timeZone: v.timeZone,
      staleMonths:
        typeof v.staleMonths === 'number' ? v.staleMonths : v.staleMonths.trim() === '' ? Number.NaN : Number(v.staleMonths),
    }),
  });
  const { reset } = form;
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  useEffect(() => {
    if (!opened) return;
    reset(EMPTY);
    void api.providers.settings({}).then((r) => {
      if (r.ok) reset({ timeZone: r.value.timeZone, staleMonths: r.value.staleMonths });
    });
  }, [opened, reset]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const saved = await form.submit((input) => api.providers.updateSettings(input));
    if (!saved) return;
    setDepartmentTimeZone(saved.timeZone);
    notifications.show({
      color: 'green',
      title: 'Directory settings saved',
      message: `The department's days are counted in ${saved.timeZone}; listings are flagged after ${saved.staleMonths} months.`,
    });
    onSaved();
    onClose();
  }

  return (
    <AppModal opened={opened} onClose={onClose} title="Directory settings" size="md">
      <form ref={form.formRef} onSubmit={(e) => void save(e)} noValidate>
        <Stack>
          <Select
            label="Department time zone"
            description="The department’s calendar: “today”, due dates, this week, report periods and “open now” are counted in this time zone."
            data={zones}
            searchable
            {...form.select('timeZone')}
          />
          <NumberInput
            label="Flag listings not verified for (months)"
            min={1}
            max={60}
            value={form.values.staleMonths}
            onChange={(v) => form.set('staleMonths', v)}
            error={form.error('staleMonths')}
          />
          <FormErrors form={form} title="Settings not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
