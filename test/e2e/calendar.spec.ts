import { expect, type Page, test } from '@playwright/test';
import { addDays } from '../../shared/domain/calendar';
import { lastFullQuarter, periodLabel } from '../../shared/domain/reports/periods';
import { type App, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { must, setUpUnit, STAFF } from './unit';

/**
 * A workstation whose clock is set to another zone than the department's: 21:30 on Thursday 31 December 2026
 * in Chicago (the department's zone) is already 12:30 on New Year's Day in Tokyo, where this browser's clock
 * is. The window's "today" is the department's, as the backend's is: a follow-up due today says so, an age
 * is counted on the department's date, a form offers the department's dates and the reports open on the last
 * quarter that has ended there.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const MOMENT = Date.parse('2026-12-31T21:30:00-06:00');
const TODAY = '2026-12-31';

let app: App;
let page: Page;
let personId = '';

test.beforeAll(async ({ browser }) => {
  const started = Date.now();
  // The backend's clock starts at the moment and runs on; the browser's stays at it (a few minutes at most apart).
  app = await startApp({ now: () => MOMENT + (Date.now() - started) });
  const ids = await setUpUnit(app, 'coresponder');
  const { person } = await must(app, 'people.create', {
    person: { firstName: 'Orlen', lastName: 'Vasquel', dateOfBirth: '1990-01-01' },
    allowDuplicate: true,
  });
  personId = person.id;
  await must(app, 'followups.create', {
    personId,
    followup: { dueDate: TODAY, assigneeId: ids.coresponder, note: 'Call about the appointment.' },
  });
  await must(app, 'auth.logout', {});
  page = await newPage(browser, { timezoneId: 'Asia/Tokyo' });
  await page.clock.setFixedTime(MOMENT);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('due today, ages, form dates and the report period follow the department’s date, not the workstation’s', async () => {
  await page.goto(app.harness.url);
  await login(page, STAFF.coresponder.username, STAFF.coresponder.password);
  await expect(heading(/Co-responder Okafor/)).toBeVisible(KDF_WAIT);

  // Home: the follow-up due on the department's today is due today (in Tokyo it would be a day overdue).
  const home = page.getByRole('region', { name: 'My follow-ups' }).getByTestId('followup-item');
  await expect(home).toContainText('Due today');
  await expect(home).not.toContainText('Overdue');
  await snap(page, 'calendar-home-due-today', { view: true });

  // The person's page: 36 until the department's New Year's Day, and the follow-up again due today.
  await page.goto(`${app.harness.url}#/people/${personId}`);
  await expect(heading('Vasquel, Orlen')).toBeVisible();
  await expect(page.getByText('Jan 1, 1990 (age 36)').first()).toBeVisible();
  await expect(page.getByTestId('followup-item')).toContainText('Due today');

  // The intake form's follow-up is due in two days by default, from the department's today.
  await page.goto(`${app.harness.url}#/intake`);
  await expect(heading('New intake')).toBeVisible();
  await page.getByLabel('Add a follow-up task').check();
  await expect(page.getByLabel('Due date')).toHaveValue(addDays(TODAY, 2));

  // Reports open on the last quarter that has ended in the department: July to September, not October to December.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' }).click();
  await expect(heading('Reports')).toBeVisible();
  await expect(page.getByTestId('report-period')).toContainText(periodLabel(lastFullQuarter(TODAY)), { timeout: 20_000 });
});
