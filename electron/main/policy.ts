/**
 * The shell's security decisions as pure functions: which URLs belong to the app, which files the
 * app protocol may serve, the Content-Security-Policy, the command line. Nothing here imports
 * electron, so every rule is tested directly in Vitest (test/backend/shell-policy.test.ts).
 */
import { createHash } from 'node:crypto';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Result } from '../../shared/contract';

export { INVALID_PROCEDURE_NAME, isProcedureNameShape, MAX_PROCEDURE_NAME_LENGTH } from '../preload/channels';

/** The privileged scheme the built renderer is served from: `app://deflect/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'deflect';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every file the app protocol serves: only the app's own code runs, nothing is framed or posted. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app itself: the app scheme and host, or (in `electron-vite dev`) the
 * renderer dev server's origin. URLs are parsed, never prefix-matched, so
 * `app://deflect.evil/` or `http://localhost:5173.evil/` do not pass.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const u = parse(url);
  if (!u) return false;
  // WHATWG gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST && u.username === '' && u.password === '';
  if (!devServerUrl) return false;
  const dev = parse(devServerUrl);
  return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && u.origin === dev.origin;
}

/**
 * Whether the window's session may fetch `url` at all. Only the app, and in development the dev
 * server (including its hot-reload websocket). Everything else (any remote host, `file://`) is refused.
 */
export function isAllowedRequest(url: string, devServerUrl?: string): boolean {
  if (isAppUrl(url, devServerUrl)) return true;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (!devServerUrl || (u.protocol !== 'ws:' && u.protocol !== 'wss:')) return false;
  const dev = parse(devServerUrl);
  return dev !== null && u.host === dev.host && u.hostname === dev.hostname;
}

/**
 * The only permission the window gets: writing text to the clipboard (the recovery key's Copy
 * button), asked by the app itself. Reading the clipboard, camera, microphone, location,
 * notifications, full screen, external links and the rest are all refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, devServerUrl);
}

/**
 * A download the window may start: only a file the app made itself (a `blob:` URL of the app's
 * origin, such as the recovery-key text file), and then only through the save dialog. Nothing
 * is ever fetched from elsewhere and written to disk.
 */
export function isAppDownload(url: string, devServerUrl?: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length), devServerUrl);
}

/**
 * The renderer dev server URL that `electron-vite dev` passes in `ELECTRON_RENDERER_URL`. Honoured
 * only in an unpackaged app and only on a loopback http(s) address: a packaged app never loads
 * a page named by its environment.
 */
export function devServerUrlFrom(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || raw === undefined || raw === '') return undefined;
  const u = parse(raw);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  if (u.hostname !== 'localhost' && u.hostname !== '127.0.0.1' && u.hostname !== '[::1]') return undefined;
  return u.href;
}

/** What main knows about the frame that sent an IPC call. */
export interface SenderFacts {
  /** The call came from the main window's web contents. */
  fromMainWindow: boolean;
  /** The sending frame is that window's top frame (not an iframe, not gone). */
  isTopFrame: boolean;
  /** The sending frame's current URL ('' when unknown). */
  url: string;
}

export function isTrustedSender(facts: SenderFacts, devServerUrl?: string): boolean {
  return facts.fromMainWindow && facts.isTopFrame && isAppUrl(facts.url, devServerUrl);
}

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window is not allowed to use Deflect.' },
};

/**
 * Maps an app-protocol request to a file inside `root` (the built renderer), or null for anything
 * that is not a plain file path under the root: another host, a path that climbs out with `..`
 * (raw or percent-encoded), a NUL byte, an absolute or drive path smuggled in after decoding.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const relativePath = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  if (relativePath === '' || isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return null;
  const base = resolve(root);
  const full = resolve(join(base, relativePath));
  return isInside(base, full) ? full : null;
}

/** True when `candidate` is `root` itself or below it. Both must be absolute and normalised. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every file the app protocol serves. */
export function responseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(path),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

import type { DataDirSource } from '../backend/system/dataFolder';

export type { DataDirSource };

/**
 * The list of data folders that held a store on this computer (electron/backend/system/dataFolder.ts), kept in
 * the app's default folder: a folder named with `--data-dir` that is found empty or gone later is then
 * reported as a missing store, never offered a new one.
 */
export const KNOWN_FOLDERS_FILE = 'deflect-data-folders.json';

export class CommandLineError extends Error {
  override name = 'CommandLineError';
}

/**
 * The data folder: `--data-dir DIR` (or `--data-dir=DIR`) on the command line, else the
 * `DEFLECT_DATA_DIR` environment variable, else the default (Electron's userData folder).
 * Relative paths are resolved against `cwd`.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDir: string,
  cwd: string,
): { dataDir: string; source: DataDirSource } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--data-dir') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new CommandLineError('--data-dir needs a folder, for example: --data-dir /path/to/deflect-data');
    } else if (arg.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
    } else {
      continue;
    }
    if (value.trim() === '')
      throw new CommandLineError('--data-dir needs a folder, for example: --data-dir /path/to/deflect-data');
    return { dataDir: resolve(cwd, value), source: 'argument' };
  }
  const fromEnv = env.DEFLECT_DATA_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { dataDir: resolve(cwd, fromEnv), source: 'environment' };
  return { dataDir: defaultDir, source: 'default' };
}

/**
 * Chromium's own profile folder for a data folder other than the default. Each data folder gets
 * its own profile, so the single-instance lock is per data folder: a second start on the same
 * data folder focuses the running window, while a demo folder can run beside the real one.
 */
export function profileDirFor(defaultUserData: string, dataDir: string): string {
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(defaultUserData, 'profiles', digest);
}

/** The OS has seen no input for at least the workstation's idle-lock setting. */
export function shouldIdleLock(systemIdleSeconds: number, idleLockMinutes: number): boolean {
  return idleLockMinutes > 0 && systemIdleSeconds >= idleLockMinutes * 60;
}
