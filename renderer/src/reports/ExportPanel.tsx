import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconFileZip } from '@tabler/icons-react';
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
            <Table.Th ta="right">Threshold</Table.Th>
            <Table.Th ta="right">Hidden</Table.Th>
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
                <Text span ff="monospace" size="xs" title={e.sha256}>
                  {e.sha256.slice(0, 16)}…
                </Text>
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

export function ExportPanel({
  period,
  threshold,
  onThresholdSaved,
}: {
  period: Period;
  threshold: number;
  onThresholdSaved: () => void;
}) {
  const fetchExports = useCallback(() => api.reports.exports({}), []);
  const { data, reload } = useQuery(fetchExports);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(what: string, call: () => ReturnType<typeof api.reports.exportPdf>, type: string) {
    setBusy(what);
    setError(null);
    const r = await call();
    setBusy(null);
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
    void reload();
  }

  const pkg = (profile: Profile) => () => api.reports.exportPackage({ ...period, profile });

  return (
    <Card withBorder radius="sm" padding="md" component="section" aria-labelledby="report-export">
      <Stack gap="sm">
        <Title order={2} size="h3" id="report-export">
          Export {periodLabel(period)}
        </Title>
        <Text size="sm">
          Exports leave the building: they hold only aggregate figures, with counts from 1 to {threshold === 0 ? '10' : threshold}{' '}
          {threshold === 0 ? <strong>NOT hidden (suppression is off)</strong> : 'hidden and protected'}. The files are not
          encrypted. Each export is recorded below and in the audit log.
        </Text>
        {threshold === 0 ? (
          <Alert color="orange" title="Suppression is off">
            New exports show every small count exactly. Set the threshold back to 10 unless the recipient is entitled to exact
            figures.
          </Alert>
        ) : null}
        <Group gap="sm">
          {PROFILES.map((p) => (
            <Button
              key={p.code}
              leftSection={<IconFileZip size={18} aria-hidden />}
              loading={busy === p.code}
              disabled={busy !== null && busy !== p.code}
              onClick={() => void run(p.code, pkg(p.code), 'application/zip')}
            >
              Data package: {p.code === 'state' ? 'state' : 'TTA provider'}
            </Button>
          ))}
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            loading={busy === 'pdf'}
            disabled={busy !== null && busy !== 'pdf'}
            onClick={() => void run('pdf', () => api.reports.exportPdf({ ...period }), 'application/pdf')}
          >
            PDF summary
          </Button>
        </Group>
        {error ? (
          <Alert color="red" role="alert" title="Not exported">
            {error}
          </Alert>
        ) : null}
        <ThresholdForm threshold={threshold} onSaved={onThresholdSaved} />
        <Title order={3} size="h4" mt="sm">
          Exports so far
        </Title>
        <ExportLog exports={data?.exports ?? []} />
        <Text size="xs" c="dimmed">
          The state package follows 5 ILCS 820/25; the TTA package the BJA performance measures. Both are Frictionless tabular
          data packages (zip) with a README, a data dictionary and a SHA-256 manifest.
        </Text>
      </Stack>
    </Card>
  );
}
