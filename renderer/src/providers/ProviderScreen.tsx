import { Alert, Anchor, Button, Card, Group, List, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconPencil, IconPhone } from '@tabler/icons-react';
import { type ReactNode, useCallback, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import type { ProviderPhone, ProviderSchedule } from '../../../shared/contract/providers';
import { NEED_LABELS } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { href, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { formatDate } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { OpenBadge, ServiceTypeList, StaleBadge, StatusBadge, WalkInBadge, canEditDirectory } from './parts';
import { ServiceEditDialog } from './ServiceEditDialog';

type Detail = OutputOf<'providers.get'>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <Stack gap={6}>{children}</Stack>
    </Card>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <div>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {value}
      </Text>
    </div>
  );
}

function Phones({ phones }: { phones: ProviderPhone[] }) {
  return (
    <List spacing={4} listStyleType="none" p={0}>
      {phones.map((p) => (
        <List.Item key={p.id}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconPhone size={18} aria-hidden style={{ marginTop: 4, flexShrink: 0 }} />
            <div>
              <Text fw={700} size="lg" component="span" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {p.number}
                {p.extension !== null ? ` ext. ${p.extension}` : ''}
              </Text>
              {p.type && p.type !== 'voice' ? <Text span size="sm">{` (${p.type})`}</Text> : null}
              {p.description ? <Text size="sm">{p.description}</Text> : null}
              {p.languages.length ? <Text size="sm" c="dimmed">{`Languages: ${p.languages.join(', ')}`}</Text> : null}
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

function Schedules({ schedules }: { schedules: ProviderSchedule[] }) {
  if (schedules.length === 0) return <Text size="sm">No opening hours listed. Call before sending someone.</Text>;
  return (
    <Stack gap={6}>
      {schedules.map((s) => (
        <div key={s.id}>
          {s.hours ? <Text fw={600}>{s.hours}</Text> : null}
          {s.validFrom || s.validTo ? (
            <Text size="sm" c="dimmed">{`Valid ${formatDate(s.validFrom, '…')} to ${formatDate(s.validTo, '…')}`}</Text>
          ) : null}
          {s.description ? <Text size="sm">{s.description}</Text> : null}
          {s.notes ? <Text size="sm">{s.notes}</Text> : null}
          {s.attendingType ? (
            <Text size="sm" c="dimmed">
              {s.attendingType}
            </Text>
          ) : null}
        </div>
      ))}
    </Stack>
  );
}

/** Everything a co-responder needs on the phone: how to reach the provider, when, who it takes, what to bring. */
export function ProviderScreen({ params }: { params: RouteParams }) {
  const { user } = useSession();
  const editor = canEditDirectory(user.role);
  const [editing, setEditing] = useState(false);
  const id = params.id ?? '';
  const query = useQuery(useCallback(() => api.providers.get({ id }), [id]));
  const data: Detail | null = query.data;
  const error = query.error;
  const load = query.reload;

  async function verify() {
    const r = await api.providers.verify({ id });
    if (r.ok) {
      notifications.show({
        color: 'green',
        title: 'Marked as verified',
        message: `Verified on ${formatDate(r.value.assuredDate)}.`,
      });
      void load();
    } else notifications.show({ color: 'red', title: 'Not saved', message: r.error.message });
  }

  const back = (
    <Anchor href={href('/providers')} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Provider directory
      </Group>
    </Anchor>
  );
  if (error)
    return (
      <Stack align="flex-start">
        {back}
        <Alert color="red" title="Could not open this provider" role="alert">
          {error}
        </Alert>
      </Stack>
    );
  if (!data) return <Loader aria-label="Loading provider" />;
  const s = data.service;
  const ages =
    s.minimumAge !== null || s.maximumAge !== null
      ? `${s.minimumAge ?? 0}${s.maximumAge !== null ? `–${s.maximumAge}` : '+'} years`
      : null;

  return (
    <Stack>
      {back}
      <PageHeader
        title={s.name}
        description={[s.organization.name, s.alternateName].filter(Boolean).join(' · ')}
        actions={
          editor ? (
            <>
              <Button variant="default" leftSection={<IconCircleCheck size={18} aria-hidden />} onClick={() => void verify()}>
                Mark verified today
              </Button>
              <Button leftSection={<IconPencil size={18} aria-hidden />} onClick={() => setEditing(true)}>
                Edit
              </Button>
            </>
          ) : null
        }
      />
      <Group gap="xs">
        <OpenBadge open={s.open} size="lg" />
        <StatusBadge status={s.status} />
        {s.walkIns ? <WalkInBadge /> : null}
        {s.stale ? (
          <StaleBadge assuredDate={s.assuredDate} />
        ) : (
          <Text size="sm" c="dimmed">{`Verified ${formatDate(s.assuredDate, 'never')}`}</Text>
        )}
      </Group>
      {s.alert ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Alert">
          {s.alert}
        </Alert>
      ) : null}
      {s.stale ? (
        <Alert color="orange" variant="light" title="These details may be out of date">
          {s.assuredDate ? `Last verified on ${formatDate(s.assuredDate)}.` : 'Never verified.'} Confirm hours and intake by phone
          before sending someone.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Call">
          {s.phones.length || s.organization.phones.length ? (
            <Phones phones={s.phones.length ? s.phones : s.organization.phones} />
          ) : (
            <Text size="sm">No phone number listed.</Text>
          )}
          {s.contacts.map((c) => (
            <Text key={c.id} size="sm">
              {[c.name, c.title, c.department].filter(Boolean).join(', ')}
              {c.email ? ` · ${c.email}` : ''}
            </Text>
          ))}
          <Field label="Email" value={s.email ?? s.organization.email} />
          <Field label="Website" value={s.url ?? s.organization.website} />
        </Section>
        <Section title="Hours">
          <Schedules schedules={s.schedules} />
        </Section>
        <Section title="Who it serves">
          <ServiceTypeList types={s.serviceTypes} />
          <Field label="Needs it can meet" value={s.needs.map((n) => NEED_LABELS[n]).join(', ')} />
          <Field label="Eligibility" value={s.eligibilityDescription} />
          <Field label="Ages" value={ages} />
          <Field
            label="Area served"
            value={s.serviceAreas
              .map((a) => a.name ?? a.description)
              .filter(Boolean)
              .join('; ')}
          />
        </Section>
        <Section title="Getting in">
          <Field label="Walk-ins" value={s.walkIns ? 'Yes, no appointment needed' : 'Not listed as accepting walk-ins'} />
          <Field label="How to get in" value={s.applicationProcess} />
          <Field label="Capacity" value={s.capacityNote} />
          <Field label="Wait time" value={s.waitTime} />
          <Field
            label="Documents to bring"
            value={s.requiredDocuments
              .map((d) => d.document)
              .filter(Boolean)
              .join('\n')}
          />
        </Section>
        <Section title="Languages">
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {s.languages.length
              ? s.languages.map((l) => [l.name ?? l.code, l.note].filter(Boolean).join(' — ')).join('\n')
              : 'No languages listed.'}
          </Text>
          <Field label="Interpretation" value={s.interpretationServices} />
        </Section>
        <Section title="Cost and insurance">
          <Field label="Cost" value={s.feesDescription} />
          <Field label="Insurance" value={s.insuranceNote} />
          {s.costOptions.map((c, i) => (
            <Text key={i} size="sm">
              {[c.option, c.amount !== null ? `${c.amount} ${c.currency?.toUpperCase() ?? ''}`.trim() : null, c.amountDescription]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          ))}
          {!s.feesDescription && !s.insuranceNote && s.costOptions.length === 0 ? (
            <Text size="sm">No cost information listed.</Text>
          ) : null}
        </Section>
        {s.locations.map((l) => (
          <Section key={l.id} title={l.name ? `Location: ${l.name}` : 'Location'}>
            {l.addresses.map((a) => (
              <Text key={a.id} size="sm" style={{ whiteSpace: 'pre-line' }}>
                {[a.attention, a.address1, a.address2, `${a.city}, ${a.stateProvince} ${a.postalCode}`]
                  .filter(Boolean)
                  .join('\n')}
              </Text>
            ))}
            <Field label="Getting there" value={l.transportation} />
            <Field
              label="Accessibility"
              value={l.accessibility.map((x) => [x.description, x.details].filter(Boolean).join(' ')).join('\n')}
            />
            {l.phones.length ? <Phones phones={l.phones} /> : null}
            {l.schedules.length ? <Schedules schedules={l.schedules} /> : null}
          </Section>
        ))}
        <Section title="About">
          <Field label="Service" value={s.description} />
          <Field label="Organisation" value={s.organization.description} />
          {data.otherServices.length ? (
            <div>
              <Text size="sm" fw={700}>
                Other services of {s.organization.name}
              </Text>
              <List size="sm">
                {data.otherServices.map((o) => (
                  <List.Item key={o.id}>
                    <Anchor href={href(`/providers/${o.id}`)}>{o.name}</Anchor>
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
        </Section>
      </SimpleGrid>
      {editor ? (
        <ServiceEditDialog
          opened={editing}
          service={s}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void load();
          }}
        />
      ) : null}
    </Stack>
  );
}
