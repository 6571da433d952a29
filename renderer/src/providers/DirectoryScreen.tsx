import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus, IconSearch, IconSettings, IconTags, IconUpload } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { InputOf, OutputOf } from '../../../shared/contract';
import { NEEDS } from '../../../shared/domain/needs';
import { type Need, SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/serviceTypes';
import { api } from '../api';
import { href, navigate } from '../app/router';
import { useSession } from '../app/session';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { DirectorySettingsDialog } from './DirectorySettingsDialog';
import { ImportDialog } from './ImportDialog';
import { downloadBase64 } from '../ui/files';
import { OpenBadge, StaleBadge, StatusBadge, ServiceTypeList, WalkInBadge, canEditDirectory } from './parts';
import { ServiceEditDialog } from './ServiceEditDialog';

type Facets = OutputOf<'providers.facets'>;
type Results = OutputOf<'providers.search'>;
const PAGE = 50;

const NEED_OPTIONS = NEEDS.map((n) => ({ value: n.code, label: n.label }));
const TYPE_OPTIONS = SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABELS[t] }));

/** Why filtering by need may miss services: imported terms that no one has mapped to service types yet. */
function UnmappedTermsNote({ count, editor, empty }: { count: number; editor: boolean; empty: boolean }) {
  const terms = count === 1 ? 'One imported taxonomy term is' : `${count} imported taxonomy terms are`;
  return (
    <Alert color="orange" variant="light" icon={<IconTags aria-hidden />} data-testid="unmapped-terms-note">
      <Text size="sm">
        {terms} not mapped to service types yet, so{' '}
        {empty ? 'services classified only by them are not found' : 'this list may miss services classified only by them'} when
        filtering by need or service type.{' '}
        {editor ? (
          <Anchor href={href('/providers/terms')} size="sm" fw={600}>
            Map the taxonomy terms
          </Anchor>
        ) : (
          'Ask a coordinator to map them.'
        )}
      </Text>
    </Alert>
  );
}

