import { Alert, Button, Card, Group, Loader, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../shared/contract/procedure';
import type { Consent } from '../../../shared/contract/consents';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { api } from '../api';
import { useSession } from '../app/session';
import { FileActions } from '../letters/LetterView';
import { categoriesText, ConsentStatusBadge } from '../referrals/labels';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDate, formatDateTime, inputDate } from '../ui/format';
import { useQuery } from '../ui/useQuery';
import { RecordConsentDialog } from './ConsentDialog';

type DateAction = { kind: 'revoke' | 'paper' | 'event'; consent: Consent };

const ACTION_TEXT = {
  revoke: { title: 'Revoke the consent', date: 'Revoked on', button: 'Revoke' },
  paper: { title: 'Signed paper copy received', date: 'Received on', button: 'Save' },
  event: { title: 'The expiry event happened', date: 'Event happened on', button: 'Save' },
} as const;

/** Revoking (with a date and a note), the signed paper copy coming back, or the expiry event happening. */
function DateActionDialog({ action, onClose, onDone }: { action: DateAction | null; onClose: () => void; onDone: () => void }) {
  const form = useForm({ initial: { date: inputDate(), note: '' } });
  const { reset } = form;
  useEffect(() => {
    if (action) reset({ date: inputDate(), note: '' });
  }, [action, reset]);
  async function save() {
    if (!action) return;
    const id = action.consent.id;
    const call = (): Promise<Result<unknown>> =>
      action.kind === 'revoke'
        ? api.consents.revoke({ id, revokedOn: form.values.date, note: form.values.note })
        : action.kind === 'paper'
          ? api.consents.paperReceived({ id, receivedOn: form.values.date })
          : api.consents.recordExpiryEvent({ id, occurredOn: form.values.date });
    const field = action.kind === 'revoke' ? 'revokedOn' : action.kind === 'paper' ? 'receivedOn' : 'occurredOn';
    const out = await form.run(async () => {
      const r = await call();
      if (!r.ok && r.error.field === field)
        return { ...r, error: { ...r.error, field: 'date', fields: { date: r.error.message } } };
      return r;
    });
    if (out) onDone();
  }
  const t = action ? ACTION_TEXT[action.kind] : ACTION_TEXT.paper;
  return (
    <AppModal opened={action !== null} onClose={onClose} title={t.title} size="sm">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {action ? (
            <Text size="sm">
              Consent of {formatDate(action.consent.signedOn)} for {action.consent.recipient.name}.
            </Text>
          ) : null}
          <TextInput type="date" label={t.date} required max={inputDate()} data-autofocus {...form.text('date')} />
          {action?.kind === 'revoke' ? (
            <Textarea label="Note" description="How the person revoked it." autosize {...form.text('note')} />
          ) : null}
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy} color={action?.kind === 'revoke' ? 'red' : undefined}>
              {t.button}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function ConsentCard({
  consent: c,
  canEdit,
  onAction,
}: {
  consent: Consent;
  canEdit: boolean;
  onAction: (a: DateAction) => void;
}) {
  const expiry = [c.expiresOn ? `Expires ${formatDate(c.expiresOn)}` : '', c.expiryEvent ? `ends when: ${c.expiryEvent}` : '']
    .filter(Boolean)
    .join('; ');
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="consent" role="group" aria-label={`Consent for ${c.recipient.name}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Group gap="xs">
              <Text fw={700}>{c.recipient.name}</Text>
              <ConsentStatusBadge status={c.status} expiringSoon={c.expiringSoon} />
            </Group>
            <Text size="sm">{categoriesText(c.categories)}</Text>
            <Text size="sm" c="dimmed">
              {c.purpose}
            </Text>
            <Text size="xs" c="dimmed">
              Signed {formatDate(c.signedOn)}
              {c.signer.kind === 'representative' ? ` by ${c.signer.name} (${c.signer.authority})` : ' by the person'} · {expiry}
              {c.revokedOn
                ? ` · revoked ${formatDate(c.revokedOn)}${c.revokedBy ? ` (recorded by ${c.revokedBy.displayName})` : ''}`
                : ''}
              {c.eventOccurredOn ? ` · ended ${formatDate(c.eventOccurredOn)}` : ''}
              {' · '}
              {c.paperReceivedOn
                ? `signed paper copy received ${formatDate(c.paperReceivedOn)}`
                : 'signed paper copy not yet received'}
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          <FileActions
            what="consent form"
            label="Consent form as PDF…"
            load={async () => {
              const r = await api.consents.form({ id: c.id });
              return r.ok ? r.value : null;
            }}
          />
          {canEdit && !c.paperReceivedOn ? (
            <Button variant="light" onClick={() => onAction({ kind: 'paper', consent: c })}>
              Paper copy received…
            </Button>
          ) : null}
          {canEdit && c.status === 'active' && c.expiryEvent && !c.eventOccurredOn ? (
            <Button variant="light" onClick={() => onAction({ kind: 'event', consent: c })}>
              Expiry event happened…
            </Button>
          ) : null}
          {canEdit && !c.revokedOn ? (
            <Button variant="subtle" color="red" onClick={() => onAction({ kind: 'revoke', consent: c })}>
              Revoke…
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

/** A person's consents (with the printable form) and the disclosures made about them (§ 2.25 accounting). */
export function ConsentsPanel({ personId, language }: { personId: string; language: 'en' | 'es' }) {
  const { user } = useSession();
  const canEdit = (CLINICAL_ROLES as readonly string[]).includes(user.role);
  const fetchAll = useCallback(async () => {
    const [c, d] = await Promise.all([api.consents.list({ personId }), api.disclosures.list({ personId })]);
    if (!c.ok) return c;
    return { ok: true as const, value: { consents: c.value.consents, disclosures: d.ok ? d.value.disclosures : [] } };
  }, [personId]);
  const { data, error, reload } = useQuery(fetchAll);
  const [recording, setRecording] = useState(false);
  const [action, setAction] = useState<DateAction | null>(null);
  const [from, setFrom] = useState('');
  const [accountingError, setAccountingError] = useState<string | null>(null);
  if (error)
    return (
      <Alert color="red" title="Could not load the consents">
        {error}
      </Alert>
    );
  if (!data) return <Loader aria-label="Loading the consents" />;
  return (
    <Stack gap="lg">
      <section aria-labelledby="consents-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="consents-heading">
            Consents
          </Title>
          {canEdit ? <Button onClick={() => setRecording(true)}>Record consent…</Button> : null}
        </Group>
        {data.consents.length ? (
          <Stack gap="xs">
            {data.consents.map((c) => (
              <ConsentCard key={c.id} consent={c} canEdit={canEdit} onAction={setAction} />
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No consent recorded. Substance-use or mental-health information is not sent to a provider without one.
          </Text>
        )}
      </section>
      <section aria-labelledby="disclosures-heading">
        <Group justify="space-between" mb="xs" align="flex-end">
          <Title order={2} size="h4" id="disclosures-heading">
            Disclosures
          </Title>
          <Group gap="xs" align="flex-end">
            <TextInput
              type="date"
              size="xs"
              label="Accounting from"
              description="Blank: the last 3 years"
              value={from}
              max={inputDate()}
              error={accountingError}
              onChange={(e) => {
                setFrom(e.currentTarget.value);
                setAccountingError(null);
              }}
            />
            <FileActions
              what="accounting of disclosures"
              label="Accounting of disclosures as PDF…"
              load={async () => {
                const r = await api.disclosures.accounting({ personId, ...(from ? { from } : {}) });
                if (!r.ok) setAccountingError(r.error.message);
                return r.ok ? r.value : null;
              }}
            />
          </Group>
        </Group>
        {data.disclosures.length ? (
          <Table striped aria-label="Disclosures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">To whom</Table.Th>
                <Table.Th scope="col">Information</Table.Th>
                <Table.Th scope="col">Basis</Table.Th>
                <Table.Th scope="col">By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.disclosures.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDateTime(d.at)}</Table.Td>
                  <Table.Td>
                    {d.recipientName}
                    <Text size="xs" c="dimmed">
                      {d.purpose}
                    </Text>
                  </Table.Td>
                  <Table.Td>{categoriesText(d.categories)}</Table.Td>
                  <Table.Td>
                    {d.basis === 'consent'
                      ? `Consent of ${formatDate(d.consentSignedOn)}`
                      : d.basis === 'override'
                        ? `Override: ${d.overrideReason ?? ''}`
                        : 'No consent needed'}
                  </Table.Td>
                  <Table.Td>{d.by?.displayName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing has been disclosed about this person.
          </Text>
        )}
      </section>
      <RecordConsentDialog
        personId={personId}
        language={language}
        opened={recording}
        onClose={() => setRecording(false)}
        onSaved={() => {
          setRecording(false);
          notifications.show({
            color: 'green',
            title: 'Consent recorded',
            message: 'Save the consent form as a PDF and print it for the person to sign.',
          });
          void reload();
        }}
      />
      <DateActionDialog
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          void reload();
        }}
      />
    </Stack>
  );
}
