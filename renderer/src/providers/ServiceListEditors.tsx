import { ActionIcon, Button, Group, Select, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { serviceEditSchema, WEEKDAYS } from '../../../shared/contract/providers';
import { maxLengthAt } from '../ui/form';
import { DAY_NAMES, type Day, type Form, updateAt } from './serviceForm';

type Errors = Record<string, string>;

/** The contract's lengths for a phone row, as typed limits. */
const LIMITS = {
  number: maxLengthAt(serviceEditSchema, 'phones.0.number'),
  description: maxLengthAt(serviceEditSchema, 'phones.0.description'),
};

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" size="lg" aria-label={label} onClick={onClick}>
      <IconTrash size={18} aria-hidden />
    </ActionIcon>
  );
}

/** The service's phone numbers: one row each, added and removed in place. */
export function PhonesEditor({
  value,
  onChange,
  errors,
}: {
  value: Form['phones'];
  onChange: (v: Form['phones']) => void;
  errors: Errors;
}) {
  return (
    <>
      {value.map((p, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <TextInput
            label="Number"
            maxLength={LIMITS.number}
            value={p.number}
            error={errors[`phones.${i}.number`]}
            onChange={(e) => onChange(updateAt(value, i, { number: e.currentTarget.value }))}
          />
          <TextInput
            label="Ext."
            w={90}
            maxLength={8}
            value={p.extension}
            error={errors[`phones.${i}.extension`]}
            onChange={(e) => onChange(updateAt(value, i, { extension: e.currentTarget.value }))}
          />
          <TextInput
            label="Note"
            style={{ flex: 1 }}
            maxLength={LIMITS.description}
            value={p.description}
            error={errors[`phones.${i}.description`]}
            onChange={(e) => onChange(updateAt(value, i, { description: e.currentTarget.value }))}
          />
          <RemoveButton label={`Remove phone ${p.number || i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Group>
      ))}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={16} aria-hidden />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...value, { number: '', extension: '', description: '' }])}
      >
        Add phone
      </Button>
    </>
  );
}

const every = (days: readonly Day[], opensAt: string, closesAt: string) => days.map((day) => ({ day, opensAt, closesAt }));

/** Weekly opening hours: a row per opening window, with two common presets. */
export function HoursEditor({
  value,
  onChange,
  errors,
}: {
  value: Form['hours'];
  onChange: (v: Form['hours']) => void;
  errors: Errors;
}) {
  return (
    <>
      {value.map((h, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <Select
            label="Day"
            w={160}
            data={WEEKDAYS.map((d) => ({ value: d, label: DAY_NAMES[d] }))}
            value={h.day}
            allowDeselect={false}
            onChange={(v) => onChange(updateAt(value, i, { day: (v ?? 'MO') as Day }))}
          />
          <TextInput
            label="Opens"
            placeholder="09:00"
            w={110}
            value={h.opensAt}
            error={errors[`hours.${i}.opensAt`]}
            onChange={(e) => onChange(updateAt(value, i, { opensAt: e.currentTarget.value }))}
          />
          <TextInput
            label="Closes"
            placeholder="17:00"
            w={110}
            value={h.closesAt}
            error={errors[`hours.${i}.closesAt`]}
            onChange={(e) => onChange(updateAt(value, i, { closesAt: e.currentTarget.value }))}
          />
          <RemoveButton label={`Remove ${DAY_NAMES[h.day]} hours`} onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Group>
      ))}
      <Group gap="xs">
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...value, { day: 'MO', opensAt: '09:00', closesAt: '17:00' }])}
        >
          Add hours
        </Button>
        <Button variant="subtle" onClick={() => onChange(every(['MO', 'TU', 'WE', 'TH', 'FR'], '09:00', '17:00'))}>
          Weekdays 9 to 5
        </Button>
        <Button variant="subtle" onClick={() => onChange(every(WEEKDAYS, '00:00', '24:00'))}>
          Open 24/7
        </Button>
      </Group>
    </>
  );
}
