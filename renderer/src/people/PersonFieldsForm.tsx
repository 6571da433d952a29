import { Grid, MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Person, PersonFields } from '../../../shared/contract/people';
import {
  GENDER_IDENTITIES,
  HOUSING_STATUSES,
  INTAKE_LIMITS,
  LANGUAGES,
  RACE_ETHNICITIES,
  SEXES,
  VETERAN_STATUSES,
} from '../../../shared/domain/intake';
import { personProblems } from '../../../shared/domain/person';
import { errorAt, type FieldErrors } from '../ui/form';
import { inputDate } from '../ui/format';
import { options, orNull } from './vocab';

/** A person's details as the form holds them: strings and lists, "" for not known. */
export interface PersonFormValues {
  firstName: string;
  lastName: string;
  aliases: string[];
  dateOfBirth: string;
  birthYear: string;
  sex: string;
  genderIdentity: string;
  raceEthnicity: string[];
  preferredLanguage: string;
  veteranStatus: string;
  housingStatus: string;
  residenceArea: string;
  zip: string;
  phone: string;
}

export const EMPTY_PERSON_FORM: PersonFormValues = {
  firstName: '',
  lastName: '',
  aliases: [],
  dateOfBirth: '',
  birthYear: '',
  sex: '',
  genderIdentity: '',
  raceEthnicity: [],
  preferredLanguage: '',
  veteranStatus: '',
  housingStatus: '',
  residenceArea: '',
  zip: '',
  phone: '',
};

/**
 * The API's person fields. With an exact date of birth no year is sent (the backend takes it from the
 * date), so a problem with the date is reported on the date, the field the user typed into.
 */
export function toPersonFields(v: PersonFormValues): PersonFields {
  const year = v.birthYear.trim();
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    aliases: v.aliases,
    dateOfBirth: orNull(v.dateOfBirth),
    ...(v.dateOfBirth ? {} : { birthYear: year ? Number(year) : null }),
    sex: orNull(v.sex) as PersonFields['sex'],
    genderIdentity: orNull(v.genderIdentity) as PersonFields['genderIdentity'],
    raceEthnicity: v.raceEthnicity as PersonFields['raceEthnicity'],
    preferredLanguage: orNull(v.preferredLanguage) as PersonFields['preferredLanguage'],
    veteranStatus: orNull(v.veteranStatus) as PersonFields['veteranStatus'],
    housingStatus: orNull(v.housingStatus) as PersonFields['housingStatus'],
    residenceArea: v.residenceArea,
    zip: v.zip,
    phone: v.phone,
  };
}

/** The shared person rules (a name, a date of birth not in the future…) on what the form holds, for `useForm`'s rules. */
export function personFormProblems(v: PersonFormValues, prefix: string, contactDate?: string): FieldErrors {
  const f = toPersonFields(v);
  const year = f.birthYear ?? null;
  const problems = personProblems(
    {
      firstName: v.firstName,
      lastName: v.lastName,
      aliases: v.aliases,
      dateOfBirth: f.dateOfBirth ?? null,
      birthYear: f.dateOfBirth ? Number(f.dateOfBirth.slice(0, 4)) : Number.isInteger(year) ? year : null,
    },
    inputDate(),
    contactDate,
  );
  return Object.fromEntries(Object.entries(problems).map(([field, message]) => [`${prefix}.${field}`, message]));
}

export function fromPerson(p: Person): PersonFormValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    aliases: p.aliases,
    dateOfBirth: p.dateOfBirth ?? '',
    birthYear: p.dateOfBirth || p.birthYear === null ? '' : String(p.birthYear),
    sex: p.sex ?? '',
    genderIdentity: p.genderIdentity ?? '',
    raceEthnicity: p.raceEthnicity,
    preferredLanguage: p.preferredLanguage ?? '',
    veteranStatus: p.veteranStatus ?? '',
    housingStatus: p.housingStatus ?? '',
    residenceArea: p.residenceArea,
    zip: p.zip,
    phone: p.phone,
  };
}

