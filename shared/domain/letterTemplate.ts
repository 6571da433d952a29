import Mustache from 'mustache';
import { LETTER_LIMITS, type LetterKind, PLACEHOLDERS } from './letters';

/**
 * The rules a letter template's text must follow (logic-less Mustache; only the named placeholders of
 * its kind): checked by the backend before a template is saved, and by the editor before it is sent, so
 * that every problem of the form (name and text) is shown on the first save.
 */

type Token = [string, string, number, number, Token[]?, number?];

function describe(position: number, body: string): string {
  const before = body.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}`;
}

/** Every problem with a template's text, or an empty list. */
export function templateProblems(kind: LetterKind, body: string): string[] {
  const bytes = new TextEncoder().encode(body).length;
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

/** The one message for a template's problems, as the editor and the backend's refusal write it. */
export function templateProblemsMessage(problems: readonly string[]): string | null {
  if (!problems.length) return null;
  return problems.length === 1
    ? `Template: ${problems[0]}`
    : `Template: ${problems.length} problems. ${problems.slice(0, 5).join(' ')}`;
}
