/**
 * The renderer, measured in Chromium with Playwright against the harness (the real renderer build and the
 * real backend over HTTP, on the large encrypted store):
 * - first screen: from navigation to the login form ready for typing (fresh browser context: nothing cached);
 * - scrolling the audit log to 10,000 entries: frame times while scrolling, and the table rows in the DOM,
 *   which must stay bounded (the list is virtualised).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config';
import { type Harness, startHarness } from '../../test/harness/server';
import { storeCheckOf } from '../../electron/backend/maintenance/storeCheck';
import { type Result, stats } from './measure';
import { ACCOUNTS, CACHE_DIR, PASSWORD } from './store';

const VIEWPORT = { width: 1280, height: 800 };

function chromiumPath(): string | undefined {
  if (process.env.DEFLECT_CHROMIUM) return process.env.DEFLECT_CHROMIUM;
  return process.platform === 'linux' ? '/usr/bin/chromium' : undefined;
}

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'silent',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'America/Chicago' });
  return context.newPage();
}

/** Milliseconds from navigation start to the username field shown and enabled (read in the page, per frame). */
async function firstScreen(browser: Browser, url: string): Promise<number> {
  const page = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    // Enabled and laid out: typing would land in it.
    const username = page.locator('input[autocomplete="username"]:not([disabled])');
    await username.waitFor({ state: 'visible', timeout: 30_000 });
    const handle = await page.evaluateHandle(() => performance.now());
    return (await handle.jsonValue()) as number;
  } finally {
    await page.context().close();
  }
}

export async function rendererWorkloads(
  dataDir: string,
  progress: (m: string) => void,
  wanted: (id: string) => boolean,
): Promise<Result[]> {
  const outDir = join(CACHE_DIR, `renderer-${process.pid}`);
  const results: Result[] = [];
  let harness: Harness | null = null;
  let browser: Browser | null = null;
  try {
    progress('building the renderer…');
    await buildRenderer(outDir);
    harness = await startHarness({ dataDir, rendererDir: outDir });
    const path = chromiumPath();
    browser = await chromium.launch({
      headless: true,
      ...(path ? { executablePath: path } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    if (wanted('renderer_first_screen')) {
      progress('renderer: first screen…');
      const samples: number[] = [];
      for (let i = 0; i < 12; i++) {
        const ms = await firstScreen(browser, harness.url);
        if (i >= 2) samples.push(ms);
      }
      results.push({
        id: 'renderer_first_screen',
        label: 'renderer: navigation to first screen interactive',
        budgetMs: 1000,
        encrypted: stats(samples),
        plain: null,
        ratio: null,
      });
    }
    if (wanted('renderer_scroll')) {
      progress('renderer: scrolling 10,000 audit entries…');
      results.push(await scrollAudit(browser, harness));
    }
  } finally {
    await browser?.close();
    await harness?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return results;
}

/** The few DOM types the in-page scroll needs (the Node type-check has no DOM library). */
interface Row {
  getAttribute(name: string): string | null;
}
interface ScrollBox {
  scrollTop: number;
  clientHeight: number;
  querySelectorAll(selector: string): ArrayLike<Row>;
}
interface PageGlobals {
  document: { querySelector(selector: string): ScrollBox | null };
  requestAnimationFrame(callback: () => void): number;
}

/** Runs in the page: scrolls the audit list a screenful per frame until entry `target` is on screen. */
async function scrollInPage(target: number) {
  const g = globalThis as unknown as PageGlobals;
  const box = g.document.querySelector('[data-testid="audit-scroll"]')!;
  const frames: number[] = [];
  let maxRows = 0;
  let reached = 0;
  let last = performance.now();
  const started = last;
  while (reached < target + 1 && performance.now() - started < 180_000) {
    await new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    box.scrollTop += box.clientHeight;
    const rows = box.querySelectorAll('tbody tr[aria-rowindex]');
    maxRows = Math.max(maxRows, rows.length);
    for (let i = 0; i < rows.length; i++) reached = Math.max(reached, Number(rows[i]!.getAttribute('aria-rowindex')) || 0);
  }
  // aria-rowindex counts the header row.
  return { frames, maxRows, reached: reached - 1, seconds: (performance.now() - started) / 1000 };
}

async function scrollAudit(browser: Browser, harness: Harness): Promise<Result> {
  const page = await newPage(browser);
  try {
    await page.goto(harness.url);
    await page.getByLabel('Username').fill(ACCOUNTS.admin.username);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 60_000 });
    // The page check the unlock started (a worker) is not part of scrolling.
    await storeCheckOf(harness.backend).settled();
    await page.goto(`${harness.url}#/audit`);
    await page.getByTestId('audit-scroll').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="audit-scroll"] tbody tr[aria-rowindex]').first().waitFor({ timeout: 60_000 });
    const target = 10_000;
    const run = await page.evaluate(scrollInPage, target);
    const bounded = run.maxRows <= 100;
    return {
      id: 'renderer_scroll',
      label: `renderer: scroll the audit log to entry ${target.toLocaleString('en-US')} (frame time)`,
      budgetMs: null,
      encrypted: stats(run.frames),
      plain: null,
      ratio: null,
      extra: { entriesReached: run.reached, maxRowsInDom: run.maxRows, scrollSeconds: Math.round(run.seconds * 10) / 10 },
      ...(run.reached < target
        ? { failure: `reached entry ${run.reached} only` }
        : bounded
          ? {}
          : { failure: `${run.maxRows} rows in the DOM` }),
    };
  } finally {
    await page.context().close();
  }
}
