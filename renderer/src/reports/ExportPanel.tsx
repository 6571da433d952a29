import {
  ActionIcon,
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  Menu,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDownload, IconFileTypePdf, IconFileZip } from '@tabler/icons-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { ExportRecord } from '../../../shared/contract/reports';
import { PROFILES, type Profile } from '../../../shared/domain/reports/catalogue';
import { type Period, periodLabel } from '../../../shared/domain/reports/periods';
import { api, isSessionProblem } from '../api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { downloadBase64 } from '../ui/files';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime, formatNumber } from '../ui/format';
import { useQuery } from '../ui/useQuery';

/** Coordinators and administrators: export the period (two data packages, the PDF summary), the log of exports, the threshold. */

function whatOf(e: ExportRecord): string {
  if (e.kind === 'pdf') return 'PDF summary';
  return `${PROFILES.find((p) => p.code === e.profile)?.label ?? e.profile} data package`;
}

function ExportLog({ exports }: { exports: ExportRecord[] }) {
  if (!exports.length) return <Text c="dimmed">Nothing has been exported yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped withTableBorder verticalSpacing={4} aria-label="Exports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Threshold
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Hidden
            </Table.Th>
            <Table.Th>SHA-256</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exports.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
              <Table.Td>
                {e.createdBy?.displayName ?? '—'}
                {e.via === 'cli' ? ' (command line)' : ''}
              </Table.Td>
              <Table.Td>{whatOf(e)}</Table.Td>
              <Table.Td>{periodLabel(e.period)}</Table.Td>
              <Table.Td ta="right">{e.threshold === 0 ? 'off' : e.threshold}</Table.Td>
              <Table.Td ta="right">{formatNumber(e.hiddenCount)}</Table.Td>
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  <Text span ff="monospace" size="xs" title={e.sha256}>
                    {e.sha256.slice(0, 16)}…
                  </Text>
                  <CopyButton value={e.sha256}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? 'Copied' : 'Copy the whole SHA-256'} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color={copied ? 'teal' : 'gray'}
                          size="sm"
                          onClick={copy}
                          aria-label={`Copy the SHA-256 of ${e.fileName}`}
                        >
                          {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const NO_SUPPRESSION_WARNING =
  'With the threshold at 0 nothing is suppressed: every count from 1 to 10 goes into the data packages and the PDF summary exactly as it is. Small counts can identify a trafficking victim, a person in crisis or a person who uses drugs. This change is recorded in the audit log with your name. Turn suppression off only for a recipient who is entitled to the exact figures and keeps them confidential.';

function ThresholdForm({ threshold, onSaved }: { threshold: number; onSaved: () => void }) {
  const form = useForm({
    initial: { threshold: threshold as number | string },
    schema: contract['reports.updateSettings'].input,
    toInput: (v) => ({
      threshold: typeof v.threshold === 'number' ? v.threshold : v.threshold === '' ? Number.NaN : Number(v.threshold),
      acknowledgeNoSuppression: false,
    }),
  });
  const { reset } = form;
  const [warn, setWarn] = useState(false);
  useEffect(() => reset({ threshold }), [threshold, reset]);

  function done(value: number) {
    notifications.show({
      color: value === 0 ? 'orange' : 'green',
      title: 'Suppression threshold saved',
      message: value === 0 ? 'Suppression is OFF for new exports.' : `Counts from 1 to ${value} are hidden in new exports.`,
    });
    onSaved();
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (Number(form.values.threshold) === 0) {
      setWarn(true);
      return;
    }
    const saved = await form.submit((input) => api.reports.updateSettings(input));
    if (saved) done(saved.threshold);
  }

  return (
    <form ref={form.formRef} onSubmit={(e) => void save(e)} noValidate>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Suppression threshold"
          description="Counts from 1 to this number are hidden in every export (0 turns suppression off)."
          min={0}
          max={50}
          allowDecimal={false}
          w={360}
          value={form.values.threshold}
          onChange={(v) => form.set('threshold', v)}
          error={form.error('threshold')}
        />
        <Button type="submit" variant="default" loading={form.busy}>
          Save threshold
        </Button>
      </Group>
      <FormErrors form={form} />
      <ConfirmDialog
        opened={warn}
        title="Turn small-cell suppression off?"
        message={NO_SUPPRESSION_WARNING}
        confirmLabel="Turn suppression off"
        danger
        onCancel={() => setWarn(false)}
        onConfirm={() => api.reports.updateSettings({ threshold: 0, acknowledgeNoSuppression: true })}
        onDone={() => {
          setWarn(false);
          done(0);
        }}
      />
    </form>
  );
}

/** The export actions for the period on screen: both data packages and the PDF summary, each downloaded and logged. */
export function ExportMenu({ period, threshold, onExported }: { period: Period; threshold: number; onExported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(call: () => ReturnType<typeof api.reports.exportPdf>, type: string) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      if (!isSessionProblem(r.error.code)) setError(r.error.message);
      return;
    }
    downloadBase64(r.value.fileName, r.value.contentBase64, type);
    notifications.show({
      color: 'green',
      title: `Exported ${r.value.fileName}`,
      message: `${formatNumber(r.value.export.hiddenCount)} figures hidden. SHA-256 ${r.value.export.sha256.slice(0, 16)}…`,
    });
    onExported();
  }

  const pkg = (profile: Profile) => () => api.reports.exportPackage({ ...period, profile });

  return (
    <Stack gap={4} align="flex-end">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button leftSection={<IconDownload size={18} aria-hidden />} loading={busy}>
            Export this period
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{threshold === 0 ? 'Suppression is OFF' : `Counts 1–${threshold} hidden`}</Menu.Label>
          <Menu.Item
            leftSection={<IconFileZip size={16} aria-hidden />}
            onClick={() => void run(pkg('state'), 'application/zip')}
          >
            Data package for the state (zip)
          </Menu.Item>
          <Menu.Item leftSection={<IconFileZip size={16} aria-hidden />} onClick={() => void run(pkg('tta'), 'application/zip')}>
            Data package for the TTA provider (zip)
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
            onClick={() => void run(() => api.reports.exportPdf({ ...period }), 'application/pdf')}
          >
            PDF summary for the chief or council
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {error ? (
        <Alert color="red" role="alert" title="Not exported" maw={420}>
          {error}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** What has left the building (the export log) and the suppression threshold. */
export function ExportHistory({
  threshold,
  version,
  onThresholdSaved,
}: {
  threshold: number;
  version: number;
  onThresholdSaved: () => void;
}) {
  const fetchExports = useCallback(() => api.reports.exports({}), []);
  const { data, reload } = useQuery(fetchExports);
  // `version` counts the exports made on this screen: each one is read back into the log.
  useEffect(() => {
    if (version) void reload();
  }, [version, reload]);
  return (
    <Card withBorder radius="sm" padding="md" component="section" aria-labelledby="report-exports">
      <Stack gap="sm">
        <Title order={2} size="h3" id="report-exports">
          Exports and suppression
        </Title>
        <Text size="sm">
          Exports leave the building and are not encrypted: they hold only aggregate figures, with counts from 1 to{' '}
          {threshold === 0 ? '10 NOT hidden (suppression is off)' : `${threshold} hidden and protected`}. The state package
          follows 5 ILCS 820/25, the TTA package the BJA performance measures; both are Frictionless tabular data packages (zip)
          with a README, a data dictionary and a SHA-256 manifest. Every export is listed here and in the audit log.
        </Text>
        {threshold === 0 ? (
          <Alert color="orange" title="Suppression is off">
            New exports show every small count exactly. Set the threshold back to 10 unless the recipient is entitled to exact
            figures.
          </Alert>
        ) : null}
        <ThresholdForm threshold={threshold} onSaved={onThresholdSaved} />
        <Title order={3} size="h4" mt="sm">
          Exports so far
        </Title>
        <ExportLog exports={data?.exports ?? []} />
      </Stack>
    </Card>
  );
}