/** The person's details. `prefix` is where the API puts these fields (`subject.person`, `changes`, …), for error messages. */
export function PersonFieldsForm({
  values,
  onChange,
  errors,
  prefix,
  autoFocus,
  afterBirth,
}: {
  values: PersonFormValues;
  onChange: (next: PersonFormValues) => void;
  errors: FieldErrors;
  prefix: string;
  autoFocus?: boolean;
  /** Grid columns shown right after the name and date of birth (the duplicate warning). */
  afterBirth?: ReactNode;
}) {
  const err = (field: string) => errorAt(errors, `${prefix}.${field}`);
  const set = <K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K]) => onChange({ ...values, [key]: value });
  const select = (key: 'sex' | 'genderIdentity' | 'preferredLanguage' | 'veteranStatus' | 'housingStatus') => ({
    value: values[key] || null,
    onChange: (v: string | null) => set(key, v ?? ''),
    error: err(key),
    clearable: true,
    allowDeselect: true,
  });
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="First name"
          autoFocus={autoFocus}
          maxLength={INTAKE_LIMITS.name}
          value={values.firstName}
          onChange={(e) => set('firstName', e.currentTarget.value)}
          error={err('firstName')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Last name"
          maxLength={INTAKE_LIMITS.name}
          value={values.lastName}
          onChange={(e) => set('lastName', e.currentTarget.value)}
          error={err('lastName')}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <TagsInput
          label="Aliases and street names"
          description="Press Enter after each one."
          value={values.aliases}
          onChange={(v) => set('aliases', v)}
          maxTags={INTAKE_LIMITS.aliases}
          error={err('aliases')}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="date"
          label="Date of birth"
          value={values.dateOfBirth}
          onChange={(e) => set('dateOfBirth', e.currentTarget.value)}
          error={err('dateOfBirth')}
          max={inputDate()}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Or year of birth (approximate)"
          description={values.dateOfBirth ? 'Taken from the date of birth.' : 'When only the year, or an age, is known.'}
          inputMode="numeric"
          maxLength={4}
          disabled={values.dateOfBirth !== ''}
          value={values.dateOfBirth ? values.dateOfBirth.slice(0, 4) : values.birthYear}
          onChange={(e) => set('birthYear', e.currentTarget.value)}
          error={err('birthYear')}
        />
      </Grid.Col>
      {afterBirth}
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select label="Sex" data={options(SEXES)} {...select('sex')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select label="Gender identity" data={options(GENDER_IDENTITIES)} {...select('genderIdentity')} />
      </Grid.Col>
      <Grid.Col span={12}>
        <MultiSelect
          label="Race and ethnicity"
          description="Select all that the person names."
          data={options(RACE_ETHNICITIES)}
          value={values.raceEthnicity}
          onChange={(v) =>
            set(
              'raceEthnicity',
              v.includes('declined') && v[v.length - 1] === 'declined'
                ? ['declined']
                : v.filter((x) => x !== 'declined' || v.length === 1),
            )
          }
          error={err('raceEthnicity')}
          searchable
          selectFirstOptionOnChange
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select label="Preferred language" data={options(LANGUAGES)} searchable {...select('preferredLanguage')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select label="Veteran status" data={options(VETERAN_STATUSES)} {...select('veteranStatus')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select label="Housing status" data={options(HOUSING_STATUSES)} {...select('housingStatus')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Phone"
          type="tel"
          maxLength={INTAKE_LIMITS.phone}
          value={values.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={err('phone')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <TextInput
          label="Residence area"
          description="Neighbourhood or area, not a full address."
          maxLength={INTAKE_LIMITS.residenceArea}
          value={values.residenceArea}
          onChange={(e) => set('residenceArea', e.currentTarget.value)}
          error={err('residenceArea')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label="ZIP code"
          inputMode="numeric"
          maxLength={5}
          value={values.zip}
          onChange={(e) => set('zip', e.currentTarget.value)}
          error={err('zip')}
        />
      </Grid.Col>
    </Grid>
  );
}
