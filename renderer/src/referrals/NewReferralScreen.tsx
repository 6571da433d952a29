import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { Suggestion } from '../../../shared/contract/referrals';
import { NEEDS, type Need } from '../../../shared/domain/needs';
import { REFERRAL_METHODS } from '../../../shared/domain/referrals';
import { api } from '../api';
import { href, navigate, type RouteParams } from '../app/router';
import { options } from '../people/vocab';
import { OpenBadge, StaleBadge, WalkInBadge } from '../providers/parts';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { formatDate, inputDate } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { ConsentGateAlert, gated } from './ConsentGate';
import { needLabel } from './labels';

interface Start {
  personId: string;
  personName: string;
  contactId: string | null;
  contactDate: string | null;
  contactNeeds: Need[];
}

/** Where a referral starts: a contact (its person and needs) or a person's page. */
function useStart(params: RouteParams) {
  const fetchStart = useCallback(async () => {
    if (params.contactId) {
      const r = await api.contacts.get({ id: params.contactId });
      if (!r.ok) return r;
      const c = r.value.contact;
      return {
        ok: true as const,
        value: {
          personId: c.personId ?? '',
          personName: c.personName ?? '',
          contactId: c.id,
          contactDate: c.occurredDate,
          contactNeeds: c.needs as Need[],
        },
      };
    }
    const r = await api.people.get({ id: params.personId ?? '' });
    if (!r.ok) return r;
    return {
      ok: true as const,
      value: {
        personId: r.value.person.id,
        personName: r.value.person.displayName,
        contactId: null,
        contactDate: null,
        contactNeeds: [],
      },
    };
  }, [params.contactId, params.personId]);
  return useQuery<Start>(fetchStart);
}

function SuggestionCard({ s, chosen }: { s: Suggestion; chosen: boolean }) {
  const svc = s.service;
  return (
    <Card withBorder padding="sm" radius="sm" bg={chosen ? 'blue.0' : undefined} data-testid="suggestion">
      <Radio
        value={svc.id}
        label={
          <Text fw={700} size="sm" component="span">
            {svc.name}
            {svc.organizationName ? ` — ${svc.organizationName}` : ''}
          </Text>
        }
        description={
          <Stack gap={4} mt={4} component="span">
            <Text size="sm" component="span" c="dark.6">
              {s.reasons.join('; ')}
            </Text>
            <Group gap={6} component="span">
              <OpenBadge open={svc.open} size="sm" />
              {svc.walkIns ? <WalkInBadge /> : null}
              {svc.stale ? <StaleBadge assuredDate={svc.assuredDate} /> : null}
              {svc.phone ? (
                <Text size="xs" component="span">
                  {svc.phone}
                </Text>
              ) : null}
              {svc.city ? (
                <Text size="xs" component="span" c="dimmed">
                  {svc.city}
                </Text>
              ) : null}
            </Group>
          </Stack>
        }
      />
    </Card>
  );
}

const initial = {
  needs: [] as Need[],
  serviceId: '',
  method: 'warm_handoff',
  reason: '',
  referredOn: inputDate(),
  send: true,
  note: '',
};

