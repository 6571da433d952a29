import { Alert, Button, Checkbox, Fieldset, Grid, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconFolderCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { contract } from '../../../shared/contract';
import { type BackupSettings, KEEP_DAILY_MAX, KEEP_MONTHLY_MAX } from '../../../shared/contract/backups';
import { api, isSessionProblem } from '../api';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatBytes } from '../ui/format';

type Values = { enabled: boolean; folder: string; time: string; keepDaily: string; keepMonthly: string };

const toValues = (s: BackupSettings): Values => ({
  enabled: s.enabled,
  folder: s.folder,
  time: s.time,
  keepDaily: String(s.keepDaily),
  keepMonthly: String(s.keepMonthly),
});

const whole = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/** Where, when and how many: the daily backup's settings. */
export function BackupSettingsForm({ initial, onSaved }: { initial: BackupSettings; onSaved: (s: BackupSettings) => void }) {
  const form = useForm({
    initial: toValues(initial),
    schema: contract['backups.updateSettings'].input,
    toInput: (v: Values) => ({
      enabled: v.enabled,
      folder: v.folder.trim(),
      time: v.time,
      keepDaily: whole(v.keepDaily),
      keepMonthly: whole(v.keepMonthly),
    }),
    rules: (v: Values): Record<string, string> =>
      v.enabled && !v.folder.trim() ? { folder: 'Choose a backup folder, or turn the daily backup off.' } : {},
  });
  const [check, setCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const [checking, setChecking] = useState(false);

  async function checkFolder() {
    const folder = form.values.folder.trim();
    if (!folder) {
      form.showErrors({ folder: 'Enter the backup folder first.' });
      return;
    }
    setChecking(true);
    const r = await api.backups.checkFolder({ folder });
    setChecking(false);
    if (r.ok) {
      const free = r.value.freeBytes !== null ? ` ${formatBytes(r.value.freeBytes)} free.` : '';
      setCheck({ ok: r.value.ok, message: r.value.message + (r.value.ok ? free : '') });
    } else if (!isSessionProblem(r.error.code)) form.fail(r.error);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.backups.updateSettings(input));
    if (out) onSaved(out);
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Fieldset legend="Daily backup">
        <Stack>
          <Checkbox
            label="Back up every day"
            description="Runs at the time below while someone is logged in; if the workstation is locked or off then, it runs after the next login."
            checked={form.values.enabled}
            onChange={(e) => form.set('enabled', e.currentTarget.checked)}
          />
          <Group align="flex-start" wrap="nowrap" gap="sm">
            <TextInput
              style={{ flex: 1 }}
              label="Backup folder"
              description="A USB drive or a network share, as a full path, e.g. E:\Deflect backups or \\server\share\deflect"
              spellCheck={false}
              autoComplete="off"
              {...form.text('folder')}
              onChange={(e) => {
                setCheck(null);
                form.set('folder', e.currentTarget.value);
              }}
            />
            <Button
              variant="default"
              mt={46}
              leftSection={<IconFolderCheck size={18} aria-hidden />}
              loading={checking}
              onClick={() => void checkFolder()}
            >
              Check folder
            </Button>
          </Group>
          {check ? (
            <Alert color={check.ok ? 'green' : 'red'} variant="light" role="status" py="xs">
              {check.message}
            </Alert>
          ) : null}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label="Time of day"
                description="When the daily backup runs, e.g. 2:00 AM"
                type="time"
                {...form.text('time')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NumberInput
                label="Daily backups to keep"
                description={`The newest of each day; 1 to ${KEEP_DAILY_MAX}`}
                min={1}
                max={KEEP_DAILY_MAX}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                trimLeadingZeroesOnBlur={false}
                value={form.values.keepDaily}
                onChange={(v) => form.set('keepDaily', String(v))}
                error={form.error('keepDaily')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NumberInput
                label="Monthly backups to keep"
                description={`The newest of each month; 0 to ${KEEP_MONTHLY_MAX}`}
                min={0}
                max={KEEP_MONTHLY_MAX}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                trimLeadingZeroesOnBlur={false}
                value={form.values.keepMonthly}
                onChange={(v) => form.set('keepMonthly', String(v))}
                error={form.error('keepMonthly')}
              />
            </Grid.Col>
          </Grid>
          <Text size="sm" c="dimmed">
            Older backups of this store in the folder are deleted after each good backup; other files there are left alone.
          </Text>
          <FormErrors form={form} title="Backup settings not saved" />
          <Group justify="flex-end">
            <Button type="submit" loading={form.busy}>
              Save backup settings
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
