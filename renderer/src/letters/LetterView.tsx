import { Alert, Box, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { LetterDocument } from '../../../shared/contract/letters';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { downloadBase64 } from '../ui/files';
import { useQuery } from '../ui/useQuery';
import { PrintError } from './printPdf';

/**
 * A letter (or its preview) as it prints: the same blocks the backend draws into the PDF. Marked
 * `deflect-print`: when the user prints, only this is on paper (global.css).
 */
export function LetterView({ document: doc, label }: { document: LetterDocument; label: string }) {
  const fetchHead = useCallback(() => api.letters.letterhead({}), []);
  const { data: head } = useQuery(fetchHead);
  const logo = doc.letterhead.hasLogo && head?.logo ? `data:${head.logo.type};base64,${head.logo.base64}` : null;
  return (
    <Paper
      withBorder
      shadow="xs"
      p="xl"
      className="deflect-print letter-view"
      aria-label={label}
      role="document"
      lang={doc.language}
    >
      <Group gap="md" align="flex-start" wrap="nowrap" pb="sm" mb="md" className="letter-head">
        {logo ? <img src={logo} alt="" className="letter-logo" /> : null}
        <div>
          <Text fw={700} size="lg">
            {doc.letterhead.name}
          </Text>
          {doc.letterhead.lines.map((l) => (
            <Text key={l} size="xs" c="dimmed">
              {l}
            </Text>
          ))}
        </div>
      </Group>
      <Stack gap="sm">
        {doc.blocks.map((b, i) =>
          b.kind === 'heading' ? (
            <Title key={i} order={3} size="h5">
              {b.text}
            </Title>
          ) : b.kind === 'list' ? (
            <List key={i} size="sm" spacing={2}>
              {b.items.map((item, j) => (
                <List.Item key={j}>{item}</List.Item>
              ))}
            </List>
          ) : (
            <Text key={i} size="sm" className="letter-paragraph">
              {b.text}
            </Text>
          ),
        )}
        {[doc.scope, doc.notice ? { heading: doc.notice.heading, text: doc.notice.paragraphs.join('\n\n') } : null].map((box) =>
          box ? (
            <Box key={box.heading} p="sm" className="letter-box">
              <Text fw={700} size="xs">
                {box.heading}
              </Text>
              <Text size="xs" className="letter-paragraph">
                {box.text}
              </Text>
            </Box>
          ) : null,
        )}
      </Stack>
    </Paper>
  );
}

/**
 * "Save as PDF…" (after saying plainly that the file leaves the encrypted database) and "Print" for a stored
 * letter or form. `load` fetches the file when it is needed.
 */
export function FileActions({
  load,
  what,
  label = 'Save as PDF…',
  onPrint,
}: {
  load: () => Promise<{ fileName: string; contentBase64: string } | null>;
  what: string;
  /** The button's words, when "Save as PDF…" alone would not say what is saved. */
  label?: string;
  /** Prints the stored PDF (letters/printPdf.ts); without it, Print is not offered. */
  onPrint?: () => Promise<void>;
}) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<string | null>(null);
  async function print() {
    if (!onPrint) return;
    setPrinting(true);
    setPrintError(null);
    try {
      await onPrint();
    } catch (err) {
      setPrintError(
        err instanceof PrintError
          ? err.message
          : 'The PDF could not be prepared for printing. Save it as a PDF and print that instead.',
      );
    } finally {
      setPrinting(false);
    }
  }
  async function save() {
    setBusy(true);
    const file = await load();
    setBusy(false);
    setConfirm(false);
    if (file) downloadBase64(file.fileName, file.contentBase64, 'application/pdf');
  }
  return (
    <>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => setConfirm(true)}>
          {label}
        </Button>
        {onPrint ? (
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => void print()}
            loading={printing}
          >
            Print
          </Button>
        ) : null}
      </Group>
      {printError ? (
        <Alert color="red" variant="light" role="alert" title="Not printed">
          {printError}
        </Alert>
      ) : null}
      <AppModal opened={confirm} onClose={() => setConfirm(false)} title="Save as PDF" size="md">
        <Stack>
          <Text>
            The {what} is kept encrypted inside Deflect. Saving it as a PDF writes an <strong>unencrypted copy</strong> to the
            folder you choose: this is the one place it leaves the database. Save it only where the person’s information is
            protected, and delete the file once it has been sent.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={busy} data-autofocus>
              Save unencrypted copy
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
