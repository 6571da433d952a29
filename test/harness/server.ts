import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { type Backend, createBackend, type Router } from '../../electron/backend';
import type { DataDirSource } from '../../electron/backend/system/dataFolder';
import type { KdfCost } from '../../electron/backend/vault/crypto';

/**
 * Serves the built renderer (out/renderer) and the real backend over HTTP on 127.0.0.1, so
 * Playwright can drive the real window code in Chromium without Electron. The bridge script
 * gives the page a `window.deflect` of the same shape as the preload's.
 */
export interface HarnessOptions {
  dataDir: string;
  /** As the app passes them: where the folder came from, and the list of folders that held a store. */
  dataDirSource?: DataDirSource;
  knownFoldersFile?: string;
  kdfCost?: KdfCost;
  /** The backend's clock (tests that need a chosen moment); the real one by default. */
  now?: () => number;
  /** Defaults to the repository's out/renderer. */
  rendererDir?: string;
  port?: number;
}

export interface Harness {
  url: string;
  /** Sent as `x-deflect-harness` (or `?token=` for the event stream) on every harness request. */
  token: string;
  backend: Backend;
  router: Router;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
const BRIDGE_TAG = '<script src="/__harness/bridge.js"></script>';

function bridgeScript(token: string): string {
  return `(() => {
  'use strict';
  const TOKEN = ${JSON.stringify(token)};
  const listeners = new Set();
  let source = null;
  function ensureEvents() {
    if (source) return;
    source = new EventSource('/__harness/events?token=' + encodeURIComponent(TOKEN));
    source.addEventListener('lock', (event) => {
      for (const listener of listeners) listener(String(event.data));
    });
  }
  const bridge = {
    async call(name, input) {
      const response = await fetch('/__harness/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-deflect-harness': TOKEN },
        body: JSON.stringify({ name, input }),
      });
      if (!response.ok) throw new Error('harness call failed: ' + response.status);
      return response.json();
    },
    onLock(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(window, 'deflect', { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  send(res, 404, 'Not found');
}

function tokenMatches(expected: Buffer, given: string | string[] | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const buf = Buffer.from(given, 'utf8');
  return buf.length === expected.length && timingSafeEqual(buf, expected);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolveBody(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A file inside `root`, or null: no `..`, no absolute paths, no directories, no symlinked escapes by name. */
function staticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(root, relative);
  if (!full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { backend, router } = createBackend({
    dataDir: options.dataDir,
    scheduleBackups: true,
    ...(options.dataDirSource ? { dataDirSource: options.dataDirSource } : {}),
    ...(options.knownFoldersFile ? { knownFoldersFile: options.knownFoldersFile } : {}),
    ...(options.kdfCost ? { kdfCost: options.kdfCost } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const root = resolve(options.rendererDir ?? join(__dirname, '../../out/renderer'));
  const indexPath = join(root, 'index.html');
  let indexHtml: string;
  try {
    indexHtml = readFileSync(indexPath, 'utf8');
  } catch {
    throw new Error(`No renderer build at ${root}: run \`npm run build:renderer\` first.`);
  }
  const firstScript = indexHtml.indexOf('<script');
  if (firstScript < 0) throw new Error(`${indexPath} has no script tag`);
  // The bridge runs first (a classic script; the app's module script is deferred). No inline script: the CSP forbids it.
  const servedIndex = indexHtml.slice(0, firstScript) + BRIDGE_TAG + '\n    ' + indexHtml.slice(firstScript);

  const token = randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token, 'utf8');
  const streams = new Set<ServerResponse>();
  const offLock = backend.onLock((reason) => {
    for (const res of streams) res.write(`event: lock\ndata: ${reason}\n\n`);
  });

  let origin = '';
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Harness error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    // A page from another origin must not drive the backend even if it learnt the token.
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(res, 403, 'Forbidden');

    if (url.pathname.startsWith('/__harness/')) {
      if (url.pathname === '/__harness/bridge.js' && method === 'GET')
        return send(res, 200, bridgeScript(token), CONTENT_TYPES['.js']);
      if (url.pathname === '/__harness/call' && method === 'POST') {
        if (!tokenMatches(tokenBuf, req.headers['x-deflect-harness'])) return notFound(res);
        const body = await readBody(req);
        if (body === null) return send(res, 413, 'Too large');
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return send(res, 400, 'Bad JSON');
        }
        const { name, input } = (parsed ?? {}) as { name?: unknown; input?: unknown };
        if (typeof name !== 'string') return send(res, 400, 'Missing name');
        const result = await router.call(name, input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (url.pathname === '/__harness/os-lock' && method === 'POST') {
        if (!tokenMatches(tokenBuf, req.headers['x-deflect-harness'])) return notFound(res);
        backend.lock('os');
        return send(res, 200, '{}', 'application/json');
      }
      if (url.pathname === '/__harness/events' && method === 'GET') {
        if (!tokenMatches(tokenBuf, url.searchParams.get('token'))) return notFound(res);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      return notFound(res);
    }

    if (method !== 'GET' && method !== 'HEAD') return notFound(res);
    const file = staticFile(root, url.pathname);
    if (!file) return notFound(res);
    if (file === indexPath) return send(res, 200, servedIndex, CONTENT_TYPES['.html']);
    return send(res, 200, readFileSync(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    token,
    backend,
    router,
    close: async () => {
      offLock();
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      backend.shutdown();
    },
  };
}
