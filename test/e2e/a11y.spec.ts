import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { seedStore } from '../../electron/backend/demo/seed';
import { type App, checkA11y, KDF_WAIT, login, newPage, settle, snap, startApp } from './helpers';
import { credentials, must, setUpUnit } from './unit';

/**
 * Accessibility (issue 8, item 4): no serious or critical axe violation on any screen of the app, in
 * its dialogs, or with any dropdown open; and the highlighted option of a person picker is readable
 * (axe cannot judge it: the highlight exists only while the list is open and an option is active).
 */
test.describe.configure({ mode: 'serial' });

/** Every screen the app routes to, read from routes.ts so that a new screen is checked without editing this test. */
const ROUTE_PATHS = [
  ...readFileSync(join(__dirname, '../../renderer/src/app/routes.ts'), 'utf8').matchAll(/\bpath: '([^']+)'/g),
].map((m) => m[1]!);

let app: App;
let page: Page;
const params: Record<string, string> = {};

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  await setUpUnit(app);
  // A busy unit's worth of synthetic people, contacts and providers, so every screen has content.
  seedStore(app.harness.backend, { people: 120, contacts: 400, services: 40, seed: 8 });
  // A person with several contacts, one of their contacts, and a provider.
  const busiest = app.harness.backend
    .requireDb()
    .prepare(
      'SELECT person_id AS personId, max(id) AS contactId FROM contacts WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1',
    )
    .get() as { personId: string; contactId: string };
  const providers = await must(app, 'providers.search', { limit: 1 });
  params.personId = busiest.personId;
  params.id = busiest.personId;
  params.contactId = busiest.contactId;
  params.serviceId = providers.results[0]!.id;
  params.referralId = app.harness.backend.requireDb().prepare('SELECT id FROM referrals LIMIT 1').pluck().get() as string;
  const person = await must(app, 'people.get', { id: busiest.personId });
  params.name = person.person.lastName || person.person.firstName;
  await must(app, 'auth.logout', {});
  page = await newPage(browser);
  await page.goto(app.harness.url);
  await login(page, credentials('admin').username, credentials('admin').password);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Admin Example', KDF_WAIT);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

/** The address of a route with real ids for its parameters. */
function address(path: string): string {
  const id = path.startsWith('/contacts/')
    ? params.contactId
    : path.startsWith('/providers/')
      ? params.serviceId
      : path.startsWith('/referrals/')
        ? params.referralId
        : params.personId;
  const out = path.replace(':personId', params.personId!).replace(':contactId', params.contactId!).replace(':id', id!);
  expect(out, `a value for every parameter of ${path}`).not.toContain(':');
  return out;
}

