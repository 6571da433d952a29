import { Alert, Button, Fieldset, Grid, Group, Loader, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useCallback, useState } from 'react';
import { contract, type InputOf } from '../../../shared/contract';
import type { Department } from '../../../shared/contract/auth';
import type { Settings } from '../../../shared/contract/system';
import { stateCode } from '../../../shared/domain/usStates';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../../shared/domain/session';
import { api } from '../api';
import { useSession } from '../app/session';
import { useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { StateSelect } from '../ui/StateSelect';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';

type Values = {
  name: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string;
  banner: string;
  idleLockMinutes: string;
};

function toValues(s: Settings): Values {
  // A state stored written out ("Illinois") is offered as its code; anything else is left for the user to choose.
  const state = stateCode(s.department.state) ?? s.department.state;
  return { ...s.department, state, banner: s.banner, idleLockMinutes: String(s.idleLockMinutes) };
}

/** Only what changed is sent, so the audit log records what really changed. */
function changes(v: Values, initial: Settings): InputOf<'settings.update'> {
  const department = {
    name: v.name,
    addressLine1: v.addressLine1,
    addressLine2: v.addressLine2,
    city: v.city,
    state: v.state as Department['state'],
    postalCode: v.postalCode,
    phone: v.phone,
  };
  const minutes = v.idleLockMinutes.trim() === '' ? Number.NaN : Number(v.idleLockMinutes);
  const input: InputOf<'settings.update'> = {};
  if (JSON.stringify(department) !== JSON.stringify(initial.department)) input.department = department;
  if (v.banner !== initial.banner) input.banner = v.banner;
  if (minutes !== initial.idleLockMinutes) input.idleLockMinutes = minutes;
  return input;
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const form = useForm({
    initial: toValues(initial),
    schema: contract['settings.update'].input,
    toInput: (v: Values) => changes(v, initial),
  });
  const { text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (Object.keys(changes(form.values, initial)).length === 0) {
      form.clearErrors();
      notifications.show({ color: 'blue', title: 'Nothing to save', message: 'No setting was changed.' });
      return;
    }
    const out = await form.submit((input) => api.settings.update(input));
    if (out) onSaved(out);
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="lg" maw={820}>
        <ErrorSummary form={form} />
        <Fieldset legend="Department letterhead">
          <Grid>
            <Grid.Col span={12}>
              <TextInput label="Department name" {...text('name', 'department.name')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput label="Street address" {...text('addressLine1', 'department.addressLine1')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput label="Address line 2" description="Optional" {...text('addressLine2', 'department.addressLine2')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="City" {...text('city', 'department.city')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <StateSelect {...form.select('state', 'department.state')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="ZIP code" {...text('postalCode', 'department.postalCode')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Phone"
                description="Optional, e.g. (312) 555-0100"
                type="tel"
                {...text('phone', 'department.phone')}
              />
            </Grid.Col>
          </Grid>
        </Fieldset>
        <Fieldset legend="System-use banner">
          <Textarea
            label="Banner text"
            description="Shown on the login and lock screens before anyone logs in. At least 20 characters."
            autosize
            minRows={4}
            maxRows={12}
            {...text('banner')}
          />
        </Fieldset>
        <Fieldset legend="Inactivity lock">
          <NumberInput
            label="Lock after this many minutes without activity"
            description={`Between ${IDLE_LOCK_MIN_MINUTES} and ${IDLE_LOCK_MAX_MINUTES} minutes.`}
            min={IDLE_LOCK_MIN_MINUTES}
            max={IDLE_LOCK_MAX_MINUTES}
            maw={320}
            value={form.values.idleLockMinutes}
            onChange={(value) => form.set('idleLockMinutes', String(value))}
            error={form.error('idleLockMinutes')}
          />
        </Fieldset>
        <FormErrors form={form} title="Settings not saved" />
        <Group justify="flex-end">
          <Button type="submit" loading={form.busy}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsScreen() {
  const { refreshSystem } = useSession();
  const fetchSettings = useCallback(() => api.settings.get({}), []);
  const { data: settings, error, setData: setSettings } = useQuery(fetchSettings);
  const [version, setVersion] = useState(0);

  return (
    <Stack>
      <PageHeader title="Settings" description="These settings apply to everyone who uses this workstation." />
      {error ? (
        <Alert color="red" title="Could not load the settings" role="alert">
          <Text>{error}</Text>
        </Alert>
      ) : null}
      {!settings && !error ? <Loader aria-label="Loading settings" /> : null}
      {settings ? (
        <SettingsForm
          key={version}
          initial={settings}
          onSaved={(saved) => {
            setSettings(saved);
            setVersion((n) => n + 1);
            notifications.show({ color: 'green', title: 'Settings saved', message: 'The new settings apply from now on.' });
            void refreshSystem();
          }}
        />
      ) : null}
    </Stack>
  );
}
