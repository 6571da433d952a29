import { Checkbox, Grid, Group, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { ContactFields } from '../../../shared/contract/intake';
import { CHARGE_CATEGORIES, DISPOSITIONS, INTAKE_LIMITS, PATHWAYS, REFERRAL_SOURCES } from '../../../shared/domain/intake';
import { NEEDS } from '../../../shared/domain/needs';
import { CLINICAL_ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { options, orNull } from '../people/vocab';
import { errorAt, type FieldErrors } from '../ui/form';
import { inputDateTime, withOffset } from '../ui/format';

export interface StaffOption {
  id: string;
  displayName: string;
  role: Role;
}

/** The contact as the form holds it; `occurredAt` is the browser's local "YYYY-MM-DDTHH:mm". */
export interface ContactFormValues {
  occurredAt: string;
  location: string;
  cadNumber: string;
  pathway: string;
  referralSource: string;
  needs: string[];
  disposition: string;
  overdose: boolean;
  /** As typed: a number, or the text in the box ("" is none). */
  naloxoneDoses: number | string;
  useOfForce: boolean;
  injury: boolean;
  chargeCategory: string;
  chargesHeldInAbeyance: boolean;
  officerIds: string[];
  coResponderId: string;
  narrative: string;
  clinicalNote: string;
}

export function emptyContactForm(officerIds: string[]): ContactFormValues {
  return {
    occurredAt: inputDateTime(),
    location: '',
    cadNumber: '',
    pathway: '',
    referralSource: '',
    needs: [],
    disposition: '',
    overdose: false,
    naloxoneDoses: 0,
    useOfForce: false,
    injury: false,
    chargeCategory: '',
    chargesHeldInAbeyance: false,
    officerIds,
    coResponderId: '',
    narrative: '',
    clinicalNote: '',
  };
}

/** The API's contact: the local time gets its UTC offset; empty choices stay empty so the backend names them. */
export function toContactFields(v: ContactFormValues, clinical: boolean): ContactFields {
  const doses = v.naloxoneDoses;
  return {
    occurredAt: withOffset(v.occurredAt),
    location: v.location,
    cadNumber: v.cadNumber,
    pathway: v.pathway as ContactFields['pathway'],
    referralSource: v.referralSource as ContactFields['referralSource'],
    needs: v.needs as ContactFields['needs'],
    disposition: v.disposition as ContactFields['disposition'],
    overdose: v.overdose,
    // What was typed is sent as it is: "-3" is refused with a message, never quietly turned into 3.
    naloxoneDoses: typeof doses === 'number' ? doses : doses.trim() === '' ? 0 : Number(doses),
    useOfForce: v.useOfForce,
    injury: v.injury,
    chargeCategory: orNull(v.chargeCategory) as ContactFields['chargeCategory'],
    chargesHeldInAbeyance: v.chargesHeldInAbeyance,
    officerIds: v.officerIds,
    coResponderId: orNull(v.coResponderId),
    narrative: v.narrative,
    ...(clinical ? { clinicalNote: v.clinicalNote } : {}),
  };
}

const selectKeys = { selectFirstOptionOnChange: true, searchable: true, comboboxProps: { withinPortal: true } } as const;

export function ContactFieldsForm({
  values,
  onChange,
  errors,
  staff,
  role,
}: {
  values: ContactFormValues;
  onChange: (next: ContactFormValues) => void;
  errors: FieldErrors;
  staff: StaffOption[];
  role: Role;
}) {
  const err = (field: string) => errorAt(errors, `contact.${field}`);
  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => onChange({ ...values, [key]: value });
  const staffData = staff.map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role]})` }));
  const clinicalStaff = staffData.filter((_, i) => (CLINICAL_ROLES as readonly string[]).includes(staff[i]!.role));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="datetime-local"
          label="Date and time of contact"
          required
          value={values.occurredAt}
          onChange={(e) => set('occurredAt', e.currentTarget.value)}
          error={err('occurredAt')}
          max={inputDateTime()}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="CAD / incident number"
          maxLength={INTAKE_LIMITS.cadNumber}
          value={values.cadNumber}
          onChange={(e) => set('cadNumber', e.currentTarget.value)}
          error={err('cadNumber')}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <TextInput
          label="Location"
          description="Address, block or area."
          maxLength={INTAKE_LIMITS.location}
          value={values.location}
          onChange={(e) => set('location', e.currentTarget.value)}
          error={err('location')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Pathway"
          required
          data={options(PATHWAYS)}
          value={values.pathway || null}
          onChange={(v) => set('pathway', v ?? '')}
          error={err('pathway')}
          {...selectKeys}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Referral source"
          required
          data={options(REFERRAL_SOURCES)}
          value={values.referralSource || null}
          onChange={(v) => set('referralSource', v ?? '')}
          error={err('referralSource')}
          {...selectKeys}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <MultiSelect
          label="Needs and presenting issues"
          description="Type to filter, Enter to add."
          data={options(NEEDS)}
          value={values.needs}
          onChange={(v) => set('needs', v)}
          error={err('needs')}
          searchable
          selectFirstOptionOnChange
          hidePickedOptions
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Disposition"
          required
          data={options(DISPOSITIONS)}
          value={values.disposition || null}
          onChange={(v) => set('disposition', v ?? '')}
          error={err('disposition')}
          {...selectKeys}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <NumberInput
          label="Naloxone doses given"
          min={0}
          max={INTAKE_LIMITS.naloxoneDoses}
          value={values.naloxoneDoses}
          onChange={(v) => set('naloxoneDoses', v)}
          error={err('naloxoneDoses')}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Group gap="xl">
          <Checkbox label="Overdose" checked={values.overdose} onChange={(e) => set('overdose', e.currentTarget.checked)} />
          <Checkbox
            label="Use of force"
            checked={values.useOfForce}
            onChange={(e) => set('useOfForce', e.currentTarget.checked)}
          />
          <Checkbox label="Injury" checked={values.injury} onChange={(e) => set('injury', e.currentTarget.checked)} />
        </Group>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Deflected charge"
          description="The charge not filed, or held."
          data={options(CHARGE_CATEGORIES)}
          value={values.chargeCategory || null}
          onChange={(v) => set('chargeCategory', v ?? '')}
          error={err('chargeCategory')}
          clearable
          {...selectKeys}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }} pt={{ sm: 42 }}>
        <Checkbox
          label="Charges held in abeyance"
          checked={values.chargesHeldInAbeyance}
          onChange={(e) => set('chargesHeldInAbeyance', e.currentTarget.checked)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <MultiSelect
          label="Officers"
          required
          data={staffData}
          value={values.officerIds}
          onChange={(v) => set('officerIds', v)}
          error={err('officerIds')}
          searchable
          selectFirstOptionOnChange
          hidePickedOptions
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Co-responder"
          data={clinicalStaff}
          value={values.coResponderId || null}
          onChange={(v) => set('coResponderId', v ?? '')}
          error={err('coResponderId')}
          clearable
          {...selectKeys}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label="Narrative"
          description="What happened and what was offered. Seen by the whole unit."
          autosize
          minRows={3}
          maxRows={12}
          maxLength={INTAKE_LIMITS.narrative}
          value={values.narrative}
          onChange={(e) => set('narrative', e.currentTarget.value)}
          error={err('narrative')}
        />
      </Grid.Col>
      {(CLINICAL_ROLES as readonly string[]).includes(role) ? (
        <Grid.Col span={12}>
          <Textarea
            label="Clinical note"
            description="Visible only to co-responders, coordinators and administrators."
            autosize
            minRows={3}
            maxRows={12}
            maxLength={INTAKE_LIMITS.clinicalNote}
            value={values.clinicalNote}
            onChange={(e) => set('clinicalNote', e.currentTarget.value)}
            error={err('clinicalNote')}
          />
        </Grid.Col>
      ) : null}
    </Grid>
  );
}
