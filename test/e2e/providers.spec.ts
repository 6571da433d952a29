import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { zipSync } from 'fflate';
import type { InputOf, ProcedureName } from '../../shared/contract';
import { ADMIN, type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';

/**
 * The provider directory as its users meet it: a co-responder on the phone looks for a provider by
 * need and language and sees whether it is open now; a coordinator imports an HSDS package through
 * the import dialog, checks the preview, and commits it.
 */
test.describe.configure({ mode: 'serial' });

const CORESPONDER = { username: 'cr.sample', displayName: 'Co-responder Sample', password: 'harbour-violet-tundra-31' };
const COORDINATOR = { username: 'coord.sample', displayName: 'Coordinator Sample', password: 'maple-signal-orchid-58' };
const TEMPORARY = 'QWXZ7-KMPT3-RVNB8';
const HSDS_REF = resolve(__dirname, '../../../shared/reference/hsds-3.0');
const EVERY_DAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

let app: App;
let page: Page;

async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<unknown> {
  const r = await app.harness.router.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

function referencePackage(mutate: (files: Record<string, string>) => void = () => undefined): Buffer {
  const files: Record<string, string> = {};
  for (const name of readdirSync(HSDS_REF))
    if (name.endsWith('.csv') || name === 'datapackage.json') files[name] = readFileSync(join(HSDS_REF, name), 'utf8');
  mutate(files);
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))));
}

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  await call('auth.setup', {
    department: {
      name: 'Testville Police Department',
      addressLine1: '100 Example Plaza',
      city: 'Testville',
      state: 'IL',
      postalCode: '60000',
    },
    admin: ADMIN,
  });
  for (const [u, role] of [
    [CORESPONDER, 'coresponder'],
    [COORDINATOR, 'coordinator'],
  ] as const) {
    await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call('users.create', { username: u.username, displayName: u.displayName, role, password: TEMPORARY });
    await call('auth.logout', {});
    await call('auth.login', { username: u.username, password: TEMPORARY });
    await call('auth.changePassword', { currentPassword: TEMPORARY, newPassword: u.password });
    await call('auth.logout', {});
  }
  // A small synthetic directory: one provider open around the clock in Spanish, one that is never open now.
  await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const org = (await call('providers.saveOrganization', {
    name: 'Riverbend Health Collective',
    description: 'Community health provider.',
  })) as { id: string };
  const base = { organizationId: org.id, status: 'active' as const, requiredDocuments: [], walkIns: false };
  await call('providers.saveService', {
    ...base,
    name: 'Puente Recovery Line',
    description: 'Buprenorphine starts and peer support, any hour.',
    serviceTypes: ['moud', 'peer_recovery'],
    walkIns: true,
    languages: [
      { name: 'Spanish', code: 'es' },
      { name: 'English', code: 'en' },
    ],
    phones: [{ number: '555-0142', description: 'Nurse line' }],
    hours: EVERY_DAY.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' })),
    requiredDocuments: ['Photo ID if available'],
    capacityNote: 'Same-day starts until 20:00',
  });
  await call('providers.saveService', {
    ...base,
    name: 'Riverbend Outpatient Program',
    serviceTypes: ['outpatient_sud'],
    languages: [{ name: 'Spanish', code: 'es' }],
    phones: [{ number: '555-0150' }],
    hours: [],
  });
  await call('providers.saveService', {
    ...base,
    name: 'Harbor Food Pantry',
    serviceTypes: ['food_services'],
    languages: [{ name: 'English', code: 'en' }],
    phones: [{ number: '555-0160' }],
    hours: [{ day: 'SA', opensAt: '09:00', closesAt: '12:00' }],
  });
  await call('auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const rows = () => page.getByTestId('provider-row');

async function signIn(user: { username: string; password: string; displayName: string }) {
  await page.goto(app.harness.url);
  await login(page, user.username, user.password);
  await expect(heading(new RegExp(user.displayName))).toBeVisible(KDF_WAIT);
}

async function pick(label: string, option: string) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

test('a co-responder finds a provider by need and language and sees that it is open now', async () => {
  await signIn(CORESPONDER);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Providers' }).click();
  await expect(heading('Provider directory')).toBeVisible();
  await expect(rows()).toHaveCount(3);
  // Co-responders read the directory; changing it is for coordinators.
  await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);

  await pick('Need', 'Opioid use');
  await expect(rows()).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Language', exact: true }).click();
  await page.getByRole('option', { name: /^Spanish/ }).click();
  await expect(rows()).toHaveCount(2);
  await snap(page, 'providers-need-language');
  await page.getByLabel('Open now').check();
  await expect(rows()).toHaveCount(1);
  const row = rows().first();
  await expect(row).toContainText('Puente Recovery Line');
  await expect(row.getByTestId('open-state')).toHaveText('Open 24 hours');
  await expect(row).toContainText('555-0142');
  await expect(row).toContainText('Walk-ins');
  await snap(page, 'providers-open-now');
  await checkA11y(page, 'provider directory');

  await row.getByRole('link', { name: 'Puente Recovery Line' }).click();
  await expect(heading('Puente Recovery Line')).toBeVisible();
  await expect(page.getByTestId('open-state')).toHaveText('Open 24 hours');
  await expect(page.getByRole('region', { name: 'Call' })).toContainText('555-0142');
  await expect(page.getByRole('region', { name: 'Hours' })).toContainText('Every day 24 hours');
  await expect(page.getByRole('region', { name: 'Getting in' })).toContainText('Photo ID if available');
  await expect(page.getByRole('region', { name: 'Getting in' })).toContainText('Same-day starts until 20:00');
  await expect(page.getByRole('region', { name: 'Who it serves' })).toContainText('Opioid use');
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await snap(page, 'provider-page');
  await checkA11y(page, 'provider page');
  await page.getByRole('button', { name: 'Log out' }).click();
});

