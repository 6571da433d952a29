import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type Harness, startHarness } from '../harness/server';
import { ADMIN, checkA11y, DEPARTMENT, newPage, snap } from './helpers';

/**
 * The app started on a data folder it cannot reach (a USB drive that is not plugged in, named with
 * --data-dir), or on one whose store is gone: it says which folder and what to do, and offers no new store.
 * A folder named at start that holds nothing gets one only after the user ticks that it is a new installation.
 */
test.describe.configure({ mode: 'serial' });

const scratch = join(tmpdir(), `deflect-e2e-folder-${process.pid}`);
const drive = join(scratch, 'usb-drive');
const dataDir = join(drive, 'deflect-data');
const CHEAP_KDF = { N: 2 ** 12, r: 8, p: 1 };

let harness: Harness | null = null;
let page: Page;

test.beforeAll(async ({ browser }) => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await harness?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('a data folder on a drive that is not plugged in: named, "Try again", no setup, nothing written', async () => {
  harness = await startHarness({ dataDir, dataDirSource: 'argument', kdfCost: CHEAP_KDF });
  await page.goto(harness.url);
  await expect(heading('Deflect cannot reach its data folder')).toBeVisible();
  await expect(page.getByTestId('data-folder-path')).toHaveText(dataDir);
  await expect(page.getByRole('alert')).toContainText('plug the drive in');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Restore from a backup' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Set up/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Set up Deflect' })).toHaveCount(0);
  await checkA11y(page, 'data folder unreachable');
  await snap(page, 'data-folder-unreachable');

  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('Still not there')).toBeVisible();
  await expect(heading('Deflect cannot reach its data folder')).toBeVisible();
  // Restore is the existing path, and Back returns here.
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(heading('Deflect cannot reach its data folder')).toBeVisible();
  expect(existsSync(drive)).toBe(false);
  expect(readdirSync(scratch)).toEqual([]);
});

test('the drive is there but the folder is not: a new store only after ticking that this is a new installation', async () => {
  mkdirSync(drive);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(heading('No Deflect store in this data folder')).toBeVisible();
  await expect(page.getByTestId('data-folder-path')).toHaveText(dataDir);
  await page.getByRole('button', { name: 'Set up a new store here' }).click();
  const tick = page.getByRole('checkbox', { name: /This is a new installation/ });
  await expect(tick).toBeFocused();
  await expect(tick).toHaveAccessibleDescription('Tick this first if a new, empty store is what you want.');
  await expect(heading('No Deflect store in this data folder')).toBeVisible();
  await checkA11y(page, 'data folder: confirm a new store');
  await snap(page, 'data-folder-confirm-new-error');
  expect(existsSync(dataDir)).toBe(false);

  await tick.check();
  await page.getByRole('button', { name: 'Set up a new store here' }).click();
  await expect(heading('Set up Deflect')).toBeVisible();
  await expect(page.getByText(`A new, empty store in ${dataDir}`)).toBeVisible();
  await snap(page, 'data-folder-setup-new');
  await page.getByLabel('Department name').fill(DEPARTMENT.name);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.displayName);
  // The summary of errors names each field (issue 8's leftover: "Use at least 12 characters" said which?).
  await page.getByLabel(/^Password/).fill('too-short');
  await page.getByLabel('Confirm password').fill('too-short');
  await page.getByRole('button', { name: 'Set up Deflect' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary.getByRole('listitem')).toHaveText([/^Password: Use at least 12 characters/]);
  await expect(page.getByLabel(/^Password/)).toBeFocused();
  await snap(page, 'setup-error-summary-named');
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Set up Deflect' }).click();
  await expect(page.getByRole('heading', { name: /recovery key/i }).first()).toBeVisible({ timeout: 30_000 });
  expect(existsSync(join(dataDir, 'deflect.vault.json'))).toBe(true);
  await harness?.close();
  harness = null;
});

test('a folder whose store is gone (its backup log is still there): "store missing", restore offered, no setup', async () => {
  const emptied = join(scratch, 'emptied');
  mkdirSync(emptied);
  writeFileSync(join(emptied, 'deflect.backups.log'), '');
  harness = await startHarness({ dataDir: emptied, kdfCost: CHEAP_KDF });
  await page.goto(harness.url);
  await expect(heading('The Deflect store is missing from its data folder')).toBeVisible();
  await expect(page.getByTestId('data-folder-path')).toHaveText(emptied);
  await expect(page.getByRole('alert')).toContainText('Restore from a backup');
  await expect(page.getByRole('button', { name: /Set up/ })).toHaveCount(0);
  await checkA11y(page, 'data folder store missing');
  await snap(page, 'data-folder-store-missing');
  expect(readdirSync(emptied)).toEqual(['deflect.backups.log']);
});
