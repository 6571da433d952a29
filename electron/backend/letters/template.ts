import Mustache from 'mustache';
import type { LetterBlock } from '../../../shared/contract/letters';
import { LETTER_LIMITS, type LetterKind, PLACEHOLDERS } from '../../../shared/domain/letters';
import { AppError } from '../errors';

/**
 * Letter templates: logic-less Mustache. Only the named placeholders of the template's kind may appear;
 * `{{#name}}…{{/name}}` prints its content when the value is not empty (or once per item of a list);
 * partials and custom delimiters are refused. Rendering never escapes HTML: the output is text for a PDF.
 */

type Token = [string, string, number, number, Token[]?, number?];

function describe(position: number, body: string): string {
  const before = body.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}`;
}

/** Every problem with a template's text, or an empty list. */
export function templateProblems(kind: LetterKind, body: string): string[] {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > LETTER_LIMITS.templateBytes) {
    return [
      `The template is ${(bytes / 1000).toFixed(0)} kB; a template may be at most ${LETTER_LIMITS.templateBytes / 1000} kB.`,
    ];
  }
  if (!body.trim()) return ['The template is empty: write the letter’s text.'];
  let tokens: Token[];
  try {
    tokens = Mustache.parse(body) as Token[];
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [`The template’s {{ }} tags do not match: ${message.replace(/\s+/g, ' ')}.`];
  }
  const known = new Map(PLACEHOLDERS[kind].map((p) => [p.name, p.kind]));
  const problems: string[] = [];
  const unknown = new Set<string>();
  const walk = (list: Token[], insideList: boolean) => {
    for (const t of list) {
      const [type, name, start] = t;
      if (type === 'text' || type === '!') continue;
      if (type === '>' || type === '<') {
        problems.push(`Partials ({{> ${name}}}) are not supported (${describe(start, body)}).`);
        continue;
      }
      if (type === '=') continue;
      if (name === '.') {
        if (!insideList) problems.push(`{{.}} only works inside a list such as {{#needs}} (${describe(start, body)}).`);
        continue;
      }
      if (!known.has(name)) {
        if (!unknown.has(name)) problems.push(`Unknown placeholder {{${name}}} (${describe(start, body)}).`);
        unknown.add(name);
        continue;
      }
      if ((type === 'name' || type === '&') && known.get(name) === 'list') {
        problems.push(`{{${name}}} is a list: use {{#${name}}}- {{.}}{{/${name}}} (${describe(start, body)}).`);
      }
      if ((type === '#' || type === '^') && t[4]) walk(t[4], insideList || known.get(name) === 'list');
    }
  };
  walk(tokens, false);
  return problems;
}

/** Refuses a template with problems, naming the field. */
export function requireValidTemplate(kind: LetterKind, body: string, field = 'body'): void {
  const problems = templateProblems(kind, body);
  if (problems.length) {
    throw new AppError(
      'invalid_input',
      problems.length === 1
        ? `Template: ${problems[0]}`
        : `Template: ${problems.length} problems. ${problems.slice(0, 5).join(' ')}`,
      field,
    );
  }
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
