import { Alert, Anchor, Badge, Button, Code, Group, Loader, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon, IconChevronLeft, IconChevronRight, IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import type { AuditEntry } from '../../../shared/contract/audit';
import { contract } from '../../../shared/contract';
import { api } from '../api';
import { href } from '../app/router';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { actionLabel, auditableActions } from './actions';
import { describeEntry } from './describe';

const PAGE_SIZE = 50;
const OUTCOME_COLORS = { success: 'green', failure: 'red', denied: 'orange' } as const;
const OUTCOME_LABELS = { success: 'Success', failure: 'Failed', denied: 'Refused' } as const;

function Detail({ entry, users }: { entry: AuditEntry; users: Record<string, string> }) {
  const { sentence, target } = describeEntry(entry, users);
  if (!sentence && !target) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {target ? (
        target.href ? (
          <Anchor href={href(target.href)} size="sm" fw={600}>
            {target.text}
          </Anchor>
        ) : (
          <Text size="sm" fw={600}>
            {target.text}
          </Text>
        )
      ) : null}
      {sentence ? <Text size="sm">{sentence}</Text> : null}
    </Stack>
  );
}

function VerifyResult({ result }: { result: OutputOf<'audit.verify'> }) {
  const reached = result.anchors.filter((a) => a.status === 'ok');
  return (
    <Stack gap="sm">
      {result.ok ? (
        <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />} title="The audit log is intact" role="status">
          All {result.checked} entries were checked. None has been edited, inserted, renumbered or deleted.
          {reached.length
            ? ` It still reaches ${reached.map((a) => `entry ${a.seq} as ${a.source === 'entered' ? 'the anchor entered' : 'the key file’s copy'} records it`).join(', and ')}.`
            : ''}
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertOctagon aria-hidden />}
          title="The audit log has been altered"
          role="alert"
        >
          {result.problem} Tell your department’s security lead, and keep this workstation as it is.
        </Alert>
      )}
      {result.head ? (
        <Stack gap={4} data-testid="audit-anchor">
          <Text size="sm" fw={600}>
            Anchor to keep (entry {result.head.seq}, {formatDateTime(result.head.at)})
          </Text>
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {result.head.anchor}
          </Code>
          <Text size="sm" c="dimmed">
            Print this page or write the anchor down and keep it away from this workstation. Entered here later, it shows whether
            entries up to it were deleted or rewritten — which the chain alone cannot show to someone who holds the database key.
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}

export function AuditScreen() {
  const [action, setAction] = useState('');
  // Cursors of the pages seen so far: the first page has none; "Older" pushes the last seq shown.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [verify, setVerify] = useState<OutputOf<'audit.verify'> | null>(null);
  // The check, as a form: a malformed anchor is marked on its field (with the focus), any other refusal by the button.
  const check = useForm({
    initial: { anchor: '' },
    schema: contract['audit.verify'].input,
    toInput: (v) => (v.anchor.trim() ? { anchor: v.anchor.trim() } : {}),
  });
  const actions = useMemo(() => auditableActions(), []);
  const cursor = cursors[cursors.length - 1];

  const fetchPage = useCallback(
    () =>
      api.audit.list({ limit: PAGE_SIZE, ...(cursor !== undefined ? { beforeSeq: cursor } : {}), ...(action ? { action } : {}) }),
    [action, cursor],
  );
  const { data: page, error } = useQuery(fetchPage);

  async function runVerify() {
    setVerify(null);
    const result = await check.submit((input) => api.audit.verify(input));
    if (result) setVerify(result);
  }

  const entries = page?.entries ?? [];
  const pageNumber = cursors.length;
  const first = (pageNumber - 1) * PAGE_SIZE + 1;
  const last = first + entries.length - 1;
  // `total` counts the entries from this page's cursor down, so the newer pages are added back.
  const overall = page ? first - 1 + page.total : 0;
  const hasOlder = page !== null && entries.length < page.total;

  return (
    <Stack>
      <PageHeader
        title="Audit log"
        description="Every security-relevant action, newest first. Entries are chained, so any change to the log shows up when you verify it."
        actions={
          <Button type="submit" form="audit-verify" leftSection={<IconShieldCheck size={18} aria-hidden />} loading={check.busy}>
            Verify integrity
          </Button>
        }
      />
      <form
        id="audit-verify"
        ref={check.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void runVerify();
        }}
      >
        <Stack gap="sm" maw={720}>
          <TextInput
            label="Anchor written down earlier (optional)"
            description="The sequence number and hash printed from this screen, or found in an export (deflect_audit_anchor), e.g. 1234:9f86d0…"
            spellCheck={false}
            autoComplete="off"
            {...check.text('anchor')}
          />
          <FormErrors form={check} title="Could not check the audit log" />
        </Stack>
      </form>
      {verify ? <VerifyResult result={verify} /> : null}
      <Group align="flex-end" justify="space-between">
        <NativeSelect
          label="Action"
          maw={360}
          value={action}
          onChange={(e) => {
            setAction(e.currentTarget.value);
            setCursors([undefined]);
          }}
          data={[{ value: '', label: 'All actions' }, ...actions.map((a) => ({ value: a, label: actionLabel(a) }))]}
        />
        {page ? <Text aria-live="polite">{overall === 0 ? 'No entries' : `Entries ${first}–${last} of ${overall}`}</Text> : null}
      </Group>
      {error ? (
        <Alert color="red" title="Could not load the audit log" role="alert">
          {error}
        </Alert>
      ) : null}
      {!page && !error ? <Loader aria-label="Loading the audit log" /> : null}
      {page ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" aria-label="Audit log entries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">User</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
                <Table.Th scope="col">Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.username ?? (
                      <Text c="dimmed" span>
                        unknown
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {actionLabel(e.action)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLORS[e.outcome]} variant="light">
                      {OUTCOME_LABELS[e.outcome]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Detail entry={e} users={page.users} />
                  </Table.Td>
                </Table.Tr>
              ))}
              {entries.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">No entries{action ? ' for this action' : ''}.</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={pageNumber === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          variant="default"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          disabled={!hasOlder}
          onClick={() => setCursors((c) => [...c, entries[entries.length - 1]?.seq])}
        >
          Older
        </Button>
      </Group>
    </Stack>
  );
}
