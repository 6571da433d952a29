import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { seedStore } from '../../electron/backend/demo/seed';
import { dateIn } from '../../shared/domain/calendar';
import { lastFullQuarter, periodLabel } from '../../shared/domain/reports/periods';
import { type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { must, setUpUnit, STAFF } from './unit';

/**
 * A coordinator's quarter: open Reports (the last full quarter by default), see the figures with their
 * definitions and the charts, compare with the quarter before, export both data packages and the PDF
 * summary, and find each in the export log. An officer sees their own counts and no export.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const SCREENSHOTS = join(__dirname, '../../test-results/screenshots');
const EVERY_DAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

let app: App;
let page: Page;
let unitContacts = 0;

/** The department's today (the store's default zone), as the backend and the window count it. */
function today(): string {
  return dateIn(Date.now(), 'America/Chicago');
}

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  await setUpUnit(app, 'admin');
  const base = { status: 'active' as const, requiredDocuments: [], walkIns: true, languages: [], phones: [] };
  const hours = EVERY_DAY.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' }));
  const acme = await must(app, 'providers.saveOrganization', { name: 'Acme Recovery', description: 'Treatment.' });
  for (const [name, serviceTypes] of [
    ['Acme Detox', ['withdrawal_management', 'moud']],
    ['Acme Outpatient', ['outpatient_sud']],
    ['Acme Crisis Line', ['crisis_mental_health']],
    ['Acme Shelter', ['shelter_housing']],
  ] as const) {
    await must(app, 'providers.saveService', { ...base, organizationId: acme.id, name, serviceTypes: [...serviceTypes], hours });
  }
  // A second officer, so that an officer's own counts are a share of the unit's.
  await must(app, 'users.create', {
    username: 'ofc.second',
    displayName: 'Officer Second',
    role: 'officer',
    password: 'QWXZ7-KMPT3-RVNB9',
  });
  // 12,000 contacts spread over the last 200 days: the last full quarter and the one before both hold some.
  seedStore(app.harness.backend, { people: 600, contacts: 12_000, seed: 11 });
  unitContacts = (await must(app, 'reports.compute', { ...lastFullQuarter(today()), compare: false })).report.values.contacts!;
  await must(app, 'auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('a coordinator opens the quarter’s report, reads a definition, sees the charts and exports both profiles and the PDF', async () => {
  const quarter = lastFullQuarter(today());
  await page.goto(app.harness.url);
  await login(page, STAFF.coordinator.username, STAFF.coordinator.password);
  await expect(heading(/Coordinator Lind/)).toBeVisible(KDF_WAIT);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' }).click();
  await expect(heading('Reports')).toBeVisible();

  // The last full quarter, compared with the one before.
  await expect(page.getByTestId('report-period')).toContainText(periodLabel(quarter), { timeout: 20_000 });
  await expect(page.getByRole('switch', { name: 'Compare with the previous period' })).toBeChecked();
  const contacts = page.getByTestId('headline-contacts');
  await expect(contacts).toContainText(/\d/);
  await expect(contacts).toContainText('Previous period');

  // A definition on keyboard focus.
  const info = contacts.getByRole('button', { name: 'Definition of Contacts' });
  await info.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(info).toBeFocused();
  await expect(page.getByRole('tooltip')).toContainText('Every contact (encounter) the unit recorded in the period');
  await snap(page, 'reports-definition', { view: true });
  await page.keyboard.press('Escape');

  // Charts, drawn.
  const charts = page.getByRole('region', { name: 'Charts' });
  for (const name of ['Contacts per month by pathway', 'Referral funnel', 'Days from first contact to treatment engagement']) {
    await expect(page.getByRole('figure', { name })).toBeVisible();
  }
  await expect(charts.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Demographic shown' }).getByText('Race and ethnicity').click();
  await expect(page.getByRole('figure', { name: 'People served: race and ethnicity' })).toBeVisible();

  // Tables by section, with the previous period beside each figure.
  await expect(page.getByRole('tab', { name: 'Contacts and people' })).toHaveAttribute('aria-selected', 'true');
  const pathways = page.getByRole('table', { name: 'Contacts by deflection pathway' });
  await expect(pathways.getByRole('columnheader', { name: 'Previous period' })).toBeVisible();
  await expect(pathways.getByRole('row', { name: /Community response/ })).toBeVisible();
  await checkA11y(page, 'reports');
  await snap(page, 'reports-quarter');
  await page.getByRole('tab', { name: 'Demographics of the people served' }).click();
  await expect(page.getByRole('table', { name: 'Race and ethnicity' })).toBeVisible();
  await page.getByRole('tab', { name: 'Demographics of the people served' }).scrollIntoViewIfNeeded();
  await snap(page, 'reports-demographics', { view: true });
  // Treatment engagement: the state's key indicator, and the programme's plan and TTA answers.
  await expect(page.getByTestId('headline-engagement_rate_30')).toContainText('30-day engagement rate');
  // Counted from the demo's participant milestones: a percentage, not a placeholder.
  await expect(page.getByTestId('headline-engagement_rate_30').getByTestId('headline-value')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByRole('figure', { name: 'Days from first contact to treatment engagement' })).toBeVisible();
  await page.getByRole('tab', { name: 'Treatment engagement and retention' }).click();
  await expect(page.getByRole('table', { name: 'Time to treatment engagement' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Retention rate' })).toBeVisible();
  await snap(page, 'reports-engagement');
  await page.getByRole('tab', { name: 'Programme milestones' }).click();
  await expect(page.getByRole('table', { name: 'Programme milestones due, by status' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'TTA performance metric answers' })).toBeVisible();
  // The demo's 8 officers trained is a small count: shown here, marked as hidden in exports.
  await expect(
    page
      .getByRole('table', { name: 'TTA performance metric answers' })
      .getByRole('row', { name: /Number of officers trained in deflection this quarter/ }),
  ).toContainText('8 (hidden in exports)');
  await checkA11y(page, 'reports, programme tab');
  await snap(page, 'reports-programme');
  for (const tab of ['Referrals', 'Health and safety']) {
    await page.getByRole('tab', { name: tab }).click();
    await snap(page, `reports-${tab.toLowerCase().replace(/ /g, '-')}`);
  }
  await page.getByRole('tab', { name: 'Contacts and people' }).click();
  await snap(page, 'reports-quarter-top', { view: true });

  // Exports: both data packages and the PDF, each recorded in the log with its SHA-256.
  const exportMenu = page.getByRole('button', { name: 'Export this period' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [item, file] of [
    ['Data package for the state (zip)', 'state'],
    ['Data package for the TTA provider (zip)', 'tta'],
  ] as const) {
    const download = page.waitForEvent('download');
    await exportMenu.click();
    if (file === 'state') await snap(page, 'reports-export-menu', { view: true });
    await page.getByRole('menuitem', { name: item }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(
      `deflect-${file}-${quarter.from.slice(0, 4)}-q${Math.floor(Number(quarter.from.slice(5, 7)) / 3) + 1}.zip`,
    );
    const files = unzipSync(readFileSync((await d.path())!));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['datapackage.json', 'README.md', 'manifest-sha256.txt', 'data/summary.csv']),
    );
  }
  const pdfDownload = page.waitForEvent('download');
  await exportMenu.click();
  await page.getByRole('menuitem', { name: 'PDF summary for the chief or council' }).click();
  const pdf = await pdfDownload;
  const pdfPath = join(SCREENSHOTS, 'reports-summary.pdf');
  await pdf.saveAs(pdfPath);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(SCREENSHOTS, 'reports-summary')]);
  const exports = page.getByRole('region', { name: 'Exports and suppression' });
  const log = exports.getByRole('table', { name: 'Exports' });
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log).toContainText('State (Illinois, 5 ILCS 820/25) data package');
  await expect(log).toContainText('TTA provider (BJA performance measures) data package');
  await expect(log).toContainText('PDF summary');
  await expect(log).toContainText('Coordinator Lind');
  await expect(log.getByRole('button', { name: /^Copy the SHA-256 of deflect-state-/ })).toBeVisible();
  await log.scrollIntoViewIfNeeded();
  await snap(page, 'reports-exports', { view: true });
});

test('turning suppression off asks first, and the warning names what it exposes', async () => {
  const exports = page.getByRole('region', { name: 'Exports and suppression' });
  await exports.getByLabel('Suppression threshold').fill('0');
  await exports.getByRole('button', { name: 'Save threshold' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn small-cell suppression off?' });
  await expect(dialog).toContainText('every count from 1 to 10 goes into the data packages');
  await snap(page, 'reports-suppression-off-warning', { view: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await must(app, 'reports.settings', {})).threshold).toBe(10);
});

test('a period with nothing recorded says so', async () => {
  await page.getByRole('radiogroup', { name: 'Kind of period' }).getByText('Year').click();
  await page.getByRole('textbox', { name: 'Year' }).click();
  await page.getByRole('option', { name: '2001' }).click();
  await expect(page.getByTestId('report-empty')).toContainText('Nothing recorded in this period');
  await expect(page.getByTestId('headline-contacts')).toContainText('0');
  await snap(page, 'reports-empty', { view: true });
});

test('a range the other way round is refused beside its field', async () => {
  await page.getByRole('radiogroup', { name: 'Kind of period' }).getByText('Date range').click();
  await page.getByRole('textbox', { name: 'From' }).fill('2026-03-31');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('2026-01-01');
  await expect(page.getByText('To: the end of the period is before its start.')).toBeVisible();
  await snap(page, 'reports-range-error', { view: true });
});

test('an officer sees their own counts and nothing to export', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, STAFF.officer.username, STAFF.officer.password);
  await expect(heading(/Officer Vance/)).toBeVisible(KDF_WAIT);
  await page.goto(`${app.harness.url}#/reports`);
  await expect(heading('My counts')).toBeVisible();
  await expect(page.getByTestId('headline-contacts')).toBeVisible({ timeout: 20_000 });
  // Only the contacts they were on: fewer than the unit's.
  const own = Number((await page.getByTestId('headline-contacts').getByTestId('headline-value').innerText()).replace(/\D/g, ''));
  expect(own).toBeGreaterThan(0);
  expect(own).toBeLessThan(unitContacts);
  await expect(page.getByRole('button', { name: 'Export this period' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Exports and suppression' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Demographics of the people served' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Contacts and people' })).toBeVisible();
  await checkA11y(page, 'my counts');
  await snap(page, 'reports-officer');
});
