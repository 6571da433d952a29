import { readFile, realpath } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { logError } from '../backend/log';
import { APP_SCHEME, isInside, resolveAppFile, responseHeaders } from './policy';

/**
 * Must run before `app` is ready: `app://` behaves like https (standard URL rules, secure
 * context, fetch) without bypassing the Content-Security-Policy.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });
}

/**
 * Serves the built renderer from `root` on `app://deflect/…` for this session only. Only GET of
 * a file inside `root` (symlinks resolved) succeeds; everything else is 404 or 405. No file:// anywhere.
 */
export function serveApp(session: Session, root: string): void {
  let realRoot: Promise<string> | null = null;
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const path = resolveAppFile(root, request.url);
    if (!path) return plain(404, 'Not found');
    try {
      realRoot ??= realpath(root);
      const [base, real] = await Promise.all([realRoot, realpath(path)]);
      if (!isInside(base, real)) return plain(404, 'Not found');
      const body = await readFile(real);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: responseHeaders(real) });
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      logError('app protocol', err);
      return plain(500, 'Could not read the application files');
    }
  });
}
