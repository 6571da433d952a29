import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { LetterBlock } from '../../../shared/contract/letters';
import { type BarChart, chartHeight, drawChart } from './charts';
import { fonts } from './fonts';

/**
 * The one PDF path for everything the unit prints (letters, consent forms, the accounting of disclosures):
 * the department letterhead, then blocks of text, then the boxed notices; "Confidential · Page n of m" on
 * every page. Fonts are embedded and subset; nothing touches the disk.
 */

export type PdfBlock =
  | LetterBlock
  | { kind: 'fields'; rows: Array<[string, string]> }
  | { kind: 'signature'; lines: string[]; dateLabel: string }
  | { kind: 'small'; text: string }
  | { kind: 'table'; columns: string[]; widths: number[]; rows: string[][] }
  | { kind: 'box'; heading: string; paragraphs: string[] }
  | BarChart
  /** Headline figures side by side: the number large, its label and a line below it. */
  | { kind: 'figures'; items: { value: string; label: string; note: string; muted?: boolean }[] };

export interface PdfDoc {
  title: string;
  language: 'en' | 'es';
  letterhead: { name: string; lines: string[]; logo: Buffer | null };
  blocks: PdfBlock[];
  /** Footer words, e.g. "Confidential" and "Page 1 of 2". */
  footer: { label: string; page: (n: number, of: number) => string };
}

const MARGIN = 64;
const INK = '#1a1a1a';
const GREY = '#555555';
const RULE = '#9a9a9a';
const SIZE = { body: 10.5, heading: 12.5, small: 8.5, name: 15, letterhead: 9, label: 8.5 };

type Doc = PDFKit.PDFDocument;

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - 14;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function letterhead(doc: Doc, head: PdfDoc['letterhead']): void {
  const top = MARGIN - 16;
  let textX = MARGIN;
  if (head.logo) {
    doc.image(head.logo, MARGIN, top, { fit: [64, 56] });
    textX = MARGIN + 76;
  }
  doc
    .font('bold')
    .fontSize(SIZE.name)
    .fillColor(INK)
    .text(head.name, textX, top, { width: doc.page.width - textX - MARGIN });
  doc.font('regular').fontSize(SIZE.letterhead).fillColor(GREY);
  for (const line of head.lines) doc.text(line, textX, doc.y, { width: doc.page.width - textX - MARGIN });
  const y = Math.max(doc.y, head.logo ? top + 58 : doc.y) + 8;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = y + 18;
  doc.fillColor(INK);
}

