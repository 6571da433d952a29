import { Alert, Button, Code, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon, IconShieldCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { contract } from '../../../shared/contract';
import { ANCHOR_SOURCE_LABELS } from '../../../shared/contract/audit';
import { api } from '../api';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { actionLabel, auditableActions } from './actions';
import { AuditList } from './AuditList';

function VerifyResult({ result }: { result: OutputOf<'audit.verify'> }) {
  const reached = result.anchors.filter((a) => a.status === 'ok');
  return (
    <Stack gap="sm">
      {result.ok ? (
        <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />} title="The audit log is intact" role="status">
          All {result.checked} entries were checked. None has been edited, inserted, renumbered or deleted.
          {reached.length
            ? ` It still reaches ${reached.map((a) => `entry ${a.seq} as ${ANCHOR_SOURCE_LABELS[a.source]} records it`).join(', and ')}.`
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
  const [verify, setVerify] = useState<OutputOf<'audit.verify'> | null>(null);
  // The check, as a form: a malformed anchor is marked on its field (with the focus), any other refusal by the button.
  const check = useForm({
    initial: { anchor: '' },
    schema: contract['audit.verify'].input,
    toInput: (v) => (v.anchor.trim() ? { anchor: v.anchor.trim() } : {}),
  });
  const actions = useMemo(() => auditableActions(), []);

  async function runVerify() {
    setVerify(null);
    const result = await check.submit((input) => api.audit.verify(input));
    if (result) setVerify(result);
  }

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
          onChange={(e) => setAction(e.currentTarget.value)}
          data={[{ value: '', label: 'All actions' }, ...actions.map((a) => ({ value: a, label: actionLabel(a) }))]}
        />
      </Group>
      <AuditList action={action} />
    </Stack>
  );
}
