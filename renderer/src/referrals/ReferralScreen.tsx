import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileText } from '@tabler/icons-react';
import { type ReactNode, useCallback, useState } from 'react';
import type { Letter } from '../../../shared/contract/letters';
import type { Referral } from '../../../shared/contract/referrals';
import { isCorrection, type ReferralStatus } from '../../../shared/domain/referrals';
import { api } from '../api';
import { href, type RouteParams } from '../app/router';
import { MakeLetterDialog, StoredLetter } from '../letters/LetterDialog';
import { LetterList } from '../letters/LetterList';
import { AppModal } from '../ui/AppModal';
import { formatDate, formatDateTime } from '../ui/format';
import { Notice } from '../ui/Notice';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { categoriesText, closureLabel, methodLabel, needsText, ReferralStatusBadge, statusLabel } from './labels';
import { TransitionDialog } from './TransitionDialog';

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {name}
      </Text>
      <Text size="sm" className="letter-paragraph">
        {children || '—'}
      </Text>
    </div>
  );
}

const NEXT_LABELS: Record<string, string> = {
  sent: 'Mark as sent',
  accepted: 'Mark as accepted',
  engaged: 'Mark as engaged…',
  completed: 'Mark as completed',
  closed: 'Close…',
};

/** A referral: where it stands in the loop, the next steps, its history and its letters. */
export function ReferralScreen({ params }: { params: RouteParams }) {
  const id = params.id ?? '';
  const fetchAll = useCallback(async () => {
    const r = await api.referrals.get({ id });
    if (!r.ok) return r;
    const [l, p] = await Promise.all([api.letters.list({ referralId: id }), api.people.get({ id: r.value.referral.personId })]);
    return {
      ok: true as const,
      value: {
        referral: r.value.referral,
        letters: l.ok ? l.value.letters : [],
        language: (p.ok && p.value.person.preferredLanguage === 'es' ? 'es' : 'en') as 'en' | 'es',
      },
    };
  }, [id]);
  const { data, error, reload } = useQuery(fetchAll);
  const [to, setTo] = useState<ReferralStatus | null>(null);
  const [makeLetter, setMakeLetter] = useState(false);
  const [open, setOpen] = useState<Letter | null>(null);

  if (error) return <Notice title="Referral not found" message={error} />;
  if (!data || data.referral.id !== id) return <Loader aria-label="Loading the referral" />;
  const r: Referral = data.referral;
  const finished = r.status === 'completed' || r.status === 'closed';
  return (
    <Stack>
      <PageHeader
        title={`Referral to ${r.service.name}`}
        description={
          <Group gap="xs" component="span">
            <Anchor href={href(`/people/${r.personId}`)}>{r.personName}</Anchor>
            <span>· {r.service.organizationName}</span>
            <ReferralStatusBadge status={r.status} closureReason={r.closureReason} />
            {r.needsFollowUp ? (
              <Badge color="orange" variant="filled">
                Needs follow-up: no change for {r.daysSinceChange} days
              </Badge>
            ) : null}
          </Group>
        }
        actions={
          !finished ? (
            <Button leftSection={<IconFileText size={18} aria-hidden />} onClick={() => setMakeLetter(true)}>
              Make a letter
            </Button>
          ) : undefined
        }
      />
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          <Field name="Needs">{needsText(r.needs)}</Field>
          <Field name="Method">{methodLabel(r.method)}</Field>
          <Field name="Date of referral">{formatDate(r.referredOn)}</Field>
          <Field name="Engaged on">{r.engagedOn ? formatDate(r.engagedOn) : ''}</Field>
          <Field name="Discloses">{categoriesText(r.categories)}</Field>
          <Field name="From contact">
            {r.contactId ? <Anchor href={href(`/contacts/${r.contactId}`)}>{formatDate(r.contactDate)}</Anchor> : 'Person’s page'}
          </Field>
          <Field name="Reason">{r.reason}</Field>
          <Field name="Made by">{r.createdBy?.displayName ?? ''}</Field>
          {!r.service.inDirectory ? <Field name="Directory">No longer listed</Field> : null}
        </SimpleGrid>
      </Card>

      <section aria-labelledby="next-heading">
        <Title order={2} size="h4" id="next-heading" mb="xs">
          Next step
        </Title>
        {r.next.length ? (
          <Group gap="xs">
            {r.next.map((n) => (
              <Button
                key={n}
                variant={n === 'closed' || isCorrection(r.status as ReferralStatus, n as ReferralStatus) ? 'default' : 'filled'}
                onClick={() => setTo(n as ReferralStatus)}
              >
                {isCorrection(r.status as ReferralStatus, n as ReferralStatus)
                  ? 'Take back the engagement…'
                  : (NEXT_LABELS[n] ?? statusLabel(n))}
              </Button>
            ))}
          </Group>
        ) : (
          <Text size="sm">This referral is {statusLabel(r.status).toLowerCase()}: the loop is closed.</Text>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <Title order={2} size="h4" id="history-heading" mb="xs">
          History
        </Title>
        <Table striped aria-label="Status history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.history.map((h) => (
              <Table.Tr key={h.seq}>
                <Table.Td>{formatDateTime(h.at)}</Table.Td>
                <Table.Td>{h.by?.displayName ?? '—'}</Table.Td>
                <Table.Td>
                  {h.from ? `${statusLabel(h.from)} → ` : ''}
                  {statusLabel(h.to)}
                  {h.closureReason ? ` (${closureLabel(h.closureReason)})` : ''}
                  {h.engagedOn ? ` on ${formatDate(h.engagedOn)}` : ''}
                </Table.Td>
                <Table.Td className="letter-paragraph">{h.note || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="letters-heading">
        <Title order={2} size="h4" id="letters-heading" mb="xs">
          Letters
        </Title>
        <LetterList letters={data.letters} onOpen={setOpen} />
      </section>

      <TransitionDialog
        referral={r}
        to={to}
        onClose={() => setTo(null)}
        onDone={(next) => {
          setTo(null);
          notifications.show({
            color: 'green',
            title: `Referral ${statusLabel(next.status).toLowerCase()}`,
            message: next.service.name,
          });
          void reload();
        }}
      />
      <MakeLetterDialog
        referral={r}
        language={data.language}
        opened={makeLetter}
        onClose={() => setMakeLetter(false)}
        onMade={() => void reload()}
      />
      <AppModal opened={open !== null} onClose={() => setOpen(null)} title={open?.title ?? 'Letter'} size="xl">
        {open ? <StoredLetter letterId={open.id} /> : null}
      </AppModal>
    </Stack>
  );
}