function width(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function paragraph(doc: Doc, text: string, size = SIZE.body, font: 'regular' | 'bold' | 'italic' = 'regular'): void {
  doc.font(font).fontSize(size).fillColor(INK);
  const options = { width: width(doc), lineGap: 2 };
  ensureSpace(doc, Math.min(doc.heightOfString(text, options), 3 * (size + 4)));
  doc.text(text, MARGIN, doc.y, options);
}

function drawBlock(doc: Doc, block: PdfBlock): void {
  switch (block.kind) {
    case 'heading':
      ensureSpace(doc, 48);
      doc.moveDown(0.3);
      paragraph(doc, block.text, SIZE.heading, 'bold');
      doc.moveDown(0.4);
      return;
    case 'paragraph':
      paragraph(doc, block.text);
      doc.moveDown(0.8);
      return;
    case 'small':
      paragraph(doc, block.text, SIZE.small);
      doc.moveDown(0.6);
      return;
    case 'list': {
      doc.font('regular').fontSize(SIZE.body);
      for (const item of block.items) {
        const options = { width: width(doc) - 16, lineGap: 2 };
        ensureSpace(doc, doc.heightOfString(item, options));
        const y = doc.y;
        doc.text('•', MARGIN + 2, y, { lineBreak: false });
        doc.text(item, MARGIN + 16, y, options);
        doc.moveDown(0.25);
      }
      doc.x = MARGIN;
      doc.moveDown(0.6);
      return;
    }
    case 'fields': {
      const labelWidth = 150;
      for (const [label, value] of block.rows) {
        const valueOptions = { width: width(doc) - labelWidth - 8, lineGap: 1.5 };
        doc.font('bold').fontSize(SIZE.label);
        const labelHeight = doc.heightOfString(label, { width: labelWidth - 6 }) + 1.5;
        doc.font('regular').fontSize(SIZE.body);
        const h = Math.max(doc.heightOfString(value || '—', valueOptions), labelHeight, 14);
        ensureSpace(doc, h + 4);
        const y = doc.y;
        doc
          .font('bold')
          .fontSize(SIZE.label)
          .fillColor(GREY)
          .text(label, MARGIN, y + 1.5, { width: labelWidth - 6 });
        doc
          .font('regular')
          .fontSize(SIZE.body)
          .fillColor(INK)
          .text(value || '—', MARGIN + labelWidth, y, valueOptions);
        doc.y = Math.max(doc.y, y + h) + 4;
      }
      doc.x = MARGIN;
      doc.moveDown(0.6);
      return;
    }
    case 'signature': {
      for (const caption of block.lines) {
        ensureSpace(doc, 52);
        doc.moveDown(1.8);
        const y = doc.y;
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + 260, y)
          .lineWidth(0.7)
          .strokeColor(INK)
          .stroke();
        doc
          .moveTo(MARGIN + 300, y)
          .lineTo(MARGIN + 420, y)
          .stroke();
        doc.font('regular').fontSize(SIZE.small).fillColor(GREY);
        doc.text(caption, MARGIN, y + 4, { width: 260 });
        doc.text(block.dateLabel, MARGIN + 300, y + 4, { width: 120 });
        doc.fillColor(INK);
        doc.x = MARGIN;
      }
      doc.moveDown(1);
      return;
    }
    case 'table': {
      const row = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'bold' : 'regular').fontSize(bold ? SIZE.label : 9);
        const heights = cells.map((c, i) => doc.heightOfString(c || '—', { width: block.widths[i]! - 6 }));
        const h = Math.max(...heights, 10) + 6;
        if (doc.y + h > bottom(doc)) doc.addPage();
        const y = doc.y;
        let x = MARGIN;
        cells.forEach((c, i) => {
          doc.fillColor(bold ? GREY : INK).text(c || '—', x, y + 3, { width: block.widths[i]! - 6 });
          x += block.widths[i]!;
        });
        doc
          .moveTo(MARGIN, y + h)
          .lineTo(MARGIN + block.widths.reduce((a, b) => a + b, 0), y + h)
          .lineWidth(0.4)
          .strokeColor(RULE)
          .stroke();
        doc.y = y + h;
      };
      row(block.columns, true);
      for (const r of block.rows) row(r, false);
      doc.x = MARGIN;
      doc.fillColor(INK);
      doc.moveDown(1);
      return;
    }
    case 'bars': {
      ensureSpace(doc, chartHeight(block));
      doc.y += drawChart(doc, block, MARGIN, doc.y, width(doc));
      doc.x = MARGIN;
      return;
    }
    case 'figures': {
      const perRow = 3;
      const cellW = width(doc) / perRow;
      for (let i = 0; i < block.items.length; i += perRow) {
        ensureSpace(doc, 64);
        const y = doc.y;
        let h = 0;
        block.items.slice(i, i + perRow).forEach((f, j) => {
          const x = MARGIN + j * cellW;
          doc
            .font('bold')
            .fontSize(SIZE.label)
            .fillColor(INK)
            .text(f.label, x, y, { width: cellW - 12 });
          if (f.muted)
            doc
              .font('italic')
              .fontSize(11)
              .fillColor(GREY)
              .text(f.value, x, doc.y + 5, { width: cellW - 12 });
          else
            doc
              .font('bold')
              .fontSize(18)
              .fillColor(INK)
              .text(f.value, x, doc.y, { width: cellW - 12 });
          doc
            .font('regular')
            .fontSize(SIZE.small)
            .fillColor(GREY)
            .text(f.note, x, doc.y + 1, { width: cellW - 12 });
          h = Math.max(h, doc.y - y);
        });
        doc.y = y + h + 12;
      }
      doc.x = MARGIN;
      doc.fillColor(INK);
      return;
    }
    case 'box': {
      const inner = width(doc) - 20;
      doc.font('regular').fontSize(SIZE.small);
      const bodyHeight = block.paragraphs.reduce((h, p) => h + doc.heightOfString(p, { width: inner, lineGap: 1 }) + 4, 0);
      const total = bodyHeight + 30;
      // Keep a notice on one page when it fits on one.
      if (total < bottom(doc) - MARGIN) ensureSpace(doc, total);
      doc.moveDown(0.4);
      const top = doc.y;
      doc
        .font('bold')
        .fontSize(9)
        .fillColor(INK)
        .text(block.heading, MARGIN + 10, top + 8, { width: inner });
      doc.moveDown(0.3);
      doc.font('regular').fontSize(SIZE.small);
      for (const p of block.paragraphs) {
        doc.text(p, MARGIN + 10, doc.y, { width: inner, lineGap: 1 });
        doc.moveDown(0.35);
      }
      const end = doc.y + 4;
      if (doc.page.margins && end > top)
        doc
          .rect(MARGIN, top, width(doc), end - top)
          .lineWidth(0.7)
          .strokeColor(RULE)
          .stroke();
      doc.x = MARGIN;
      doc.y = end + 10;
      return;
    }
  }
}

/**
 * Lays the document out and returns the PDF bytes. pdfkit writes into its stream buffer synchronously, so
 * the bytes are read back at once: callers stay inside their database transaction.
 */
export function renderPdf(d: PdfDoc): Buffer {
  const f = fonts();
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN - 24, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: d.language,
    displayTitle: true,
    info: { Title: d.title, Author: d.letterhead.name, Creator: 'Deflect', Producer: 'Deflect' },
  });
  doc.registerFont('regular', f.regular as never);
  doc.registerFont('bold', f.bold as never);
  doc.registerFont('italic', f.italic as never);
  letterhead(doc, d.letterhead);
  for (const block of d.blocks) drawBlock(doc, block);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN + 10;
    doc.font('regular').fontSize(SIZE.small).fillColor(GREY);
    doc.text(d.footer.label, MARGIN, y, { width: width(doc) / 2, lineBreak: false });
    doc.text(d.footer.page(i - range.start + 1, range.count), MARGIN + width(doc) / 2, y, {
      width: width(doc) / 2,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  if (bytes.subarray(-8).toString('latin1').indexOf('%%EOF') < 0) throw new Error('PDF output incomplete');
  return bytes;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
