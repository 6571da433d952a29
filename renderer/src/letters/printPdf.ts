/**
 * Printing a stored PDF itself (a letter, whose SHA-256 is recorded), not the on-screen letter: its pages are
 * drawn by PDF.js into images in a print-only holder, and the window prints those. PDF.js is loaded only when
 * someone prints. The bytes are checked against the recorded SHA-256 first: what goes on paper is the stored file.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { bytesOf } from '../ui/files';

/** Dots per inch the pages are drawn at: sharp on paper, still quick for a two-page letter. */
const PRINT_DPI = 200;

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class PrintError extends Error {
  override name = 'PrintError';
}

/** Draws every page of the PDF, then opens the print dialog with only those pages on paper. */
export async function printStoredPdf(file: { contentBase64: string; sha256: string }): Promise<void> {
  // What an earlier print left behind (a print dialog that never said it closed) goes first.
  for (const old of document.querySelectorAll('.pdf-print, style[data-pdf-print]')) old.remove();
  document.body.classList.remove('printing-pdf');
  const bytes = bytesOf(file.contentBase64);
  if ((await sha256Hex(bytes)) !== file.sha256.toLowerCase())
    throw new PrintError('The stored PDF does not match its recorded SHA-256, so it was not printed. Ask an administrator.');
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // No eval (the window's Content-Security-Policy forbids it); the copy keeps `bytes` for the check above.
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  const holder = document.createElement('div');
  holder.className = 'pdf-print';
  holder.dataset.sha256 = file.sha256;
  holder.setAttribute('aria-hidden', 'true');
  let pageSize = '';
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const points = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PRINT_DPI / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const img = document.createElement('img');
      img.alt = '';
      img.src = canvas.toDataURL('image/png');
      img.style.width = `${points.width / 72}in`;
      img.style.height = `${points.height / 72}in`;
      await img.decode();
      holder.append(img);
      pageSize ||= `${points.width / 72}in ${points.height / 72}in`;
    }
  } finally {
    await doc.destroy();
  }
  // The PDF's own margins are in its pages: the paper gets none of its own.
  const pageStyle = document.createElement('style');
  pageStyle.dataset.pdfPrint = '';
  pageStyle.textContent = `@page { size: ${pageSize}; margin: 0; }`;
  document.head.append(pageStyle);
  document.body.append(holder);
  document.body.classList.add('printing-pdf');
  const cleanUp = () => {
    document.body.classList.remove('printing-pdf');
    holder.remove();
    pageStyle.remove();
  };
  window.addEventListener('afterprint', cleanUp, { once: true });
  window.print();
}
