import {
  Button,
  Checkbox,
  Divider,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ServiceDetail } from '../../../shared/contract/providers';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { type Form, initial, NEW_ORG, STATUSES, toSaveInput } from './serviceForm';
import { HoursEditor, PhonesEditor } from './ServiceListEditors';
import { FormAlert } from '../ui/FormAlert';

/** Add or edit one provider's service, as a coordinator. Hours from an import that this form cannot show are kept as they are. */
export function ServiceEditDialog({
  opened,
  service,
  onClose,
  onSaved,
}: {
  opened: boolean;
  service: ServiceDetail | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [form, setForm] = useState<Form>(() => initial(service));
  const [orgs, setOrgs] = useState<Array<{ value: string; label: string }>>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const keptHours = (service?.schedules ?? []).filter((h) => !h.editable).length;

  useEffect(() => {
    if (!opened) return;
    setForm(initial(service));
    setErrors({});
    setFormError(null);
    void api.providers.facets({}).then((r) => {
      if (r.ok)
        setOrgs([
          ...r.value.organizations.map((o) => ({ value: o.id, label: o.name })),
          { value: NEW_ORG, label: '+ New organisation…' },
        ]);
    });
  }, [opened, service]);

  function fail(error: { message: string; field?: string }, prefix = '') {
    if (error.field) setErrors({ [`${prefix}${error.field}`]: error.message });
    else setFormError(error.message);
  }

  async function save() {
    setErrors({});
    setFormError(null);
    if (!form.organizationId) {
      setErrors({ organizationId: 'Choose the organisation that runs this service.' });
      return;
    }
    setBusy(true);
    try {
      let organizationId = form.organizationId;
      if (organizationId === NEW_ORG) {
        const org = await api.providers.saveOrganization({ name: form.newOrgName, description: form.newOrgDescription });
        if (!org.ok) return fail(org.error, 'org.');
        organizationId = org.value.id;
      }
      const r = await api.providers.saveService({
        ...(service ? { id: service.id } : {}),
        organizationId,
        ...toSaveInput(form),
      });
      if (!r.ok) return fail(r.error);
      notifications.show({ color: 'green', title: service ? 'Provider updated' : 'Provider added', message: form.name });
      onSaved(r.value.id);
    } finally {
      setBusy(false);
    }
  }

  const text = (key: keyof Form & string, path: string = key) => ({
    value: String(form[key]),
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value as never),
    error: errors[path],
  });

  return (
    <AppModal opened={opened} onClose={onClose} title={service ? `Edit ${service.name}` : 'Add a provider'} size="xl">
      <Stack>
        <Select
          label="Organisation"
          required
          data={orgs}
          value={form.organizationId}
          onChange={(v) => set('organizationId', v)}
          searchable
          error={errors.organizationId}
        />
        {form.organizationId === NEW_ORG ? (
          <SimpleGrid cols={2}>
            <TextInput
              label="New organisation name"
              required
              value={form.newOrgName}
              onChange={(e) => set('newOrgName', e.currentTarget.value)}
              error={errors['org.name']}
            />
            <TextInput
              label="What the organisation does"
              required
              value={form.newOrgDescription}
              onChange={(e) => set('newOrgDescription', e.currentTarget.value)}
              error={errors['org.description']}
            />
          </SimpleGrid>
        ) : null}
        <SimpleGrid cols={2}>
          <TextInput label="Service name" required {...text('name')} />
          <Select
            label="Status"
            data={STATUSES}
            value={form.status}
            onChange={(v) => set('status', v ?? 'active')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea label="Description" autosize minRows={2} {...text('description')} />
        <MultiSelect
          label="Service types"
          description="What this service offers; needs are matched through these."
          data={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }))}
          value={form.serviceTypes}
          onChange={(v) => set('serviceTypes', v as ServiceType[])}
          searchable
          error={errors.serviceTypes}
        />
        <TextInput label="Alert" description="Short notice shown first, e.g. “No intake this week”." {...text('alert')} />

        <Divider />
        <Title order={3} size="h5">
          Address
        </Title>
        {(service?.locations.length ?? 0) > 1 ? (
          <Text size="sm" c="dimmed">
            This edits the first of {service?.locations.length} locations; the others are kept as they are.
          </Text>
        ) : null}
        <SimpleGrid cols={2}>
          <TextInput label="Street address" {...text('address1', 'address.address1')} />
          <TextInput label="Address line 2" {...text('address2', 'address.address2')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="City" {...text('city', 'address.city')} />
          <TextInput label="State" {...text('stateProvince', 'address.stateProvince')} />
          <TextInput label="ZIP code" {...text('postalCode', 'address.postalCode')} />
        </SimpleGrid>

        <Divider />
        <Title order={3} size="h5">
          Phone numbers
        </Title>
        <PhonesEditor value={form.phones} onChange={(v) => set('phones', v)} errors={errors} />

        <Divider />
        <Title order={3} size="h5">
          Opening hours
        </Title>
        {keptHours > 0 ? (
          <Text size="sm" c="dimmed">
            {keptHours} more schedule{keptHours === 1 ? '' : 's'} from an import (per location or with dates) are kept as they
            are.
          </Text>
        ) : null}
        <HoursEditor value={form.hours} onChange={(v) => set('hours', v)} errors={errors} />

        <Divider />
        <Title order={3} size="h5">
          Access
        </Title>
        <Checkbox
          label="Accepts walk-ins (no appointment needed)"
          checked={form.walkIns}
          onChange={(e) => set('walkIns', e.currentTarget.checked)}
        />
        <SimpleGrid cols={2}>
          <TagsInput
            label="Languages"
            description="Type a language and press Enter."
            value={form.languages}
            onChange={(v) => set('languages', v)}
            error={errors.languages}
          />
          <TextInput label="Interpretation" {...text('interpretationServices')} />
        </SimpleGrid>
        <Textarea label="Who is eligible" autosize minRows={1} {...text('eligibilityDescription')} />
        <SimpleGrid cols={2}>
          <NumberInput
            label="Minimum age"
            min={0}
            max={120}
            value={form.minimumAge}
            onChange={(v) => set('minimumAge', v)}
            error={errors.minimumAge}
          />
          <NumberInput
            label="Maximum age"
            min={0}
            max={120}
            value={form.maximumAge}
            onChange={(v) => set('maximumAge', v)}
            error={errors.maximumAge}
          />
        </SimpleGrid>
        <TagsInput
          label="Documents to bring"
          description="Press Enter after each."
          value={form.requiredDocuments}
          onChange={(v) => set('requiredDocuments', v)}
        />
        <Textarea label="How to get in" autosize minRows={1} {...text('applicationProcess')} />
        <SimpleGrid cols={2}>
          <TextInput label="Wait time" {...text('waitTime')} />
          <TextInput label="Capacity note" description="Beds, waiting list, when to call." {...text('capacityNote')} />
          <TextInput label="Cost" {...text('feesDescription')} />
          <TextInput label="Insurance accepted" {...text('insuranceNote')} />
          <TextInput label="Website" {...text('url')} />
          <TextInput label="Email" {...text('email')} />
        </SimpleGrid>
        <Checkbox
          label="I confirmed these details with the provider today"
          checked={form.verified}
          onChange={(e) => set('verified', e.currentTarget.checked)}
          description={service ? `Last verified: ${service.assuredDate ?? 'never'}` : 'A new listing counts as verified today.'}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            {service ? 'Save changes' : 'Add provider'}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
