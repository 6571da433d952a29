/**
 * Bar charts drawn as vectors into a PDF (the report summary): vertical bars for a series over time,
 * horizontal bars for categories. A bar whose figure is hidden (small-cell suppression) is not drawn; its
 * label says so. Values are written beside every bar, so the chart reads without a legend and in grey print.
 */

export interface ChartBar {
  label: string;
  /** null: hidden or not applicable — no bar. */
  value: number | null;
  /** What to write at the bar: the number, or "suppressed". */
  text: string;
}

export interface BarChart {
  kind: 'bars';
  /** A section heading drawn with the chart, so that it never stands alone at the foot of a page. */
  heading?: string;
  title: string;
  caption?: string;
  orientation: 'vertical' | 'horizontal';
  bars: ChartBar[];
}

type Doc = PDFKit.PDFDocument;

const BAR = '#2f5f8a';
const AXIS = '#9a9a9a';
const INK = '#1a1a1a';
const GREY = '#555555';

/** Nothing to draw: every bar hidden, or every figure zero. */
function emptyNote(c: BarChart): string | null {
  if (c.bars.every((b) => b.value === null)) return 'Every figure of this chart is suppressed (small numbers).';
  if (c.bars.every((b) => b.value === 0)) return 'None in this period.';
  if (c.bars.every((b) => !b.value)) return 'Every figure of this chart is zero or suppressed (small numbers).';
  return null;
}

/** Height the chart takes on the page: heading, title, bars and caption. */
export function chartHeight(c: BarChart): number {
  const body = emptyNote(c) ? 16 : c.orientation === 'horizontal' ? c.bars.length * 17 + 6 : 150;
  return (c.heading ? 34 : 0) + 22 + body + (c.caption ? 18 : 0) + 10;
}

/** Whole-number gridlines: a step of 1, 2 or 5 × 10^k giving at most four steps up to the largest value. */
function ticks(max: number): number[] {
  const target = Math.max(1, max) / 4;
  const p = 10 ** Math.floor(Math.log10(target));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((s) => s >= target) ?? 10 * p);
  const out = [0];
  while (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  return out;
}

function vertical(doc: Doc, c: BarChart, x: number, y: number, w: number): number {
  const h = 120;
  const labelH = 16;
  const left = x + 30;
  const plotW = w - 30;
  const grid = ticks(Math.max(0, ...c.bars.map((b) => b.value ?? 0)));
  const max = grid[grid.length - 1]!;
  doc.font('regular').fontSize(7).fillColor(GREY);
  for (const t of grid) {
    const ty = y + h - (t / max) * h;
    doc.text(t.toLocaleString('en-US'), x, ty - 4, { width: 26, align: 'right', lineBreak: false });
    doc
      .moveTo(left, ty)
      .lineTo(left + plotW, ty)
      .lineWidth(0.3)
      .strokeColor(t === 0 ? AXIS : '#dddddd')
      .stroke();
  }
  const slot = plotW / Math.max(1, c.bars.length);
  const barW = Math.min(36, slot * 0.62);
  c.bars.forEach((b, i) => {
    const cx = left + slot * i + slot / 2;
    if (b.value !== null && b.value > 0) {
      const bh = (b.value / max) * h;
      doc
        .rect(cx - barW / 2, y + h - bh, barW, bh)
        .fillColor(BAR)
        .fill();
    }
    const top = b.value !== null ? y + h - (b.value / max) * h : y + h;
    doc
      .font(b.value === null ? 'italic' : 'regular')
      .fontSize(7)
      .fillColor(b.value === null ? GREY : INK)
      .text(b.text, cx - slot / 2, top - 10, { width: slot, align: 'center', lineBreak: false });
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(GREY)
      .text(b.label, cx - slot / 2, y + h + 4, { width: slot, align: 'center', lineBreak: false });
  });
  return h + labelH;
}

function horizontal(doc: Doc, c: BarChart, x: number, y: number, w: number): number {
  const labelW = Math.min(190, w * 0.38);
  const plotW = w - labelW - 60;
  const max = Math.max(1, ...c.bars.map((b) => b.value ?? 0));
  c.bars.forEach((b, i) => {
    const by = y + i * 17;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK)
      .text(b.label, x, by + 3, { width: labelW - 8, align: 'right', lineBreak: false, ellipsis: true });
    const bw = b.value !== null ? (b.value / max) * plotW : 0;
    if (bw > 0)
      doc
        .rect(x + labelW, by + 2, bw, 11)
        .fillColor(BAR)
        .fill();
    doc
      .font(b.value === null ? 'italic' : 'regular')
      .fontSize(8)
      .fillColor(b.value === null ? GREY : INK)
      .text(b.text, x + labelW + bw + 4, by + 3, { width: 80, lineBreak: false });
  });
  doc
    .moveTo(x + labelW, y)
    .lineTo(x + labelW, y + c.bars.length * 17)
    .lineWidth(0.5)
    .strokeColor(AXIS)
    .stroke();
  return c.bars.length * 17 + 6;
}

/** Draws the chart at (x, y), `w` wide; returns the height used. */
export function drawChart(doc: Doc, c: BarChart, x: number, y: number, w: number): number {
  let cy = y;
  if (c.heading) {
    doc
      .font('bold')
      .fontSize(12.5)
      .fillColor(INK)
      .text(c.heading, x, cy + 4, { width: w });
    cy = doc.y + 10;
  }
  doc.font('bold').fontSize(10).fillColor(INK).text(c.title, x, cy, { width: w });
  cy = doc.y + 6;
  const note = emptyNote(c);
  if (note) {
    doc.font('italic').fontSize(8.5).fillColor(GREY).text(note, x, cy, { width: w });
    cy = doc.y + 4;
  } else cy += c.orientation === 'vertical' ? vertical(doc, c, x, cy, w) : horizontal(doc, c, x, cy, w);
  if (c.caption) {
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(c.caption, x, cy + 2, { width: w });
    cy = doc.y;
  }
  doc.fillColor(INK);
  return cy + 10 - y;
}
