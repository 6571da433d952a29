import { Button, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import { CONSENT_CATEGORIES, type ConsentCategory, FORM_LANGUAGES, RECIPIENT_CLASSES } from '../../../shared/domain/consents';
import { api } from '../api';
import { options } from '../people/vocab';
import { AppModal } from '../ui/AppModal';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { inputDate } from '../ui/format';

const initial = {
  language: 'en' as 'en' | 'es',
  recipientKind: 'organization' as 'organization' | 'class',
  organizationId: '',
  recipientClass: 'directory_treatment',
  categories: ['substance_use', 'contact_details'] as ConsentCategory[],
  purpose: 'Referral to treatment and services, and coordination of care',
  tpo: true,
  expiresOn: '',
  expiryEvent: '',
  signer: 'person' as 'person' | 'representative',
  representativeName: '',
  representativeAuthority: '',
  signedOn: inputDate(),
};

/** Records a consent with every element of § 2.31 / HIPAA 164.508; the form to sign is printed from it. */
export function RecordConsentDialog({
  personId,
  language,
  opened,
  onClose,
  onSaved,
}: {
  personId: string;
  language: 'en' | 'es';
  opened: boolean;
  onClose: () => void;
  onSaved: (consentId: string) => void;
}) {
  const [orgs, setOrgs] = useState<{ value: string; label: string }[]>([]);
  const form = useForm({
    initial,
    schema: contract['consents.create'].input,
    toInput: (v) => ({
      personId,
      consent: {
        language: v.language,
        recipient:
          v.recipientKind === 'organization'
            ? { kind: 'organization' as const, organizationId: v.organizationId }
            : { kind: 'class' as const, recipientClass: v.recipientClass as 'directory_treatment' },
        categories: v.categories,
        purpose: v.purpose,
        tpo: v.tpo,
        expiresOn: v.expiresOn || null,
        expiryEvent: v.expiryEvent,
        signer:
          v.signer === 'person'
            ? { kind: 'person' as const }
            : { kind: 'representative' as const, name: v.representativeName, authority: v.representativeAuthority },
        signedOn: v.signedOn,
      },
    }),
    rules: (v): FieldErrors =>
      v.recipientKind === 'organization' && !v.organizationId
        ? { 'consent.recipient.organizationId': 'Recipient: choose a provider.' }
        : {},
  });
  const { values: v, set, reset } = form;
  useEffect(() => {
    if (!opened) return;
    reset({ ...initial, language, signedOn: inputDate() });
    void api.providers
      .facets({})
      .then((r) => setOrgs(r.ok ? r.value.organizations.map((o) => ({ value: o.id, label: o.name })) : []));
  }, [opened, language, reset]);
  async function save() {
    const out = await form.submit((input) => api.consents.create(input));
    if (out) onSaved(out.consent.id);
  }
  return (
    <AppModal opened={opened} onClose={onClose} title="Record a consent" size="xl">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <ErrorSummary form={form} />
          <Text size="sm">
            Who may disclose: the department. The form printed from this record carries the revocation statement and, for
            treatment, payment or operations, the statements on refusal and redisclosure.
          </Text>
          <Radio.Group
            label="Recipient"
            value={v.recipientKind}
            onChange={(x) => set('recipientKind', x as 'organization')}
            required
          >
            <Group mt={4}>
              <Radio value="organization" label="A provider from the directory" />
              <Radio value="class" label="A class of recipients" />
            </Group>
          </Radio.Group>
          {v.recipientKind === 'organization' ? (
            <Select
              label="Provider"
              data={orgs}
              searchable
              nothingFoundMessage="No provider by that name in the directory"
              required
              data-autofocus
              {...form.select('organizationId', 'consent.recipient.organizationId')}
            />
          ) : (
            <Select
              label="Class of recipients"
              data={options(RECIPIENT_CLASSES)}
              allowDeselect={false}
              {...form.select('recipientClass', 'consent.recipient.recipientClass')}
            />
          )}
          <Checkbox.Group
            label="Information that may be disclosed"
            value={v.categories}
            onChange={(x) => set('categories', x as ConsentCategory[])}
            error={form.error('consent.categories')}
            required
          >
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing={6} mt="xs">
              {CONSENT_CATEGORIES.map((c) => (
                <Checkbox key={c.code} value={c.code} label={c.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea label="Purpose" required autosize minRows={1} {...form.text('purpose', 'consent.purpose')} />
          <Checkbox
            label="For treatment, payment or health care operations"
            description="Prints the statements on the right to refuse and on redisclosure."
            checked={v.tpo}
            onChange={(e) => set('tpo', e.currentTarget.checked)}
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Expires on"
              description="A date, an event, or both (whichever comes first)."
              {...form.text('expiresOn', 'consent.expiresOn')}
            />
            <TextInput
              label="Or expires when"
              placeholder="e.g. treatment ends"
              {...form.text('expiryEvent', 'consent.expiryEvent')}
            />
          </Group>
          <Radio.Group label="Signed by" value={v.signer} onChange={(x) => set('signer', x as 'person')} required>
            <Group mt={4}>
              <Radio value="person" label="The person" />
              <Radio value="representative" label="An authorised representative" />
            </Group>
          </Radio.Group>
          {v.signer === 'representative' ? (
            <Group grow align="flex-start">
              <TextInput label="Representative’s name" required {...form.text('representativeName', 'consent.signer.name')} />
              <TextInput
                label="Their authority"
                placeholder="e.g. court-appointed guardian"
                required
                {...form.text('representativeAuthority', 'consent.signer.authority')}
              />
            </Group>
          ) : null}
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label="Date signed"
              required
              max={inputDate()}
              {...form.text('signedOn', 'consent.signedOn')}
            />
            <Select
              label="Form language"
              data={options(FORM_LANGUAGES)}
              allowDeselect={false}
              {...form.select('language', 'consent.language')}
            />
          </Group>
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              Record consent
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
