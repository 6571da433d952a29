import {
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { Letter, LetterDocument, LetterTemplate } from '../../../shared/contract/letters';
import { LETTER_KINDS, LETTER_LIMITS } from '../../../shared/domain/letters';
import { labelOf } from '../../../shared/domain/vocab';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { fileToBase64 } from '../ui/files';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDateTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { StoredLetter } from './LetterDialog';
import { LetterList } from './LetterList';
import { LetterView } from './LetterView';
import { NEW_TEMPLATE, TemplateEditor } from './TemplateEditor';

type Editing = (Omit<LetterTemplate, 'id' | 'updatedAt' | 'updatedBy' | 'version'> & { id?: string; version?: number }) | null;

function Templates() {
  const fetchList = useCallback(() => api.letters.templates({ includeInactive: true }), []);
  const { data, reload } = useQuery(fetchList);
  const [editing, setEditing] = useState<Editing>(null);
  async function open(id: string) {
    const r = await api.letters.template({ id });
    if (r.ok) setEditing(r.value.template);
  }
  if (!data) return <Loader aria-label="Loading templates" />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Every save keeps the earlier version: each letter records the template version it was made from.
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ ...NEW_TEMPLATE })}>
          New template
        </Button>
      </Group>
      <Table striped aria-label="Letter templates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Template</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Language</Table.Th>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Last saved</Table.Th>
            <Table.Th scope="col" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.templates.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                {t.name} {t.active ? null : <Badge color="gray">Not in use</Badge>}
              </Table.Td>
              <Table.Td>{labelOf(LETTER_KINDS, t.kind)}</Table.Td>
              <Table.Td>{t.language === 'es' ? 'Spanish' : 'English'}</Table.Td>
              <Table.Td>{t.version}</Table.Td>
              <Table.Td>
                {formatDateTime(t.updatedAt)}
                {t.updatedBy ? ` by ${t.updatedBy.displayName}` : ''}
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="light" onClick={() => void open(t.id)} aria-label={`Edit ${t.name}`}>
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? (
        <Card withBorder padding="md">
          <TemplateEditor
            template={editing}
            onCancel={() => setEditing(null)}
            onSaved={(t) => {
              setEditing(t);
              void reload();
            }}
          />
        </Card>
      ) : null}
    </Stack>
  );
}

const PROGRAMME = {
  templateId: '',
  recipientName: '',
  recipientOrganization: '',
  recipientAddress: '',
  subject: '',
  details: '',
};

/** Letters with no person in them (a letter of support for a TTA request, an MOU cover letter), on the same letterhead. */
function ProgrammeLetters() {
  const fetchAll = useCallback(async () => {
    const [t, l] = await Promise.all([api.letters.templates({ kind: 'programme' }), api.letters.list({})]);
    if (!t.ok) return t;
    return { ok: true as const, value: { templates: t.value.templates, letters: l.ok ? l.value.letters : [] } };
  }, []);
  const { data, reload } = useQuery(fetchAll);
  const [preview, setPreview] = useState<LetterDocument | null>(null);
  const [open, setOpen] = useState<Letter | null>(null);
  const [justMade, setJustMade] = useState(false);
  const form = useForm({ initial: PROGRAMME, schema: contract['letters.generateProgramme'].input });
  const { reset } = form;
  useEffect(() => {
    if (data?.templates[0] && !form.values.templateId) reset({ ...PROGRAMME, templateId: data.templates[0].id });
  }, [data, reset, form.values.templateId]);
  if (!data) return <Loader aria-label="Loading" />;
  async function make() {
    const out = await form.submit((input) => api.letters.generateProgramme(input));
    if (out) {
      notifications.show({ color: 'green', title: 'Letter made', message: out.letter.title });
      setPreview(null);
      setJustMade(true);
      setOpen(out.letter);
      void reload();
    }
  }
  return (
    <Stack>
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void make();
        }}
      >
        <Stack maw={760}>
          <Select
            label="Template"
            data={data.templates.map((t) => ({ value: t.id, label: t.name }))}
            allowDeselect={false}
            required
            {...form.select('templateId')}
          />
          <Group grow align="flex-start">
            <TextInput label="Addressed to" required {...form.text('recipientName')} />
            <TextInput label="Organisation" {...form.text('recipientOrganization')} />
          </Group>
          <Textarea label="Address" autosize minRows={2} {...form.text('recipientAddress')} />
          <TextInput label="Subject" {...form.text('subject')} />
          <Textarea
            label="Details"
            description="Paragraphs printed in the letter."
            autosize
            minRows={4}
            {...form.text('details')}
          />
          <FormErrors form={form} title="Not made" />
          <Group>
            <Button type="submit" loading={form.busy}>
              Make the letter
            </Button>
            <Button
              variant="light"
              onClick={() =>
                void form.submit((input) => api.letters.previewProgramme(input)).then((out) => out && setPreview(out.document))
              }
            >
              Preview
            </Button>
          </Group>
        </Stack>
      </form>
      {preview ? <LetterView document={preview} label="Letter preview" /> : null}
      <Title order={2} size="h4">
        Programme letters made
      </Title>
      <LetterList
        letters={data.letters}
        onOpen={(letter) => {
          setJustMade(false);
          setOpen(letter);
        }}
      />
      <AppModal opened={open !== null} onClose={() => setOpen(null)} title={open?.title ?? 'Letter'} size="xl">
        {open ? <StoredLetter letterId={open.id} justMade={justMade} /> : null}
      </AppModal>
    </Stack>
  );
}

