import {
  ActionIcon,
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
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ServiceDetail } from '../../../shared/contract/providers';
import { WEEKDAYS } from '../../../shared/contract/providers';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { FormAlert } from '../ui/FormAlert';

type Day = (typeof WEEKDAYS)[number];
const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'temporarily closed', label: 'Temporarily closed' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'defunct', label: 'Defunct (closed for good)' },
];
const NEW_ORG = '__new__';

interface Form {
  organizationId: string | null;
  newOrgName: string;
  newOrgDescription: string;
  name: string;
  status: string;
  description: string;
  serviceTypes: ServiceType[];
  walkIns: boolean;
  phones: Array<{ number: string; extension: string; description: string }>;
  hours: Array<{ day: Day; opensAt: string; closesAt: string }>;
  languages: string[];
  requiredDocuments: string[];
  eligibilityDescription: string;
  minimumAge: number | string;
  maximumAge: number | string;
  applicationProcess: string;
  waitTime: string;
  capacityNote: string;
  feesDescription: string;
  insuranceNote: string;
  interpretationServices: string;
  alert: string;
  url: string;
  email: string;
  verified: boolean;
  address1: string;
  address2: string;
  city: string;
  stateProvince: string;
  postalCode: string;
}

const hhmm = (t: string | null) => (t ?? '').slice(0, 5);

function initial(s: ServiceDetail | null): Form {
  const address = s?.locations[0]?.addresses[0];
  return {
    address1: address?.address1 ?? '',
    address2: address?.address2 ?? '',
    city: address?.city ?? '',
    stateProvince: address?.stateProvince ?? '',
    postalCode: address?.postalCode ?? '',
    organizationId: s?.organization.id ?? null,
    newOrgName: '',
    newOrgDescription: '',
    name: s?.name ?? '',
    status: s?.status ?? 'active',
    description: s?.description ?? '',
    serviceTypes: s?.serviceTypes ?? [],
    walkIns: s?.walkIns ?? false,
    phones: (s?.phones ?? []).map((p) => ({
      number: p.number,
      extension: p.extension === null ? '' : String(p.extension),
      description: p.description ?? '',
    })),
    hours: (s?.schedules ?? [])
      .filter((h) => h.editable)
      .flatMap((h) =>
        (h.byday ?? '').split(',').map((day) => ({ day: day as Day, opensAt: hhmm(h.opensAt), closesAt: hhmm(h.closesAt) })),
      )
      .sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day)),
    languages: (s?.languages ?? []).map((l) => l.name ?? l.code ?? '').filter(Boolean),
    requiredDocuments: (s?.requiredDocuments ?? []).map((d) => d.document ?? '').filter(Boolean),
    eligibilityDescription: s?.eligibilityDescription ?? '',
    minimumAge: s?.minimumAge ?? '',
    maximumAge: s?.maximumAge ?? '',
    applicationProcess: s?.applicationProcess ?? '',
    waitTime: s?.waitTime ?? '',
    capacityNote: s?.capacityNote ?? '',
    feesDescription: s?.feesDescription ?? '',
    insuranceNote: s?.insuranceNote ?? '',
    interpretationServices: s?.interpretationServices ?? '',
    alert: s?.alert ?? '',
    url: s?.url ?? '',
    email: s?.email ?? '',
    verified: false,
  };
}

