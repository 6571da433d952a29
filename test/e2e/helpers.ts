import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import type { DeflectBridge } from '../../shared/contract';
import { type Harness, startHarness } from '../harness/server';

/** Synthetic test data only. */
export const DEPARTMENT = {
  name: 'Testville Police Department',
  street: '100 Example Plaza',
  city: 'Testville',
  state: 'IL',
  zip: '60000',
  phone: '555-0100',
};
export const ADMIN = { username: 'admin', displayName: 'Admin Example', password: 'orange-kettle-harbour-42' };
export const OFFICER = { username: 'ofc.sample', displayName: 'Officer Sample', password: 'lantern-meadow-copper-77' };

export interface App {
  harness: Harness;
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh data folder and a harness on it, with the real (default) KDF cost; `now` sets the backend's clock. */
export async function startApp(options: { now?: () => number } = {}): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-e2e-'));
  const harness = await startHarness({ dataDir, ...options });
  return {
    harness,
    dataDir,
    close: async () => {
      await harness.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A page in its own context (axe needs one), sized and localised like a station workstation: its clock in
 * the department's zone unless `timezoneId` says otherwise (a laptop left on another zone).
 */
export async function newPage(browser: Browser, { timezoneId = 'America/Chicago' }: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId,
    acceptDownloads: true,
  });
  return context.newPage();
}

const SCREENSHOTS = join(__dirname, '../../test-results/screenshots');

/** A screenshot for people to look at: the whole page, or (`view`) only what is on screen, as after a refused save. */
export async function snap(page: Page, name: string, { view = false }: { view?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: !view });
}

/**
 * Waits for running CSS transitions and animations (Mantine's fades) to finish, so that screenshots and
 * contrast checks see the settled screen rather than a half-faded one.
 */
export async function settle(page: Page): Promise<void> {
  type Anim = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
  type Doc = { getAnimations(): Anim[] };
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: Doc }).document
        .getAnimations()
        // Spinners loop forever; only finite transitions are waited for.
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 5_000 },
  );
}

/** Fails on serious or critical axe violations on what is on screen now (or only within `include`, CSS selectors). */
export async function checkA11y(page: Page, screen: string, include: string[] = []): Promise<void> {
  await settle(page);
  const builder = new AxeBuilder({ page });
  for (const selector of include) builder.include(selector);
  const results = await builder.analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 200)}`).join(', ')}`,
    );
  expect(bad, `accessibility problems on the ${screen} screen`).toEqual([]);
}

/** Calls the backend from the page, exactly as the renderer does. */
export function callFromPage(page: Page, name: string, input: unknown) {
  return page.evaluate(([n, i]) => (globalThis as unknown as { deflect: DeflectBridge }).deflect.call(n as string, i), [
    name,
    input,
  ] as const);
}

/** Waits for anything that runs the key derivation (login, unlock, setup, password changes) on a busy machine. */
export const KDF_WAIT = { timeout: 30_000 };

/** Fills and submits the login form (on the login screen, or `within` the lock screen). */
export async function login(within: Page | Locator, username: string, password: string, button = 'Log in'): Promise<void> {
  await within.getByLabel('Username').fill(username);
  await within.getByLabel('Password', { exact: true }).fill(password);
  await within.getByRole('button', { name: button, exact: true }).click();
}

export async function osLock(app: App): Promise<void> {
  const response = await fetch(new URL('/__harness/os-lock', app.harness.url), {
    method: 'POST',
    headers: { 'x-deflect-harness': app.harness.token },
  });
  expect(response.status).toBe(200);
}