async function open(path: string): Promise<void> {
  await page.goto(`${app.harness.url}#${address(path)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The screen itself, not a "not found" notice in its place.
  await expect(page.getByRole('heading', { level: 1, name: /not found|could not/i })).toHaveCount(0);
  await expect(page.getByLabel(/^Loading/)).toHaveCount(0);
}

test('every screen of the app passes axe', async () => {
  test.setTimeout(180_000);
  expect(ROUTE_PATHS.length).toBeGreaterThan(10);
  for (const path of ROUTE_PATHS) {
    await open(path);
    await checkA11y(page, path);
  }
});

/** Opens every dropdown of type `Select`/`MultiSelect` in `scope` in turn, and checks each while open. */
async function checkDropdowns(scope: Locator, screen: string): Promise<number> {
  const boxes = scope.locator('input[aria-haspopup="listbox"]:not([disabled])');
  const count = await boxes.count();
  for (let i = 0; i < count; i++) {
    const box = boxes.nth(i);
    await box.scrollIntoViewIfNeeded();
    await box.click();
    const list = page.getByRole('listbox').last();
    if (!(await list.isVisible())) continue;
    // The page itself is checked screen by screen; here the open list, where the problems were.
    await checkA11y(page, `${screen}, dropdown ${i + 1} open`, ['[role="listbox"]']);
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
  }
  return count;
}

test('every dropdown passes axe while it is open', async () => {
  test.setTimeout(300_000);
  let opened = 0;
  for (const path of ['/intake', '/providers', '/settings']) {
    await open(path);
    opened += await checkDropdowns(page.locator('#main-content'), path);
  }
  // The person picker, open with matches and the extra choices.
  await open('/intake');
  await page.getByLabel('Who was the contact with?').fill('a');
  await page.getByLabel('Who was the contact with?').press('End');
  await page.keyboard.type('n');
  await expect(page.getByRole('listbox', { name: 'Matching people' })).toBeVisible();
  await checkA11y(page, 'person picker open');
  // Dialogs with their own dropdowns.
  await open(`/people/:id`);
  await page.getByRole('button', { name: 'Edit details' }).click();
  opened += await checkDropdowns(page.getByRole('dialog'), 'person edit dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await open('/providers/:id');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  opened += await checkDropdowns(page.getByRole('dialog'), 'provider edit dialog');
  expect(opened).toBeGreaterThan(20);
});

test('every dialog passes axe', async () => {
  test.setTimeout(180_000);
  // [screen, button, name, saved empty: refused with every problem marked, tab to open first]
  const dialogs: Array<[string, string, string, boolean, string?]> = [
    ['/people/:id', 'Edit details', 'person edit', false],
    ['/people/:id', 'Add follow-up', 'add follow-up', false],
    ['/people/:id', 'Merge…', 'merge', true],
    ['/providers', 'Import', 'import', false],
    ['/providers', 'Add provider', 'add provider', true],
    ['/providers/:id', 'Edit', 'provider edit', false],
    ['/users', 'Create user', 'create user', true],
    ['/people/:id', 'Record consent…', 'record consent', true, 'Consents and disclosures'],
  ];
  for (const [path, button, name, refused, tab] of dialogs) {
    await open(path);
    if (tab) await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await checkA11y(page, `${name} dialog`, ['[role="dialog"]']);
    if (refused) {
      await page.getByRole('dialog').locator('button[type="submit"]').click();
      await expect(page.getByRole('dialog').locator('[aria-invalid="true"]').first()).toBeFocused();
      await checkA11y(page, `${name} dialog with every problem marked`, ['[role="dialog"]']);
      await snap(page, `form-errors-${name.replace(/ /g, '-')}`, { view: true });
    }
    await page.getByRole('dialog').getByRole('button', { name: 'Close dialog' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await open('/providers');
  await page.getByRole('button', { name: 'Directory settings' }).click();
  await checkA11y(page, 'directory settings dialog', ['[role="dialog"]']);
  await page
    .getByRole('dialog')
    .getByRole('textbox', { name: /Flag listings/ })
    .fill('0');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog').getByRole('textbox', { name: /Flag listings/ })).toHaveAccessibleDescription(
    'At least 1 month.',
  );
  await snap(page, 'form-errors-directory-settings', { view: true });
  await page.getByRole('dialog').getByRole('button', { name: 'Close dialog' }).click();
});

/** WCAG contrast of the text colour of an element against the first opaque background behind it (run in the page). */
const CONTRAST = `
  function rgb(c) { var m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; }
  function lum(c) {
    return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
      .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0);
  }
  var fg = rgb(getComputedStyle(node).color);
  var bg = null;
  for (var n = node; n && !bg; n = n.parentElement) {
    var c = rgb(getComputedStyle(n).backgroundColor);
    if (c.a > 0.99) bg = c;
  }
  bg = bg || { r: 255, g: 255, b: 255 };
  var a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
`;
function contrastOf(el: Locator): Promise<number> {
  // A function built from text: this file is compiled without the DOM types.
  return el.evaluate(new Function('node', CONTRAST) as (node: unknown) => number);
}

test('the highlighted option of a person picker stays readable, secondary line included', async () => {
  await open('/people');
  const search = page.getByLabel('Find a person');
  await search.fill(params.name!);
  const list = page.getByRole('listbox', { name: 'Matching people' });
  await expect(list.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const highlighted = list.locator('[data-combobox-selected]');
  await expect(highlighted).toHaveCount(1);
  await settle(page);
  // Every line of text in the highlighted option: the name and the grey "1 contact, last …" line.
  const lines = highlighted.locator('p, span').filter({ hasText: /\S/ });
  const n = await lines.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    const ratio = await contrastOf(lines.nth(i));
    expect(ratio, `"${await lines.nth(i).innerText()}" on the highlight`).toBeGreaterThanOrEqual(4.5);
  }
  await snap(page, 'person-picker-highlighted', { view: true });
});
