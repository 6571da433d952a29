import Mustache from 'mustache';
import type { LetterBlock } from '../../../shared/contract/letters';
import type { LetterKind } from '../../../shared/domain/letters';
import { templateProblems, templateProblemsMessage } from '../../../shared/domain/letterTemplate';
import { AppError } from '../errors';

/**
 * Letter templates: logic-less Mustache. Only the named placeholders of the template's kind may appear;
 * `{{#name}}…{{/name}}` prints its content when the value is not empty (or once per item of a list);
 * partials and custom delimiters are refused. Rendering never escapes HTML: the output is text for a PDF.
 */

/** Refuses a template with problems, naming the field. */
export function requireValidTemplate(kind: LetterKind, body: string, field = 'body'): void {
  const message = templateProblemsMessage(templateProblems(kind, body));
  if (message) throw new AppError('invalid_input', message, field);
}

/** Fills the template; values are plain text, never HTML-escaped. */
export function fillTemplate(body: string, view: object): string {
  return Mustache.render(body, view, {}, { escape: (v: unknown) => String(v) });
}

/**
 * Text → blocks: blank lines separate paragraphs, `# ` starts a heading, `- ` (or `• `) a list item; other
 * line breaks are kept (addresses, signatures). Runs of blank lines collapse.
 */
export function toBlocks(text: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join('\n') });
    if (list.length) blocks.push({ kind: 'list', items: list });
    para = [];
    list = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/u, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = /^#{1,3}\s+(.*)$/u.exec(line);
    if (heading) {
      flush();
      if (heading[1]!.trim()) blocks.push({ kind: 'heading', text: heading[1]!.trim() });
      continue;
    }
    const item = /^\s*[-•*]\s+(.*)$/u.exec(line);
    if (item) {
      if (para.length) {
        blocks.push({ kind: 'paragraph', text: para.join('\n') });
        para = [];
      }
      list.push(item[1]!.trim());
      continue;
    }
    if (list.length) {
      blocks.push({ kind: 'list', items: list });
      list = [];
    }
    para.push(line.trim());
  }
  flush();
  return blocks;
}
