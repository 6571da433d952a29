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

/** Height the chart takes on the page, title and caption included. */
export function chartHeight(c: BarChart): number {
  const body = c.orientation === 'horizontal' ? c.bars.length * 17 + 6 : 150;
  return 22 + body + (c.caption ? 18 : 0) + 10;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function vertical(doc: Doc, c: BarChart, x: number, y: number, w: number): number {
  const h = 120;
  const labelH = 16;
  const left = x + 30;
  const plotW = w - 30;
  const max = niceMax(Math.max(0, ...c.bars.map((b) => b.value ?? 0)));
  doc.font('regular').fontSize(7).fillColor(GREY);
  for (const t of [0, 0.5, 1]) {
    const ty = y + h - t * h;
    doc.text(String(Math.round(max * t)), x, ty - 4, { width: 26, align: 'right', lineBreak: false });
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
  const max = niceMax(Math.max(0, ...c.bars.map((b) => b.value ?? 0)));
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
  doc.font('bold').fontSize(10).fillColor(INK).text(c.title, x, y, { width: w });
  let cy = y + 20;
  cy += c.orientation === 'vertical' ? vertical(doc, c, x, cy, w) : horizontal(doc, c, x, cy, w);
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