test('a coordinator sees a broken package refused with its errors, then imports a good one after the preview', async () => {
  await signIn(COORDINATOR);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Providers' }).click();
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: /Import providers/ });
  await expect(dialog).toBeVisible();

  const broken = referencePackage((f) => {
    f['services.csv'] = f['services.csv']!.replace(',active,', ',open,');
  });
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: broken });
  await expect(dialog.getByRole('alert')).toContainText('1 problem: nothing can be imported');
  await expect(dialog.getByRole('table', { name: 'Problems found' })).toContainText('services.csv, row 2');
  await expect(dialog.getByRole('table', { name: 'Problems found' })).toContainText(
    'status must be one of active, inactive, defunct, temporarily closed',
  );
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await snap(page, 'providers-import-errors');

  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'hsds-example.zip', mimeType: 'application/zip', buffer: referencePackage() });
  await expect(dialog.getByRole('status').filter({ hasText: 'Ready to import' })).toContainText(
    '21 to add, 0 to update, 0 already up to date',
  );
  await expect(dialog.getByRole('table', { name: 'What the import will do' })).toContainText('service');
  await expect(dialog).toContainText('Community Counselling');
  await snap(page, 'providers-import-preview');
  await checkA11y(page, 'import preview');
  await dialog.getByRole('button', { name: 'Import 21 records' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('21 added, 0 updated from hsds-example.zip.')).toBeVisible();
  await expect(rows()).toHaveCount(4);
  await expect(rows().filter({ hasText: 'Community Counselling' })).toContainText('Not verified since Jan 1, 2005');
  await snap(page, 'providers-after-import');

  // The imported taxonomy term waits for a mapping.
  await page.getByRole('link', { name: /Map taxonomy terms/ }).click();
  await expect(heading('Taxonomy terms')).toBeVisible();
  await expect(page.getByTestId('term-row')).toHaveCount(1);
  await snap(page, 'providers-terms');
  await checkA11y(page, 'taxonomy terms');
});

test('a coordinator edits a listing and marks it verified', async () => {
  await page.getByRole('link', { name: 'Provider directory' }).click();
  await page.getByRole('link', { name: 'Riverbend Outpatient Program' }).click();
  await expect(heading('Riverbend Outpatient Program')).toBeVisible();
  await expect(page.getByTestId('open-state')).toHaveText('Hours not listed');
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: /Edit Riverbend Outpatient Program/ });
  await dialog.getByRole('button', { name: 'Weekdays 9 to 5' }).click();
  await dialog.getByLabel('Accepts walk-ins (no appointment needed)').check();
  await dialog.getByRole('textbox', { name: 'Capacity note' }).fill('Intake assessments Tuesdays; waiting list about 2 weeks');
  await dialog.getByRole('textbox', { name: 'Street address' }).fill('250 Example Road');
  await dialog.getByRole('textbox', { name: 'City', exact: true }).fill('Testville');
  await dialog.getByRole('textbox', { name: 'State', exact: true }).fill('IL');
  await dialog.getByRole('textbox', { name: 'ZIP code' }).fill('60000');
  await snap(page, 'provider-edit');
  await checkA11y(page, 'provider edit');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Hours' })).toContainText('Mon–Fri 9:00 AM–5:00 PM');
  await expect(page.getByRole('region', { name: 'Getting in' })).toContainText('waiting list about 2 weeks');
  await expect(page.getByRole('region', { name: 'Location: Riverbend Outpatient Program' })).toContainText('250 Example Road');
  await expect(page.getByTestId('open-state')).not.toHaveText('Hours not listed');
  await page.getByRole('button', { name: 'Mark verified today' }).click();
  await expect(page.getByText(/^Marked as verified/)).toBeVisible();
});
