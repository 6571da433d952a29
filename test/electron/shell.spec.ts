/**
 * The Electron shell, driven in the real Electron binary: the window, the bridge, and the
 * refusals (Node, new windows, navigation, remote requests). Skipped where the Electron binary
 * is not installed (the renderer itself is tested in Chromium by test/e2e).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import type { DeflectBridge } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/policy';

const ROOT = resolve(__dirname, '../..');

/** What the page sees, for typing the functions that run inside it. */
interface PageGlobal {
  deflect: DeflectBridge;
  open(url: string): unknown;
  location: { href: string };
  fetch(url: string): Promise<{ headers: { get(name: string): string | null } }>;
}

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(join(ROOT, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.log('Electron binary not installed: skipped');
test.skip(!binary, 'Electron binary not installed: skipped');
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  // The first run may compile the SQLCipher driver for Electron (a few minutes on two cores).
  test.setTimeout(20 * 60_000);
  const native = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electron-native.mjs')], { cwd: ROOT, stdio: 'inherit' });
  expect(native.status, 'npm run electron:native failed (see above)').toBe(0);
  expect(existsSync(join(ROOT, 'out', 'main', 'index.js')), 'run `npm run build` first').toBe(true);

  dataDir = mkdtempSync(join(tmpdir(), 'deflect-electron-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RUN_AS_NODE' && e[0] !== 'ELECTRON_RENDERER_URL',
    ),
  );
  app = await _electron.launch({ args: [ROOT, '--data-dir', dataDir], cwd: ROOT, env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('opens the app from the app:// scheme, with the strict CSP', async () => {
  expect(page.url()).toMatch(/^app:\/\/deflect\//);
  const csp = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobal;
    return (await g.fetch(g.location.href)).headers.get('content-security-policy');
  });
  expect(csp).toBe(CONTENT_SECURITY_POLICY);
});

test('exposes exactly deflect.call and deflect.onLock, and no Node', async () => {
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobal & Record<string, unknown>;
    return {
      keys: Object.keys(g.deflect).sort(),
      call: typeof g.deflect.call,
      onLock: typeof g.deflect.onLock,
      require: typeof g.require,
      process: typeof g.process,
      module: typeof g.module,
      Buffer: typeof g.Buffer,
      ipcRenderer: typeof g.ipcRenderer,
    };
  });
  expect(seen).toEqual({
    keys: ['call', 'onLock'],
    call: 'function',
    onLock: 'function',
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
    ipcRenderer: 'undefined',
  });
});

test('answers calls through the bridge and refuses malformed ones', async () => {
  const [state, unknown, tooLong] = await page.evaluate(async () => {
    const d = (globalThis as unknown as PageGlobal).deflect;
    return [await d.call('system.state', {}), await d.call('no.such', {}), await d.call('x'.repeat(65), {})];
  });
  expect(state).toMatchObject({ ok: true, value: { setupDone: false } });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

test('refuses window.open', async () => {
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobal).open('https://example.com/'));
  expect(opened).toBeNull();
  expect(app.windows()).toHaveLength(1);
});

test('blocks navigation to another site and stays on the app', async () => {
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as unknown as { navigationBlocked: Promise<boolean> }).navigationBlocked = new Promise((done) => {
      contents.once('will-navigate', (event) => done(event.defaultPrevented));
    });
  });
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobal).location.href = 'https://example.com/';
  });
  const blocked = await app.evaluate(() => (globalThis as unknown as { navigationBlocked: Promise<boolean> }).navigationBlocked);
  expect(blocked).toBe(true);
  expect(page.url()).toMatch(/^app:\/\/deflect\//);
  expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobal).deflect.call)).toBe('function');
});

test('lets no request leave the app', async () => {
  const outcome = await page.evaluate(() =>
    (globalThis as unknown as PageGlobal).fetch('https://example.com/').then(
      () => 'loaded',
      () => 'blocked',
    ),
  );
  expect(outcome).toBe('blocked');
});
