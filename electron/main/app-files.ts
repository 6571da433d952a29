/**
 * Answers one request on the app protocol from the built renderer folder. Plain Node (no
 * electron import), so the serving rules are tested against real files in Vitest.
 */
import { readFile, realpath } from 'node:fs/promises';
import { logError } from '../backend/log';
import { isInside, resolveAppFile, responseHeaders } from './policy';

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });
}

/**
 * Only GET or HEAD of a file inside `root` (symlinks resolved, so a link cannot lead out)
 * succeeds, with the strict CSP attached; anything else is 404 or 405.
 */
export async function appFileResponse(root: string, method: string, url: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  const path = resolveAppFile(root, url);
  if (!path) return plain(404, 'Not found');
  try {
    const [base, real] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(base, real)) return plain(404, 'Not found');
    const body = await readFile(real);
    return new Response(method === 'HEAD' ? null : body, { status: 200, headers: responseHeaders(real) });
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
    logError('app protocol', err);
    return plain(500, 'Could not read the application files');
  }
}
