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
import { type FormEvent, useEffect, useState } from 'react';
import { organizationEditSchema, type ServiceDetail, serviceEditSchema } from '../../../shared/contract/providers';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { formatDate } from '../ui/format';
import { type FieldErrors, maxLengthAt, moveFields, schemaErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { type Form, initial, NEW_ORG, PENDING_ORG_ID, STATUSES, toSaveInput } from './serviceForm';
import { HoursEditor, PhonesEditor } from './ServiceListEditors';

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
  const form = useForm({
    initial: initial(service),
    schema: serviceEditSchema,
    toInput: (f: Form) => ({
      ...(service ? { id: service.id } : {}),
      organizationId: f.organizationId === NEW_ORG ? PENDING_ORG_ID : (f.organizationId ?? ''),
      ...toSaveInput(f),
    }),
    rules: (f: Form): FieldErrors => {
      if (!f.organizationId) return { organizationId: 'Choose the organisation that runs this service.' };
      if (f.organizationId !== NEW_ORG) return {};
      const org = schemaErrors(organizationEditSchema, { name: f.newOrgName, description: f.newOrgDescription });
      return Object.fromEntries(Object.entries(org).map(([k, m]) => [`org.${k}`, m]));
    },
  });
  const { values: f, set, reset } = form;
  const [orgs, setOrgs] = useState<Array<{ value: string; label: string }>>([]);
  const keptHours = (service?.schedules ?? []).filter((h) => !h.editable).length;

  useEffect(() => {
    if (!opened) return;
    reset(initial(service));
    void api.providers.facets({}).then((r) => {
      if (r.ok)
        setOrgs([
          ...r.value.organizations.map((o) => ({ value: o.id, label: o.name })),
          { value: NEW_ORG, label: '+ New organisation…' },
        ]);
    });
  }, [opened, service, reset]);

  async function save() {
    const saved = await form.submit(async (input) => {
      let organizationId = input.organizationId;
      if (f.organizationId === NEW_ORG) {
        const org = await api.providers.saveOrganization({ name: f.newOrgName, description: f.newOrgDescription });
        if (!org.ok) return { ok: false as const, error: moveFields(org.error, '', 'org') };
        organizationId = org.value.id;
        set('organizationId', organizationId);
      }
      return api.providers.saveService({ ...input, organizationId });
    });
    if (!saved) return;
    notifications.show({ color: 'green', title: service ? 'Provider updated' : 'Provider added', message: f.name });
    onSaved(saved.id);
  }

  const text = form.text;

  return (
    <AppModal opened={opened} onClose={onClose} title={service ? `Edit ${service.name}` : 'Add a provider'} size="xl">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <ErrorSummary form={form} />
          <Select
            label="Organisation"
            required
            data={orgs}
            value={f.organizationId}
            onChange={(v) => set('organizationId', v)}
            searchable
            error={form.error('organizationId')}
          />
          {f.organizationId === NEW_ORG ? (
            <SimpleGrid cols={2}>
              <TextInput
                label="New organisation name"
                required
                maxLength={maxLengthAt(organizationEditSchema, 'name')}
                value={f.newOrgName}
                onChange={(e) => set('newOrgName', e.currentTarget.value)}
                error={form.error('org.name')}
              />
              <TextInput
                label="What the organisation does"
                required
                maxLength={maxLengthAt(organizationEditSchema, 'description')}
                value={f.newOrgDescription}
                onChange={(e) => set('newOrgDescription', e.currentTarget.value)}
                error={form.error('org.description')}
              />
            </SimpleGrid>
          ) : null}
          <SimpleGrid cols={2}>
            <TextInput label="Service name" required {...text('name')} />
            <Select
              label="Status"
              data={STATUSES}
              value={f.status}
              onChange={(v) => set('status', v ?? 'active')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} {...text('description')} />
          <MultiSelect
            label="Service types"
            description="What this service offers; needs are matched through these."
            data={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }))}
            value={f.serviceTypes}
            onChange={(v) => set('serviceTypes', v as ServiceType[])}
            searchable
            error={form.error('serviceTypes')}
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
          <PhonesEditor value={f.phones} onChange={(v) => set('phones', v)} errors={form.errors} />

          <Divider />
          <Title order={3} size="h5">
            Opening hours
          </Title>
          {keptHours > 0 ? (
            <Text size="sm" c="dimmed">
              {keptHours === 1
                ? 'One more schedule from an import (per location or with dates) is kept as it is.'
                : `${keptHours} more schedules from an import (per location or with dates) are kept as they are.`}
            </Text>
          ) : null}
          <HoursEditor value={f.hours} onChange={(v) => set('hours', v)} errors={form.errors} />

          <Divider />
          <Title order={3} size="h5">
            Access
          </Title>
          <Checkbox
            label="Accepts walk-ins (no appointment needed)"
            checked={f.walkIns}
            onChange={(e) => set('walkIns', e.currentTarget.checked)}
          />
          <SimpleGrid cols={2}>
            <TagsInput
              label="Languages"
              description="Type a language and press Enter."
              value={f.languages}
              onChange={(v) => set('languages', v)}
              error={form.error('languages')}
            />
            <TextInput label="Interpretation" {...text('interpretationServices')} />
          </SimpleGrid>
          <Textarea label="Who is eligible" autosize minRows={1} {...text('eligibilityDescription')} />
          <SimpleGrid cols={2}>
            <NumberInput
              label="Minimum age"
              min={0}
              max={120}
              value={f.minimumAge}
              onChange={(v) => set('minimumAge', v)}
              error={form.error('minimumAge')}
            />
            <NumberInput
              label="Maximum age"
              min={0}
              max={120}
              value={f.maximumAge}
              onChange={(v) => set('maximumAge', v)}
              error={form.error('maximumAge')}
            />
          </SimpleGrid>
          <TagsInput
            label="Documents to bring"
            description="Press Enter after each."
            value={f.requiredDocuments}
            onChange={(v) => set('requiredDocuments', v)}
            error={form.error('requiredDocuments')}
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
            checked={f.verified}
            onChange={(e) => set('verified', e.currentTarget.checked)}
            description={
              service ? `Last verified: ${formatDate(service.assuredDate, 'never')}` : 'A new listing counts as verified today.'
            }
          />
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              {service ? 'Save changes' : 'Add provider'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
