import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { type App, startApp } from './helpers';

/** The test harness stands in for the preload: it must be as narrow as the preload is. */
let app: App;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.close();
});

/** A raw request, so that paths such as `/../x` reach the server exactly as written. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(app.harness.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const call = JSON.stringify({ name: 'system.state', input: {} });

test('serves the app with the bridge script first and no inline script', async () => {
  const index = await raw('GET', '/');
  expect(index.status).toBe(200);
  expect(index.body).toContain("script-src 'self'");
  const bridge = index.body.indexOf('<script src="/__harness/bridge.js"></script>');
  const appScript = index.body.indexOf('<script type="module"');
  expect(bridge).toBeGreaterThan(0);
  expect(bridge).toBeLessThan(appScript);
  expect(index.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('a call needs the per-run token and POST', async () => {
  const good = await raw('POST', '/__harness/call', { ...json, 'x-deflect-harness': app.harness.token }, call);
  expect(good.status).toBe(200);
  expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { setupDone: false } });

  expect((await raw('POST', '/__harness/call', json, call)).status).toBe(404);
  expect((await raw('POST', '/__harness/call', { ...json, 'x-deflect-harness': `${app.harness.token}x` }, call)).status).toBe(
    404,
  );
  expect((await raw('GET', `/__harness/call?token=${app.harness.token}`)).status).toBe(404);
  expect((await raw('PUT', '/__harness/call', { ...json, 'x-deflect-harness': app.harness.token }, call)).status).toBe(404);
});

test('a page from another origin is refused even with the token', async () => {
  const foreign = await raw(
    'POST',
    '/__harness/call',
    { ...json, 'x-deflect-harness': app.harness.token, origin: 'http://evil.example' },
    call,
  );
  expect(foreign.status).toBe(403);
});

test('the OS-lock hook and the event stream need the token too', async () => {
  expect((await raw('POST', '/__harness/os-lock')).status).toBe(404);
  expect((await raw('GET', '/__harness/events')).status).toBe(404);
  expect((await raw('GET', '/__harness/events?token=wrong')).status).toBe(404);
  expect((await raw('POST', '/__harness/os-lock', { 'x-deflect-harness': app.harness.token })).status).toBe(200);
});

test('nothing outside the renderer build can be read', async () => {
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '//etc/passwd',
    '/assets',
    '/nothing-here.js',
    '/index.html%00.js',
    '/__harness/',
    '/__harness/unknown',
  ]) {
    const res = await raw('GET', path);
    expect(res.status, path).toBe(404);
    expect(res.body, path).not.toContain('"name": "deflect"');
  }
  expect((await raw('POST', '/')).status).toBe(404);
});
