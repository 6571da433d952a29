import { Alert, Badge, Button, FileInput, Group, List, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import { HSDS_TABLE_LABELS } from '../../../shared/contract/hsdsSpec';
import { type ImportIssue, type ImportPlan, MAX_PACKAGE_BYTES } from '../../../shared/contract/providers';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { fileToBase64 } from '../ui/files';

function where(i: ImportIssue): string {
  return [i.file, i.row !== null ? `row ${i.row}` : null, i.record].filter(Boolean).join(', ');
}

function IssueTable({ issues, label }: { issues: ImportIssue[]; label: string }) {
  return (
    <ScrollArea.Autosize mah={260} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': label }}>
      <Table verticalSpacing={4} aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Where</Table.Th>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i, n) => (
            <Table.Tr key={n}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{where(i)}</Table.Td>
              <Table.Td>{i.field ?? '—'}</Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function Preview({ plan }: { plan: ImportPlan }) {
  const changed = plan.changes.filter((c) => c.table === 'organization' || c.table === 'service');
  return (
    <Stack gap="sm">
      {plan.errorCount > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={`${plan.errorCount} problem${plan.errorCount === 1 ? '' : 's'}: nothing can be imported`}
          role="alert"
        >
          Fix these in the files and choose them again. The directory has not been changed.
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Ready to import" role="status">
          {plan.totals.added} to add, {plan.totals.updated} to update, {plan.totals.unchanged} already up to date. Nothing is
          changed until you press Import.
        </Alert>
      )}
      {plan.errorCount > 0 ? <IssueTable issues={plan.errors} label="Problems found" /> : null}
      {plan.errorCount === 0 && plan.tables.length > 0 ? (
        <ScrollArea.Autosize mah={240} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Records by table' }}>
          <Table verticalSpacing={2} fz="sm" aria-label="What the import will do" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Records</Table.Th>
                <Table.Th scope="col">Add</Table.Th>
                <Table.Th scope="col">Update</Table.Th>
                <Table.Th scope="col">Leave alone</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.tables.map((t) => (
                <Table.Tr key={t.table}>
                  <Table.Td>{HSDS_TABLE_LABELS[t.table]}</Table.Td>
                  <Table.Td>{t.added}</Table.Td>
                  <Table.Td>{t.updated}</Table.Td>
                  <Table.Td>{t.unchanged}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      ) : null}
      {plan.errorCount === 0 && changed.length > 0 ? (
        <div>
          <Text fw={600} size="sm">
            Organisations and services
          </Text>
          <ScrollArea.Autosize
            mah={160}
            type="auto"
            viewportProps={{ tabIndex: 0, 'aria-label': 'Organisations and services to add or update' }}
          >
            <List size="sm" spacing={2}>
              {changed.map((c) => (
                <List.Item key={`${c.table}-${c.id}`}>
                  <Badge size="xs" color={c.action === 'add' ? 'teal' : 'blue'} variant="light" mr={6}>
                    {c.action === 'add' ? 'new' : 'update'}
                  </Badge>
                  {c.label}
                  {c.action === 'update' ? <Text span c="dimmed" size="sm">{` (${c.fields.join(', ')})`}</Text> : null}
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </div>
      ) : null}
      {plan.unmappedTerms > 0 && plan.errorCount === 0 ? (
        <Text size="sm">
          After this import {plan.unmappedTerms} taxonomy term{plan.unmappedTerms === 1 ? '' : 's'} will need mapping to service
          types.
        </Text>
      ) : null}
      {plan.warnings.length > 0 ? (
        <details>
          <summary>
            <Text span size="sm" fw={600}>
              {plan.warnings.length} note{plan.warnings.length === 1 ? '' : 's'} (these do not stop the import)
            </Text>
          </summary>
          <IssueTable issues={plan.warnings} label="Notes" />
        </details>
      ) : null}
    </Stack>
  );
}

/** Choose a package, see what it would change, then import it in one step — or nothing at all. */
export function ImportDialog({ opened, onClose, onImported }: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const form = useForm({ initial: { file: null as File | null } });
  const [content, setContent] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const file = form.values.file;

  function reset() {
    form.reset({ file: null });
    setContent(null);
    setPlan(null);
  }

  async function choose(f: File | null) {
    reset();
    form.set('file', f);
    if (!f) return;
    if (f.size > MAX_PACKAGE_BYTES) {
      form.showErrors({ file: 'This file is larger than 50 MB. Split the directory into smaller packages.' });
      return;
    }
    const b64 = await fileToBase64(f);
    const checked = await form.run(() => api.providers.importPreview({ fileName: f.name, contentBase64: b64 }));
    if (!checked) return;
    setContent(b64);
    setPlan(checked);
  }

  async function commit() {
    if (!file || !content) return;
    const done = await form.run(() => api.providers.import({ fileName: file.name, contentBase64: content }));
    if (!done) return;
    if (!done.committed) {
      setPlan(done);
      return;
    }
    notifications.show({
      color: 'green',
      title: 'Directory updated',
      message: `${done.totals.added} added, ${done.totals.updated} updated from ${file.name}.`,
    });
    reset();
    onImported();
    onClose();
  }

  function close() {
    reset();
    onClose();
  }

  const canImport = plan !== null && plan.errorCount === 0 && plan.totals.added + plan.totals.updated > 0;
  return (
    <AppModal opened={opened} onClose={close} title="Import providers (Open Referral HSDS 3.0)" size="xl">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void commit();
        }}
      >
        <Stack>
          <Text size="sm">
            Choose a zip holding datapackage.json and the HSDS CSV files, or an HSDS JSON file. Records are matched by their HSDS
            id, so importing an updated package again updates the same providers.
          </Text>
          <FileInput
            label="Package file"
            placeholder="Choose a .zip or .json file"
            accept=".zip,.json,application/zip,application/json"
            leftSection={<IconFileZip size={18} aria-hidden />}
            value={file}
            onChange={(f) => void choose(f)}
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            error={form.error('file') ?? form.error('fileName') ?? form.error('contentBase64')}
          />
          {form.busy && !plan ? <Text role="status">Checking the package…</Text> : null}
          <FormErrors form={form} title="Could not read the package" />
          {plan ? <Preview plan={plan} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {plan && !canImport ? 'Close' : 'Cancel'}
            </Button>
            <Button type="submit" disabled={!canImport} loading={form.busy && plan !== null}>
              {plan && canImport ? `Import ${plan.totals.added + plan.totals.updated} records` : 'Import'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
