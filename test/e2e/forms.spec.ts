import { expect, type Locator, type Page, test } from '@playwright/test';
import { type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { credentials, must, setUpUnit } from './unit';
import type { Role } from '../../shared/domain/roles';

/**
 * Forms tell the whole truth at once (issue 8): every problem is marked on the first save, beside the
 * field the user typed into; the first one is scrolled into view and has the focus, in dialogs too;
 * a successful save leaves no stale error behind.
 */
test.describe.configure({ mode: 'serial' });

let app: App;
let page: Page;
let ids: Record<Role, string>;
let personId = '';
let serviceId = '';
let contactId = '';

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  ids = await setUpUnit(app, 'coordinator');
  const org = await must(app, 'providers.saveOrganization', {
    name: 'Harbor Recovery Services',
    description: 'Outpatient treatment and recovery support.',
  });
  serviceId = (
    await must(app, 'providers.saveService', {
      organizationId: org.id,
      name: 'Harbor Recovery Outpatient',
      status: 'active',
      description: 'Outpatient treatment for substance use, with peer recovery coaches.',
      serviceTypes: ['outpatient_sud'],
      walkIns: true,
      requiredDocuments: ['Photo ID if available'],
      languages: [{ name: 'Spanish' }],
      phones: [{ number: '(312) 555-0142' }],
      hours: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }],
    })
  ).id;
  await must(app, 'auth.login', { username: credentials('coresponder').username, password: credentials('coresponder').password });
  const saved = await must(app, 'contacts.create', {
    subject: { kind: 'new', person: { firstName: 'Ilsa', lastName: 'Marrow', dateOfBirth: '1979-03-02' }, allowDuplicate: true },
    contact: {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      pathway: 'active_outreach',
      referralSource: 'outreach',
      disposition: 'warm_handoff',
      officerIds: [ids.officer],
    },
  });
  personId = saved.person!.id;
  contactId = saved.contact.id;
  await must(app, 'auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function logInAs(role: Role): Promise<void> {
  const logOut = page.getByRole('button', { name: 'Log out' });
  if (await logOut.isVisible()) {
    await logOut.click();
    await expect(heading('Log in to Deflect')).toBeVisible();
  } else await page.goto(app.harness.url);
  const who = credentials(role);
  await login(page, who.username, who.password);
  await expect(heading(new RegExp(who.displayName))).toBeVisible(KDF_WAIT);
}

/** The field shows this message as its own error (read out with it), not merely somewhere on the page. */
async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(typeof message === 'string' ? new RegExp(escape(message)) : message);
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('an empty intake marks the person, pathway, referral source and disposition at once', async () => {
  await logInAs('officer');
  await page.goto(`${app.harness.url}#/intake`);
  await expect(heading('New intake')).toBeVisible();
  await page.getByRole('button', { name: 'Save intake' }).click();

  const search = page.getByLabel('Who was the contact with?');
  await expectFieldError(search, 'Choose the person first');
  await expectFieldError(page.getByRole('textbox', { name: 'Pathway' }), 'Pathway: choose one of the listed options.');
  await expectFieldError(page.getByRole('textbox', { name: 'Referral source' }), 'Referral source');
  await expectFieldError(page.getByRole('textbox', { name: 'Disposition' }), 'Disposition');
  await expect(page.getByTestId('error-summary')).toContainText('4 problems to fix');
  // The summary is at the top of the form, and the one by the button points up to it.
  await expect(page.getByTestId('form-errors')).toContainText('4 problems are marked above');
  await expect(search).toBeFocused();
  await snap(page, 'form-errors-intake-empty', { view: true });
  await checkA11y(page, 'intake with every error');

  // Fixing one takes its mark away while typing; the others stay until the next save.
  await page.getByRole('textbox', { name: 'Pathway' }).fill('prevention');
  await page.getByRole('option', { name: /Officer prevention/ }).click();
  await expect(page.getByRole('textbox', { name: 'Pathway' })).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('error-summary')).toContainText('3 problems to fix');
});

test('a contact in 1901 and a date of birth in 2031 are both reported on the first save', async () => {
  await page.getByLabel('Who was the contact with?').fill('Teodor Brask');
  await page.getByRole('option', { name: /Create a new person/ }).click();
  await page.getByLabel('Date of birth').fill('2031-05-01');
  await page.getByLabel('Date and time of contact').fill('1901-11-28T08:00');
  await page.getByRole('textbox', { name: 'Referral source' }).fill('patrol');
  await page.getByRole('option', { name: 'Patrol officer' }).click();
  await page.getByRole('textbox', { name: 'Disposition' }).fill('declined');
  await page.getByRole('option', { name: 'Declined services' }).click();
  await page.getByRole('button', { name: 'Save intake' }).click();

  await expectFieldError(page.getByLabel('Date of birth'), 'Date of birth cannot be in the future.');
  await expectFieldError(page.getByLabel('Date and time of contact'), 'The date of the contact must be in 2000 or later');
  await expect(page.getByTestId('error-summary')).toContainText('2 problems to fix');
  await expect(page.getByLabel('Date of birth')).toBeFocused();
  await expect(page.getByLabel('Date of birth')).toBeInViewport();
  await snap(page, 'form-errors-intake-dates', { view: true });
  await page.getByRole('button', { name: 'Clear form' }).click();
});

