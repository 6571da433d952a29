import { Button, Fieldset, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { authContract } from '../../../shared/contract/auth';
import type { Department } from '../../../shared/contract/auth';
import { api } from '../api';
import { DemoEntry } from '../demo/DemoEntry';
import { CenteredPage } from '../ui/CenteredPage';
import { useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { newPasswordProblems } from '../ui/password';
import { StateSelect } from '../ui/StateSelect';
import { PasswordRules } from '../ui/PasswordRules';
import { PasswordField } from '../ui/PasswordField';

const EMPTY = {
  name: '',
  addressLine1: '',
  addressLine2: '',
  city: '',
  state: '',
  postalCode: '',
  phone: '',
  username: '',
  displayName: '',
  password: '',
  confirm: '',
};

const toInput = (v: typeof EMPTY) => ({
  department: {
    name: v.name,
    addressLine1: v.addressLine1,
    addressLine2: v.addressLine2,
    city: v.city,
    state: v.state as Department['state'],
    postalCode: v.postalCode,
    phone: v.phone,
  },
  admin: { username: v.username, displayName: v.displayName, password: v.password },
});

/** First run: the department's details and the first administrator. */
export function SetupScreen({
  onDone,
  onDemo,
  onRestore,
  newFolder,
  onBack,
}: {
  onDone: (recoveryKey: string) => void;
  onDemo: () => void;
  /** A new workstation for an existing unit: restore its store from a backup instead. */
  onRestore: () => void;
  /** The data folder named at start in which the user confirmed a new store (DataFolderScreen). */
  newFolder?: string;
  /** Back to the data folder screen (with `newFolder`). */
  onBack?: () => void;
}) {
  const form = useForm({
    initial: EMPTY,
    schema: authContract['auth.setup'].input,
    toInput: (v: typeof EMPTY) => ({ ...toInput(v), ...(newFolder ? { newFolderConfirmed: true as const } : {}) }),
    rules: (v) => newPasswordProblems(v.password, v.confirm, [v.username, v.name], 'admin.password'),
  });
  const { text } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const out = await form.submit((input) => api.auth.setup(input));
    if (out) onDone(out.recoveryKey);
  }

  return (
    <CenteredPage title="Set up Deflect" eyebrow="First run" width={760}>
      {newFolder ? (
        <Group gap="xs" wrap="nowrap" align="center" justify="space-between">
          <Text>
            A new, empty store in <strong style={{ overflowWrap: 'anywhere' }}>{newFolder}</strong>. Enter your department’s
            details and create the first administrator account.
          </Text>
          {onBack ? (
            <Button variant="default" onClick={onBack} style={{ flexShrink: 0 }}>
              Back
            </Button>
          ) : null}
        </Group>
      ) : (
        <Text>
          This workstation has no Deflect data yet. Enter your department’s details and create the first administrator account.
          Everything you enter is stored encrypted on this computer.
        </Text>
      )}
      <Group gap="xs" wrap="nowrap" align="center">
        <Text size="sm">Replacing a workstation? Restore the unit’s store from a backup instead of setting up a new one.</Text>
        <Button variant="light" leftSection={<IconRestore size={18} aria-hidden />} onClick={onRestore} style={{ flexShrink: 0 }}>
          Restore from a backup
        </Button>
      </Group>
      {newFolder ? null : <DemoEntry onOpened={onDemo} />}
      <form ref={form.formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="lg">
          <ErrorSummary form={form} />
          <Fieldset legend="Department (used on letters)">
            <Text size="sm" c="dimmed" mb="sm">
              Only the name is needed now. The address appears on referral letters; you can complete it later in Settings.
            </Text>
            <Grid>
              <Grid.Col span={12}>
                <TextInput
                  label="Department name"
                  required
                  autoComplete="organization"
                  autoFocus
                  {...text('name', 'department.name')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Street address"
                  autoComplete="address-line1"
                  {...text('addressLine1', 'department.addressLine1')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Address line 2"
                  autoComplete="address-line2"
                  {...text('addressLine2', 'department.addressLine2')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="City" autoComplete="address-level2" {...text('city', 'department.city')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <StateSelect autoComplete="address-level1" {...form.select('state', 'department.state')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <TextInput label="ZIP code" autoComplete="postal-code" {...text('postalCode', 'department.postalCode')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Phone"
                  type="tel"
                  autoComplete="tel"
                  description="For example (312) 555-0100"
                  {...text('phone', 'department.phone')}
                />
              </Grid.Col>
            </Grid>
          </Fieldset>
          <Fieldset legend="First administrator">
            <Stack>
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Username"
                    required
                    description="Letters, digits, dot, dash or underscore"
                    autoComplete="username"
                    {...text('username', 'admin.username')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Display name"
                    required
                    description="As colleagues will see it"
                    autoComplete="name"
                    {...text('displayName', 'admin.displayName')}
                  />
                </Grid.Col>
              </Grid>
              <PasswordRules />
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <PasswordField label="Password" required autoComplete="new-password" {...text('password', 'admin.password')} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <PasswordField label="Confirm password" required autoComplete="new-password" {...text('confirm')} />
                </Grid.Col>
              </Grid>
            </Stack>
          </Fieldset>
          <FormErrors form={form} title="Setup did not complete" />
          <Button type="submit" size="md" loading={form.busy} style={{ alignSelf: 'flex-end' }}>
            Set up Deflect
          </Button>
        </Stack>
      </form>
    </CenteredPage>
  );
}