const age = (v: number | string) => (v === '' ? null : Number(v));

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
        name: form.name,
        status: form.status as ServiceDetail['status'],
        description: form.description,
        serviceTypes: form.serviceTypes,
        walkIns: form.walkIns,
        phones: form.phones
          .filter((p) => p.number.trim())
          .map((p) => ({
            number: p.number,
            extension: p.extension.trim() ? Number(p.extension) : null,
            description: p.description,
          })),
        hours: form.hours,
        languages: form.languages.map((name) => ({ name })),
        requiredDocuments: form.requiredDocuments,
        eligibilityDescription: form.eligibilityDescription,
        minimumAge: age(form.minimumAge),
        maximumAge: age(form.maximumAge),
        applicationProcess: form.applicationProcess,
        waitTime: form.waitTime,
        capacityNote: form.capacityNote,
        feesDescription: form.feesDescription,
        insuranceNote: form.insuranceNote,
        interpretationServices: form.interpretationServices,
        alert: form.alert,
        url: form.url,
        email: form.email,
        verified: form.verified,
        ...([form.address1, form.address2, form.city, form.stateProvince, form.postalCode].some((v) => v.trim())
          ? {
              address: {
                address1: form.address1,
                address2: form.address2,
                city: form.city,
                stateProvince: form.stateProvince,
                postalCode: form.postalCode,
              },
            }
          : {}),
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
        {form.phones.map((p, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput
              label="Number"
              value={p.number}
              error={errors[`phones.${i}.number`]}
              onChange={(e) =>
                set(
                  'phones',
                  form.phones.map((x, j) => (j === i ? { ...x, number: e.currentTarget.value } : x)),
                )
              }
            />
            <TextInput
              label="Ext."
              w={90}
              value={p.extension}
              error={errors[`phones.${i}.extension`]}
              onChange={(e) =>
                set(
                  'phones',
                  form.phones.map((x, j) => (j === i ? { ...x, extension: e.currentTarget.value } : x)),
                )
              }
            />
            <TextInput
              label="Note"
              style={{ flex: 1 }}
              value={p.description}
              onChange={(e) =>
                set(
                  'phones',
                  form.phones.map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x)),
                )
              }
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove phone ${p.number || i + 1}`}
              onClick={() =>
                set(
                  'phones',
                  form.phones.filter((_, j) => j !== i),
                )
              }
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => set('phones', [...form.phones, { number: '', extension: '', description: '' }])}
        >
          Add phone
        </Button>

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
        {form.hours.map((h, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <Select
              label="Day"
              w={160}
              data={WEEKDAYS.map((d) => ({ value: d, label: DAY_NAMES[d] }))}
              value={h.day}
              allowDeselect={false}
              onChange={(v) =>
                set(
                  'hours',
                  form.hours.map((x, j) => (j === i ? { ...x, day: (v ?? 'MO') as Day } : x)),
                )
              }
            />
            <TextInput
              label="Opens"
              placeholder="09:00"
              w={110}
              value={h.opensAt}
              error={errors[`hours.${i}.opensAt`]}
              onChange={(e) =>
                set(
                  'hours',
                  form.hours.map((x, j) => (j === i ? { ...x, opensAt: e.currentTarget.value } : x)),
                )
              }
            />
            <TextInput
              label="Closes"
              placeholder="17:00"
              w={110}
              value={h.closesAt}
              error={errors[`hours.${i}.closesAt`]}
              onChange={(e) =>
                set(
                  'hours',
                  form.hours.map((x, j) => (j === i ? { ...x, closesAt: e.currentTarget.value } : x)),
                )
              }
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove ${DAY_NAMES[h.day]} hours`}
              onClick={() =>
                set(
                  'hours',
                  form.hours.filter((_, j) => j !== i),
                )
              }
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => set('hours', [...form.hours, { day: 'MO', opensAt: '09:00', closesAt: '17:00' }])}
          >
            Add hours
          </Button>
          <Button
            variant="subtle"
            onClick={() =>
              set(
                'hours',
                (['MO', 'TU', 'WE', 'TH', 'FR'] as Day[]).map((day) => ({ day, opensAt: '09:00', closesAt: '17:00' })),
              )
            }
          >
            Weekdays 9 to 5
          </Button>
          <Button
            variant="subtle"
            onClick={() =>
              set(
                'hours',
                WEEKDAYS.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' })),
              )
            }
          >
            Open 24/7
          </Button>
        </Group>

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
