import { Button, Checkbox, Code, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { LetterDocument, LetterTemplate } from '../../../shared/contract/letters';
import { FORM_LANGUAGES } from '../../../shared/domain/consents';
import { LETTER_KINDS, type LetterKind, PLACEHOLDERS } from '../../../shared/domain/letters';
import { templateProblems, templateProblemsMessage } from '../../../shared/domain/letterTemplate';
import { api } from '../api';
import { options } from '../people/vocab';
import { type FieldErrors, useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { LetterView } from './LetterView';

export const NEW_TEMPLATE: Omit<LetterTemplate, 'id' | 'updatedAt' | 'updatedBy' | 'version'> = {
  kind: 'referral',
  language: 'en',
  name: '',
  active: true,
  body: '{{today}}\n\n{{provider.name}}\n\nDear colleagues,\n\n',
};

/** Editing one template: its text with the named placeholders, a preview with sample data, saving a new version. */
export function TemplateEditor({
  template,
  onSaved,
  onCancel,
}: {
  template: (Omit<LetterTemplate, 'id' | 'updatedAt' | 'updatedBy' | 'version'> & { id?: string; version?: number }) | null;
  onSaved: (t: LetterTemplate) => void;
  onCancel: () => void;
}) {
  const [preview, setPreview] = useState<LetterDocument | null>(null);
  const form = useForm({
    initial: { kind: 'referral', language: 'en', name: '', body: '', active: true },
    schema: contract['letters.saveTemplate'].input,
    toInput: (v) => ({
      ...(template?.id ? { id: template.id } : {}),
      kind: v.kind as LetterKind,
      language: v.language as 'en',
      name: v.name,
      body: v.body,
      active: v.active,
    }),
    // The text's placeholders are checked with the name, so one save shows every problem.
    rules: (_v, input): FieldErrors => {
      const message = templateProblemsMessage(templateProblems(input.kind, input.body));
      return message ? { body: message } : {};
    },
  });
  const { reset, values: v } = form;
  useEffect(() => {
    if (template) {
      reset({
        kind: template.kind,
        language: template.language,
        name: template.name,
        body: template.body,
        active: template.active,
      });
      setPreview(null);
    }
  }, [template, reset]);
  if (!template) return null;
  async function save() {
    const out = await form.submit((input) => api.letters.saveTemplate(input));
    if (out) {
      notifications.show({
        color: 'green',
        title: 'Template saved',
        message: `${out.template.name}: version ${out.template.version}.`,
      });
      onSaved(out.template);
    }
  }
  async function showPreview() {
    const out = await form.run(() =>
      api.letters.previewTemplate({ kind: v.kind as LetterKind, language: v.language as 'en', body: v.body }),
    );
    if (out) setPreview(out.document);
  }
  return (
    <form
      ref={form.formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        <Title order={2} size="h4">
          {template.id ? `Edit “${template.name}” (version ${template.version ?? 1})` : 'New template'}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Name" required {...form.text('name')} />
          <Select
            label="Kind"
            data={options(LETTER_KINDS)}
            allowDeselect={false}
            disabled={!!template.id}
            {...form.select('kind')}
          />
          <Select label="Language" data={options(FORM_LANGUAGES)} allowDeselect={false} {...form.select('language')} />
        </SimpleGrid>
        <Textarea
          label="Text"
          description="A blank line starts a new paragraph; “# ” a heading; “- ” a list item. The letterhead, the consent’s scope and the § 2.32 notice are added to every letter."
          autosize
          minRows={14}
          maxRows={30}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          {...form.text('body')}
        />
        <Checkbox label="In use" checked={v.active} onChange={(e) => form.set('active', e.currentTarget.checked)} />
        <details>
          <summary>Placeholders for this kind of letter</summary>
          <Table mt="xs" aria-label="Placeholders">
            <Table.Tbody>
              {PLACEHOLDERS[v.kind as LetterKind].map((p) => (
                <Table.Tr key={p.name}>
                  <Table.Td>
                    <Code>{p.kind === 'list' ? `{{#${p.name}}}- {{.}}{{/${p.name}}}` : `{{${p.name}}}`}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.description}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {'{{#name}}…{{/name}}'} prints its content only when the value is not empty. Any other name is refused when you save.
          </Text>
        </details>
        <FormErrors form={form} />
        <Group>
          <Button type="submit" loading={form.busy}>
            Save {template.id ? 'new version' : 'template'}
          </Button>
          <Button variant="light" onClick={() => void showPreview()}>
            Preview with sample data
          </Button>
          <Button variant="default" onClick={onCancel}>
            Close
          </Button>
        </Group>
        {preview ? <LetterView document={preview} label="Template preview" /> : null}
      </Stack>
    </form>
  );
}
