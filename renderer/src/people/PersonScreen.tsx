import { Alert, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconEdit, IconGitMerge, IconMessagePlus, IconSend } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { PersonHistoryEntry } from '../../../shared/contract/people';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { api } from '../api';
import { href, navigate, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { formatDate, formatDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { birthText, fieldText, PERSON_FIELD_LABELS } from './labels';
import { AddFollowupDialog, EditPersonDialog, MergeDialog } from './PersonDialogs';
import { ConsentsPanel } from '../consents/ConsentsPanel';
import { ReferralCard } from '../referrals/ReferralCard';
import { PersonTimeline } from './Timeline';
import { PersonMilestones } from '../milestones/PersonMilestones';
import { type RecordPreset, RecordMilestoneDialog } from '../milestones/ParticipantDialogs';

const DETAIL_FIELDS = [
  'dateOfBirth',
  'aliases',
  'sex',
  'genderIdentity',
  'raceEthnicity',
  'preferredLanguage',
  'veteranStatus',
  'housingStatus',
  'residenceArea',
  'zip',
  'phone',
] as const;

function History({ personId, version }: { personId: string; version: number }) {
  const [entries, setEntries] = useState<PersonHistoryEntry[] | null>(null);
  useEffect(() => {
    void api.people.history({ id: personId }).then((r) => setEntries(r.ok ? r.value.entries : []));
  }, [personId, version]);
  if (!entries) return <Loader aria-label="Loading the history" />;
  if (!entries.length) return <Text c="dimmed">No changes since the record was created.</Text>;
  return (
    <Table striped aria-label="Change history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Who</Table.Th>
          <Table.Th scope="col">Field</Table.Th>
          <Table.Th scope="col">From</Table.Th>
          <Table.Th scope="col">To</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e, i) => (
          <Table.Tr key={`${e.at}-${e.field}-${i}`}>
            <Table.Td>{formatDateTime(e.at)}</Table.Td>
            <Table.Td>
              {e.by?.displayName ?? '—'}
              {e.source === 'merge' ? ' (merge)' : ''}
            </Table.Td>
            <Table.Td>{PERSON_FIELD_LABELS[e.field]?.label ?? e.field}</Table.Td>
            <Table.Td>{fieldText(e.field, e.oldValue)}</Table.Td>
            <Table.Td>{fieldText(e.field, e.newValue)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A person's page: details, timeline (contacts, screenings, follow-ups, merges), change history. */
export function PersonScreen({ params }: { params: RouteParams }) {
  const { user } = useSession();
  const id = params.id ?? '';
  const [dialog, setDialog] = useState<'edit' | 'merge' | 'followup' | null>(null);
  const [recording, setRecording] = useState<{ preset: RecordPreset | null } | null>(null);
  const fetchTimeline = useCallback(() => api.people.timeline({ id }), [id]);
  const { data, error, reload: load } = useQuery(fetchTimeline);

  if (error) return <Notice title="Person not found" message={error} />;
  if (!data || data.person.id !== id) return <Loader aria-label="Loading the person" />;
  const { person, items, milestones } = data;
  if (person.mergedInto) {
    return (
      <Stack align="flex-start">
        <PageHeader title={person.displayName} />
        <Alert color="orange" title="This record was merged" role="status">
          Its contacts and follow-ups are now on the record it was merged into.
        </Alert>
        <Button component="a" href={href(`/people/${person.mergedInto}`)}>
          Open the merged record
        </Button>
      </Stack>
    );
  }
  const clinical = (CLINICAL_ROLES as readonly string[]).includes(user.role);
  const contacts = items.filter((i) => i.kind === 'contact').length;
  const openFollowups = items.filter((i) => i.kind === 'followup' && i.followup.status === 'open').length;
  const referrals = items.flatMap((i) => (i.kind === 'referral' ? [i.referral] : []));
  const expiring = items.flatMap((i) => (i.kind === 'consent' && i.consent.expiringSoon ? [i.consent] : []));

  return (
    <Stack>
      <PageHeader
        title={person.displayName}
        description={[
          birthText(person),
          `${contacts} ${contacts === 1 ? 'contact' : 'contacts'}`,
          openFollowups ? `${openFollowups} open follow-up${openFollowups === 1 ? '' : 's'}` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            <Button
              leftSection={<IconMessagePlus size={18} aria-hidden />}
              onClick={() => navigate(`/intake/person/${person.id}`)}
            >
              New contact
            </Button>
            <Button
              variant="default"
              leftSection={<IconSend size={18} aria-hidden />}
              onClick={() => navigate(`/referrals/new/person/${person.id}`)}
            >
              New referral
            </Button>
            <Button
              variant="default"
              leftSection={<IconCalendarPlus size={18} aria-hidden />}
              onClick={() => setDialog('followup')}
            >
              Add follow-up
            </Button>
            <Button variant="default" leftSection={<IconEdit size={18} aria-hidden />} onClick={() => setDialog('edit')}>
              Edit details
            </Button>
            {clinical ? (
              <Button variant="default" leftSection={<IconGitMerge size={18} aria-hidden />} onClick={() => setDialog('merge')}>
                Merge…
              </Button>
            ) : null}
          </>
        }
      />
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          {DETAIL_FIELDS.map((f) => (
            <div key={f}>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {PERSON_FIELD_LABELS[f]!.label}
              </Text>
              <Text size="sm">{f === 'dateOfBirth' ? birthText(person) || '—' : fieldText(f, person[f])}</Text>
            </div>
          ))}
        </SimpleGrid>
        <Group gap="xs" mt="sm">
          <Badge variant="light" color="gray">
            Record created {formatDateTime(person.createdAt)}
          </Badge>
        </Group>
      </Card>
      {expiring.map((c) => (
        <Alert key={c.id} color="orange" title="A consent expires soon" role="status">
          The consent for {c.recipient.name} expires on {formatDate(c.expiresOn)}. Ask the person whether to renew it.
        </Alert>
      ))}
      <PersonMilestones summary={milestones} onRecord={clinical ? (preset) => setRecording({ preset }) : null} />
      <Tabs defaultValue="timeline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
          <Tabs.Tab value="referrals">Referrals ({referrals.length})</Tabs.Tab>
          <Tabs.Tab value="consents">Consents and disclosures</Tabs.Tab>
          <Tabs.Tab value="history">Change history</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md">
          <PersonTimeline items={items} onChanged={() => void load()} clinical={clinical} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          {referrals.length ? (
            <Stack gap="xs">
              {referrals.map((r) => (
                <ReferralCard key={r.id} referral={r} />
              ))}
            </Stack>
          ) : (
            <Text c="dimmed">No referral yet. Make one from a contact or with “New referral”.</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="md">
          <ConsentsPanel personId={person.id} language={person.preferredLanguage === 'es' ? 'es' : 'en'} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History personId={person.id} version={person.version} />
        </Tabs.Panel>
      </Tabs>
      <EditPersonDialog
        person={person}
        opened={dialog === 'edit'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          notifications.show({ color: 'green', title: 'Changes saved', message: 'The change history records them.' });
          void load();
        }}
      />
      <MergeDialog
        person={person}
        opened={dialog === 'merge'}
        onClose={() => setDialog(null)}
        onMerged={(survivorId) => {
          setDialog(null);
          notifications.show({ color: 'green', title: 'Records merged', message: 'The merge is recorded on the timeline.' });
          if (survivorId === person.id) void load();
          else navigate(`/people/${survivorId}`);
        }}
      />
      {clinical ? (
        <RecordMilestoneDialog
          opened={recording !== null}
          personId={person.id}
          summary={milestones}
          preset={recording?.preset ?? null}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null);
            void load();
          }}
        />
      ) : null}
      <AddFollowupDialog
        personId={person.id}
        defaultAssignee={user.id}
        opened={dialog === 'followup'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          void load();
        }}
      />
    </Stack>
  );
}
