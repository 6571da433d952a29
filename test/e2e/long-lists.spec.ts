import { expect, test } from '@playwright/test';
import { ADMIN, type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { must } from './unit';

let app: App;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app.close();
});

test('the audit log scrolls through thousands of entries with only the rows in view in the page', async ({ browser }) => {
  await must(app, 'auth.setup', {
    department: { name: 'Testville Police Department', addressLine1: '100 Example Plaza', city: 'Testville', state: 'IL' },
    admin: ADMIN,
  });
  await must(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  // Months of use: 3,000 searches, in the real hash chain.
  const { backend } = app.harness;
  const db = backend.requireDb();
  const user = backend.session!.user;
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      backend.audit({
        userId: user.id,
        username: user.username,
        action: 'people.search',
        outcome: 'success',
        detail: { results: i % 7 },
      });
    }
  })();
  await must(app, 'auth.logout', {});

  const page = await newPage(browser);
  await page.goto(app.harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click(KDF_WAIT);
  const table = page.getByRole('table', { name: 'Audit log entries' });
  const rows = table.locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible();
  const total = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(total).toBeGreaterThan(3000);
  await expect(page.getByText(/entries, newest first \(200 loaded; scroll for older\)/)).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);
  await checkA11y(page, 'audit log (long)');
  await snap(page, 'audit-log-long', { view: true });

  // The keyboard scrolls the list (End goes to the last entry loaded; more load on the way down).
  const scroller = page.getByRole('region', { name: 'Audit log entries, scrollable' });
  await scroller.focus();
  for (
    let i = 0;
    i < 40 && !(await page.getByText(`${total.toLocaleString('en-US')} entries, newest first`, { exact: true }).isVisible());
    i++
  ) {
    await page.keyboard.press('End');
    await page.waitForTimeout(100);
  }
  await expect(page.getByText(`${total.toLocaleString('en-US')} entries, newest first`, { exact: true })).toBeVisible();
  await page.keyboard.press('End');
  // The oldest entry (the store being set up) is on screen, and still only a window of rows is in the page.
  const oldest = table.locator(`tbody tr[aria-rowindex="${total + 1}"]`);
  await expect(oldest).toBeVisible();
  await expect(oldest).toContainText('1');
  expect(await rows.count()).toBeLessThan(60);
  await snap(page, 'audit-log-oldest', { view: true });
});