export function DirectoryScreen() {
  const { user } = useSession();
  const editor = canEditDirectory(user.role);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 200);
  const [needs, setNeeds] = useState<Need[]>([]);
  const [types, setTypes] = useState<ServiceType[]>([]);
  const [language, setLanguage] = useState<string | null>(null);
  const [openNow, setOpenNow] = useState(false);
  const [walkIns, setWalkIns] = useState(false);
  const [staleOnly, setStaleOnly] = useState(false);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [dialog, setDialog] = useState<'import' | 'add' | 'settings' | null>(null);
  const [exporting, setExporting] = useState(false);

  const facetsQuery = useQuery(useCallback(() => api.providers.facets({}), []));
  const facets: Facets | null = facetsQuery.data;

  const fetchResults = useCallback(() => {
    const input: InputOf<'providers.search'> = { limit };
    if (debounced.trim()) input.text = debounced.trim();
    if (needs.length) input.needs = needs;
    if (types.length) input.serviceTypes = types;
    if (language) input.language = language;
    if (openNow) input.openNow = true;
    if (walkIns) input.walkIns = true;
    if (staleOnly) input.staleOnly = true;
    if (includeInactive) input.includeInactive = true;
    return api.providers.search(input);
  }, [debounced, needs, types, language, openNow, walkIns, staleOnly, includeInactive, limit]);

  const resultsQuery = useQuery(fetchResults);
  const results: Results | null = resultsQuery.data;
  const error = resultsQuery.error;

  function refresh() {
    void facetsQuery.reload();
    void resultsQuery.reload();
  }

  async function exportDirectory() {
    setExporting(true);
    const r = await api.providers.export({});
    setExporting(false);
    if (!r.ok) {
      notifications.show({ color: 'red', title: 'Not exported', message: r.error.message });
      return;
    }
    downloadBase64(r.value.fileName, r.value.contentBase64, 'application/zip');
    notifications.show({
      color: 'green',
      title: 'Directory exported',
      message: `${r.value.records.service} services in ${r.value.fileName} (Open Referral HSDS 3.0).`,
    });
  }

  const languageOptions = (facets?.languages ?? []).map((l) => ({ value: l.key, label: `${l.label} (${l.services})` }));

  return (
    <Stack>
      <PageHeader
        title="Provider directory"
        description={`Find a service by need, language or opening hours. "Open now" uses ${facets?.settings.timeZone ?? 'the department'} time.`}
        actions={
          editor ? (
            <>
              <Button variant="default" leftSection={<IconUpload size={18} aria-hidden />} onClick={() => setDialog('import')}>
                Import
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={18} aria-hidden />}
                loading={exporting}
                onClick={() => void exportDirectory()}
              >
                Export
              </Button>
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setDialog('add')}>
                Add provider
              </Button>
            </>
          ) : null
        }
      />
      {editor && facets ? (
        <Group gap="md">
          <Anchor href={href('/providers/terms')} size="sm">
            <Group gap={4} component="span">
              <IconTags size={16} aria-hidden />
              Map taxonomy terms
              {facets.unmappedTerms > 0 ? (
                <Badge color="orange" size="sm" component="span">
                  {facets.unmappedTerms} unmapped
                </Badge>
              ) : null}
            </Group>
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => setDialog('settings')}>
            <Group gap={4} component="span">
              <IconSettings size={16} aria-hidden />
              Directory settings
            </Group>
          </Anchor>
          {facets.stale > 0 ? (
            <Anchor component="button" type="button" size="sm" onClick={() => setStaleOnly(true)}>
              {facets.stale} listing{facets.stale === 1 ? '' : 's'} not verified in {facets.settings.staleMonths} months
            </Anchor>
          ) : null}
        </Group>
      ) : null}

      <search aria-label="Filter providers">
        <Stack gap="sm">
          <TextInput
            label="Search"
            placeholder="Name, organisation, description, town…"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group align="flex-start" gap="sm" grow>
            <MultiSelect
              label="Need"
              placeholder={needs.length ? undefined : 'Any need'}
              data={NEED_OPTIONS}
              value={needs}
              onChange={(v) => setNeeds(v as Need[])}
              searchable
              clearable
            />
            <MultiSelect
              label="Service type"
              placeholder={types.length ? undefined : 'Any type'}
              data={TYPE_OPTIONS}
              value={types}
              onChange={(v) => setTypes(v as ServiceType[])}
              searchable
              clearable
            />
            <Select
              label="Language"
              placeholder="Any language"
              data={languageOptions}
              value={language}
              onChange={setLanguage}
              searchable
              clearable
            />
          </Group>
          <Group gap="lg">
            <Checkbox label="Open now" checked={openNow} onChange={(e) => setOpenNow(e.currentTarget.checked)} />
            <Checkbox label="Accepts walk-ins" checked={walkIns} onChange={(e) => setWalkIns(e.currentTarget.checked)} />
            <Checkbox label="Not verified recently" checked={staleOnly} onChange={(e) => setStaleOnly(e.currentTarget.checked)} />
            <Checkbox
              label="Include inactive and defunct"
              checked={includeInactive}
              onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
            />
          </Group>
        </Stack>
      </search>

      {error ? (
        <Alert color="red" title="Could not search the directory" role="alert">
          {error}
        </Alert>
      ) : null}
      {!results && !error ? <Loader aria-label="Loading providers" /> : null}
      {results ? (
        <>
          <Text role="status" fw={600}>
            {results.total === 0
              ? facets?.services === 0
                ? 'The directory is empty. A coordinator can import an HSDS package or add providers.'
                : 'No provider matches these filters.'
              : `${results.total} provider${results.total === 1 ? '' : 's'}`}
          </Text>
          {(needs.length || types.length) && facets && facets.unmappedTerms > 0 ? (
            <UnmappedTermsNote count={facets.unmappedTerms} editor={editor} empty={results.total === 0} />
          ) : null}
          {results.results.length > 0 ? (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-label="Providers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Provider</Table.Th>
                    <Table.Th scope="col" miw={180}>
                      Hours
                    </Table.Th>
                    <Table.Th scope="col">Services</Table.Th>
                    <Table.Th scope="col">Languages</Table.Th>
                    <Table.Th scope="col">Phone</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {results.results.map((s) => (
                    <Table.Tr key={s.id} data-testid="provider-row">
                      <Table.Td>
                        <Anchor href={href(`/providers/${s.id}`)} fw={700}>
                          {s.name}
                        </Anchor>
                        <Text size="sm" c="dimmed">
                          {[s.organizationName, s.city].filter(Boolean).join(' · ')}
                        </Text>
                        <Group gap={4} mt={4}>
                          <StatusBadge status={s.status} />
                          {s.walkIns ? <WalkInBadge /> : null}
                          {s.stale ? <StaleBadge assuredDate={s.assuredDate} /> : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <OpenBadge open={s.open} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <ServiceTypeList types={s.serviceTypes} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.languages.join(', ') || '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {s.phone ?? '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
          {results.total > results.results.length ? (
            <Button variant="default" onClick={() => setLimit((l) => l + PAGE)} style={{ alignSelf: 'flex-start' }}>
              Show {Math.min(PAGE, results.total - results.results.length)} more
            </Button>
          ) : null}
        </>
      ) : null}

      {editor ? (
        <>
          <ImportDialog opened={dialog === 'import'} onClose={() => setDialog(null)} onImported={refresh} />
          <ServiceEditDialog
            opened={dialog === 'add'}
            service={null}
            onClose={() => setDialog(null)}
            onSaved={(id) => {
              setDialog(null);
              navigate(`/providers/${id}`);
            }}
          />
          <DirectorySettingsDialog opened={dialog === 'settings'} onClose={() => setDialog(null)} onSaved={refresh} />
        </>
      ) : null}
    </Stack>
  );
}
