import { Alert, Button, Group, Loader, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconEye, IconFileText } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { contract, type OutputOf } from '../../../shared/contract';
import type { LetterDocument } from '../../../shared/contract/letters';
import type { Referral } from '../../../shared/contract/referrals';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { api } from '../api';
import { useSession } from '../app/session';
import { ConsentGateAlert, gated } from '../referrals/ConsentGate';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { FileActions, LetterView } from './LetterView';
import { printStoredPdf } from './printPdf';

type PdfFile = OutputOf<'letters.pdf'>;

/**
 * A stored letter: as it looks, with "Save as PDF…" and "Print" (which prints the stored PDF itself).
 * `justMade`: the letter was made a moment ago: it says so and takes the keyboard focus, so that a keyboard
 * or screen-reader user hears that it worked.
 */
export function StoredLetter({ letterId, justMade = false }: { letterId: string; justMade?: boolean }) {
  const [file, setFile] = useState<PdfFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const madeHeading = useRef<HTMLHeadingElement>(null);
  const loaded = file !== null;
  useEffect(() => {
    if (justMade && loaded) madeHeading.current?.focus();
  }, [justMade, loaded]);
  useEffect(() => {
    let live = true;
    void api.letters.pdf({ id: letterId }).then((r) => {
      if (!live) return;
      if (r.ok) setFile(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [letterId]);
  if (error)
    return (
      <Alert color="red" title="The letter cannot be opened" role="alert">
        {error}
      </Alert>
    );
  if (!file || !file.document) return <Loader aria-label="Opening the letter" />;
  return (
    <Stack>
      {justMade ? (
        <Stack gap={2} role="status">
          <Title order={2} size="h4" tabIndex={-1} ref={madeHeading}>
            Letter made: {file.fileName}
          </Title>
          <Text size="sm">It is stored with the referral, and the disclosure is logged. Print it or save it below.</Text>
        </Stack>
      ) : null}
      <FileActions what="letter" load={async () => file} onPrint={() => printStoredPdf(file)} />
      <LetterView document={file.document} label="Letter" />
      <Text size="xs" c="dimmed">
        SHA-256 {file.sha256}
      </Text>
    </Stack>
  );
}

/**
 * Making a referral letter: the template (English or Spanish), a clinical summary (co-responders and
 * coordinators only), a preview that also says whether the consent gate lets it go, then the letter itself.
 */
export function MakeLetterDialog({
  referral,
  language,
  opened,
  onClose,
  onMade,
}: {
  referral: Referral;
  language: 'en' | 'es';
  opened: boolean;
  onClose: () => void;
  onMade: () => void;
}) {
  const { user } = useSession();
  const clinical = (CLINICAL_ROLES as readonly string[]).includes(user.role);
  const [templates, setTemplates] = useState<{ value: string; label: string; language: string }[] | null>(null);
  const [preview, setPreview] = useState<{ document: LetterDocument; gate: { allowed: boolean; message: string | null } } | null>(
    null,
  );
  const [made, setMade] = useState<string | null>(null);
  const [gate, setGate] = useState<string | null>(null);
  const form = useForm({
    initial: { templateId: '', clinicalSummary: '' },
    schema: contract['letters.generate'].input,
    toInput: (v) => ({ referralId: referral.id, templateId: v.templateId, clinicalSummary: v.clinicalSummary }),
  });
  const { reset } = form;
  useEffect(() => {
    if (!opened) return;
    setPreview(null);
    setMade(null);
    setGate(null);
    void api.letters.templates({ kind: 'referral' }).then((r) => {
      const list = r.ok ? r.value.templates.map((t) => ({ value: t.id, label: t.name, language: t.language })) : [];
      setTemplates(list);
      reset({ templateId: (list.find((t) => t.language === language) ?? list[0])?.value ?? '', clinicalSummary: '' });
    });
  }, [opened, language, reset]);

  async function showPreview() {
    setGate(null);
    const out = await form.submit((input) => api.letters.preview(input));
    if (out) setPreview(out);
  }

  async function make(override?: string) {
    setGate(null);
    const out = await form.submit((input) =>
      gated(api.letters.generate(override ? { ...input, override: { reason: override } } : input), setGate),
    );
    if (out) {
      // The dialog itself says "Letter made" (a status region that takes the focus): no toast besides,
      // which a screen reader would announce a second time.
      setMade(out.letter.id);
      onMade();
    }
  }

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={made ? 'Referral letter' : `Letter to ${referral.service.organizationName}`}
      size="xl"
    >
      {made ? (
        <StoredLetter letterId={made} justMade />
      ) : (
        <form
          ref={form.formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void make();
          }}
        >
          <Stack>
            {templates === null ? (
              <Loader size="sm" aria-label="Loading templates" />
            ) : (
              <Select
                label="Template"
                data={templates}
                allowDeselect={false}
                required
                data-autofocus
                {...form.select('templateId')}
              />
            )}
            {clinical ? (
              <Textarea
                label="Clinical summary (optional)"
                description="Written for this letter. A letter with a clinical summary is sealed with the clinical key: officers see only that it was sent."
                autosize
                minRows={3}
                {...form.text('clinicalSummary')}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Officers make referral letters without clinical content; a co-responder can add a clinical summary.
              </Text>
            )}
            {preview ? (
              <Stack gap="xs">
                {!preview.gate.allowed && preview.gate.message ? (
                  <Alert color="orange" title="The consent gate will refuse this letter" role="status">
                    {preview.gate.message}
                  </Alert>
                ) : null}
                <LetterView document={preview.document} label="Letter preview" />
              </Stack>
            ) : null}
            {gate ? <ConsentGateAlert message={gate} busy={form.busy} onOverride={(reason) => void make(reason)} /> : null}
            <FormErrors form={form} title="Not made" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button variant="light" leftSection={<IconEye size={16} aria-hidden />} onClick={() => void showPreview()}>
                Preview
              </Button>
              <Button type="submit" loading={form.busy} leftSection={<IconFileText size={16} aria-hidden />}>
                Make the letter
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