/** The letterhead logo (PNG or JPEG, at most 1 MB) and how long a referral may sit unchanged before it needs a follow-up. */
function LetterheadAndSettings() {
  const fetchAll = useCallback(async () => {
    const [h, s] = await Promise.all([api.letters.letterhead({}), api.referrals.settings({})]);
    if (!h.ok) return h;
    return { ok: true as const, value: { logo: h.value.logo, followUpDays: s.ok ? s.value.followUpDays : 7 } };
  }, []);
  const { data, reload } = useQuery(fetchAll);
  const [file, setFile] = useState<File | null>(null);
  const logoForm = useForm({ initial: {} });
  const daysForm = useForm({ initial: { followUpDays: 7 }, schema: contract['referrals.updateSettings'].input });
  const { reset } = daysForm;
  useEffect(() => {
    if (data) reset({ followUpDays: data.followUpDays });
  }, [data, reset]);
  if (!data) return <Loader aria-label="Loading" />;
  async function upload() {
    if (!file) return;
    const contentBase64 = file.size > LETTER_LIMITS.logoBytes * 2 ? '' : await fileToBase64(file);
    const out = await logoForm.run(() =>
      contentBase64
        ? api.letters.setLogo({ fileName: file.name, contentBase64 })
        : Promise.resolve({
            ok: false as const,
            error: { code: 'invalid_input' as const, message: 'Logo: the file is over 1 MB.', field: 'contentBase64' },
          }),
    );
    if (out) {
      notifications.show({ color: 'green', title: 'Logo saved', message: 'Every letter and form now carries it.' });
      setFile(null);
      void reload();
    }
  }
  return (
    <Stack maw={640} gap="xl">
      <form
        ref={logoForm.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Letterhead logo
          </Title>
          <Text size="sm" c="dimmed">
            The department’s name, address and phone come from Settings (administrators). The logo is printed beside them.
          </Text>
          {data.logo ? (
            <img
              src={`data:${data.logo.type};base64,${data.logo.base64}`}
              alt="Current letterhead logo"
              style={{ maxWidth: 96, maxHeight: 84 }}
            />
          ) : (
            <Text size="sm">No logo yet.</Text>
          )}
          <FileInput
            label="Logo image"
            description="PNG or JPEG, at most 1 MB."
            accept="image/png,image/jpeg"
            value={file}
            onChange={setFile}
            error={logoForm.error('contentBase64')}
            clearable
          />
          <FormErrors form={logoForm} />
          <Group>
            <Button type="submit" disabled={!file} loading={logoForm.busy}>
              Save logo
            </Button>
            {data.logo ? (
              <Button
                variant="subtle"
                color="red"
                onClick={() =>
                  void logoForm.run(() => api.letters.setLogo({ contentBase64: null })).then((ok) => ok && void reload())
                }
              >
                Remove logo
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
      <form
        ref={daysForm.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void daysForm
            .submit((input) => api.referrals.updateSettings(input))
            .then((out) => {
              if (out)
                notifications.show({
                  color: 'green',
                  title: 'Saved',
                  message: `Follow-up after ${out.followUpDays} days without a change.`,
                });
            });
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Referral follow-up
          </Title>
          <NumberInput
            label="Needs follow-up after (days without a status change)"
            min={1}
            max={90}
            allowDecimal={false}
            value={daysForm.values.followUpDays}
            onChange={(n) => daysForm.set('followUpDays', typeof n === 'number' ? n : Number.NaN)}
            error={daysForm.error('followUpDays')}
          />
          <FormErrors form={daysForm} />
          <Group>
            <Button type="submit" loading={daysForm.busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Coordinators: letter templates, programme letters, the letterhead and the follow-up setting. */
export function LettersScreen() {
  return (
    <Stack>
      <PageHeader title="Letters" description="Templates for referral letters, programme letters on the department letterhead." />
      <Tabs defaultValue="templates" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="templates">Templates</Tabs.Tab>
          <Tabs.Tab value="programme">Programme letters</Tabs.Tab>
          <Tabs.Tab value="letterhead">Letterhead and settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates" pt="md">
          <Templates />
        </Tabs.Panel>
        <Tabs.Panel value="programme" pt="md">
          <ProgrammeLetters />
        </Tabs.Panel>
        <Tabs.Panel value="letterhead" pt="md">
          <LetterheadAndSettings />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