/** A new referral: the needs it is for, a suggested provider, how it is made, and (optionally) sending it now. */
export function NewReferralScreen({ params }: { params: RouteParams }) {
  const { data: start, error } = useStart(params);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [gate, setGate] = useState<string | null>(null);
  const form = useForm({
    initial,
    schema: contract['referrals.create'].input,
    toInput: (v) => ({
      personId: start?.personId ?? '',
      contactId: start?.contactId ?? null,
      needs: v.needs,
      serviceId: v.serviceId,
      method: v.method as 'warm_handoff',
      reason: v.reason,
      referredOn: v.referredOn,
      send: v.send,
      note: v.note,
    }),
    rules: (v): FieldErrors => (v.serviceId ? {} : { serviceId: 'Provider: choose one of the suggested services.' }),
  });
  const { values: v, set, reset } = form;

  useEffect(() => {
    if (start) reset({ ...initial, needs: start.contactNeeds, referredOn: inputDate() });
  }, [start, reset]);

  useEffect(() => {
    if (!start || v.needs.length === 0) {
      setSuggestions([]);
      return;
    }
    let live = true;
    setSuggestions(null);
    void api.referrals.suggest({ needs: v.needs, personId: start.personId, limit: 12 }).then((r) => {
      if (live) setSuggestions(r.ok ? r.value.suggestions : []);
    });
    return () => {
      live = false;
    };
  }, [start, v.needs]);

  async function create(override?: string) {
    setGate(null);
    const out = await form.submit((input) =>
      gated(api.referrals.create(override ? { ...input, override: { reason: override } } : input), setGate),
    );
    if (out) {
      notifications.show({
        color: 'green',
        title: out.referral.status === 'sent' ? 'Referral sent' : 'Referral saved as a draft',
        message: `${out.referral.service.name}: the disclosure is logged on the person’s page.`,
      });
      navigate(`/referrals/${out.referral.id}`);
    }
  }

  if (error) return <Notice title="Cannot start the referral" message={error} />;
  if (!start) return <Loader aria-label="Loading" />;
  if (!start.personId) {
    return (
      <Stack align="flex-start">
        <PageHeader title="New referral" />
        <Alert color="orange" title="Link the contact to a person first" role="status">
          A referral is made for an identified person. Open the contact and link it to the person, then make the referral.
        </Alert>
        <Button component="a" href={href(`/contacts/${start.contactId}`)}>
          Open the contact
        </Button>
      </Stack>
    );
  }
  const contactNeeds = new Set(start.contactNeeds);
  const ordered = [...NEEDS].sort((a, b) => Number(contactNeeds.has(b.code)) - Number(contactNeeds.has(a.code)));
  return (
    <Stack>
      <PageHeader
        title={`New referral for ${start.personName}`}
        description={start.contactDate ? `From the contact of ${formatDate(start.contactDate)}` : 'From the person’s page'}
      />
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack gap="lg" maw={900}>
          <ErrorSummary form={form} />
          <Checkbox.Group
            label="Needs this referral is for"
            description={start.contactNeeds.length ? 'The contact’s needs are ticked; add or remove as needed.' : undefined}
            value={v.needs}
            onChange={(value) => set('needs', value as Need[])}
            error={form.error('needs')}
            required
          >
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={6} mt="xs">
              {ordered.map((n) => (
                <Checkbox key={n.code} value={n.code} label={n.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>

          <section aria-labelledby="suggested-heading">
            <Title order={2} size="h4" id="suggested-heading" mb={4}>
              Suggested providers
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              Ranked by the needs they meet, the person’s language, whether they are open now or soon, walk-ins and how recently
              the listing was checked.
            </Text>
            {suggestions === null ? (
              <Loader size="sm" aria-label="Finding providers" />
            ) : suggestions.length === 0 ? (
              <Text
                size="sm"
                data-error-anchor={form.error('serviceId') ? true : undefined}
                data-error-label="Service"
                c={form.error('serviceId') ? 'red.9' : undefined}
              >
                {v.needs.length
                  ? `No service in the directory meets ${v.needs.map(needLabel).join(', ').toLowerCase()}.`
                  : 'Choose at least one need to see suggestions.'}
              </Text>
            ) : (
              <Radio.Group
                value={v.serviceId}
                onChange={(id) => set('serviceId', id)}
                error={form.error('serviceId')}
                aria-label="Suggested providers"
              >
                <Stack gap="xs" mt={4}>
                  {suggestions.map((s) => (
                    <SuggestionCard key={s.service.id} s={s} chosen={s.service.id === v.serviceId} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          </section>

          <Group grow align="flex-start">
            <Select
              label="Referral method"
              data={options(REFERRAL_METHODS)}
              allowDeselect={false}
              required
              {...form.select('method')}
            />
            <TextInput type="date" label="Date of referral" required max={inputDate()} {...form.text('referredOn')} />
          </Group>
          <Textarea
            label="Reason for the referral"
            description="Printed on the referral letter. Say what the person asked for; no clinical detail."
            autosize
            minRows={2}
            {...form.text('reason')}
          />
          <Checkbox
            label="Send it now"
            description="Sending tells the provider about the person: substance-use or mental-health information needs a consent that covers this provider."
            checked={v.send}
            onChange={(e) => set('send', e.currentTarget.checked)}
          />
          {v.send ? <Textarea label="Note for the history" autosize minRows={1} {...form.text('note')} /> : null}
          {gate ? <ConsentGateAlert message={gate} busy={form.busy} onOverride={(reason) => void create(reason)} /> : null}
          <FormErrors form={form} />
          <Group>
            <Button type="submit" loading={form.busy} leftSection={<IconSend size={16} aria-hidden />}>
              {v.send ? 'Send referral' : 'Save as draft'}
            </Button>
            <Button variant="default" onClick={() => window.history.back()}>
              Cancel
            </Button>
            {v.serviceId ? (
              <Badge variant="light" size="lg">
                {suggestions?.find((s) => s.service.id === v.serviceId)?.service.name}
              </Badge>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