test('person edit: no name, a bad ZIP and a bad phone are marked together, and the focus stays in the dialog', async () => {
  await page.goto(`${app.harness.url}#/people/${personId}`);
  await expect(heading('Marrow, Ilsa')).toBeVisible();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Marrow, Ilsa' });
  await dialog.getByLabel('First name').fill('');
  await dialog.getByLabel('Last name').fill('');
  await dialog.getByLabel('ZIP code').fill('123');
  await dialog.getByLabel('Phone').fill('call me');
  await dialog.getByRole('button', { name: 'Save changes' }).click();

  await expectFieldError(dialog.getByLabel('Last name'), 'Enter a first or last name');
  await expectFieldError(dialog.getByLabel('ZIP code'), 'ZIP code: enter 5 digits');
  await expectFieldError(dialog.getByLabel('Phone'), 'Phone: enter a number');
  await expect(dialog.getByLabel('Last name')).toBeFocused();
  await snap(page, 'form-errors-person-edit', { view: true });
  await checkA11y(page, 'person edit with errors');

  // A date of birth in 1850: the error is on the date typed, not on the (disabled) year beside it.
  await dialog.getByLabel('First name').fill('Ilsa');
  await dialog.getByLabel('Last name').fill('Marrow');
  await dialog.getByLabel('ZIP code').fill('');
  await dialog.getByLabel('Phone').fill('');
  await dialog.getByLabel('Date of birth').fill('1850-01-01');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expectFieldError(dialog.getByLabel('Date of birth'), 'Date of birth must be in 1900 or later');
  await expect(dialog.getByLabel('Or year of birth (approximate)')).toHaveAttribute('aria-invalid', 'false');
  await expect(dialog.getByLabel('Date of birth')).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('provider edit: saving without a name at the bottom brings the name into view, with the focus', async () => {
  await logInAs('coordinator');
  await page.goto(`${app.harness.url}#/providers/${serviceId}`);
  await expect(heading('Harbor Recovery Outpatient')).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Edit Harbor Recovery Outpatient/ });
  const name = dialog.getByRole('textbox', { name: 'Service name' });
  await name.fill('');
  const save = dialog.getByRole('button', { name: 'Save changes' });
  await save.scrollIntoViewIfNeeded();
  await expect(name).not.toBeInViewport();
  await save.click();
  await expectFieldError(name, 'Service name is required.');
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
  await snap(page, 'form-errors-provider-edit', { view: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('a screening saved after a refusal leaves no stale error behind', async () => {
  await logInAs('coresponder');
  await page.goto(`${app.harness.url}#/contacts/${contactId}`);
  const panel = page.getByTestId('clinical-panel');
  await panel.getByLabel('Record CAGE-AID').check();
  const firstQuestion = panel.getByRole('radiogroup', { name: /^1\./ });
  await firstQuestion.getByLabel('Yes').check();
  await panel.getByRole('button', { name: 'Save screening' }).click();
  // Every unanswered question is marked, the first one focused.
  for (const n of [2, 3, 4]) await expect(panel.getByText(`CAGE-AID question ${n}: answer yes or no.`)).toBeVisible();
  await expect(panel.getByText('CAGE-AID question 1: answer yes or no.')).toHaveCount(0);
  await expect(panel.getByTestId('form-errors')).toContainText('3 problems are marked above');
  await expect(panel.getByRole('radiogroup', { name: /^2\./ }).getByLabel('Yes')).toBeFocused();
  await snap(page, 'form-errors-screening', { view: true });
  for (const n of [2, 3, 4])
    await panel
      .getByRole('radiogroup', { name: new RegExp(`^${n}\\.`) })
      .getByLabel('No')
      .check();
  await panel.getByRole('button', { name: 'Save screening' }).click();
  await expect(panel.getByText(/CAGE-AID: score 1 of 4/)).toBeVisible();
  await expect(panel.getByText(/CAGE-AID question \d: answer yes or no\./)).toHaveCount(0);
  await expect(panel.getByText('Screening not saved')).toHaveCount(0);

  await panel.getByLabel('Record PHQ-2').check();
  await panel.getByRole('radiogroup', { name: /^1\./ }).getByLabel('Not at all').check();
  await panel.getByRole('radiogroup', { name: /^2\./ }).getByLabel('Not at all').check();
  await panel.getByRole('button', { name: 'Save screening' }).click();
  await expect(panel.getByText(/PHQ-2: score 0 of 6/)).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
});
