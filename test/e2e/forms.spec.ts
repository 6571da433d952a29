import { expect, type Locator, type Page, test } from '@playwright/test';
import { generateDirectory } from '../../electron/backend/demo/directory';
import type { Role } from '../../shared/domain/roles';
import { type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { credentials, must, setUpUnit } from './unit';

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
  await must(app, 'providers.saveService', {
    organizationId: org.id,
    name: 'Riverside Counselling Centre',
    status: 'active',
    description: 'Counselling for adults and families.',
    serviceTypes: ['outpatient_mental_health'],
    walkIns: false,
    requiredDocuments: [],
    languages: [],
    phones: [{ number: '(312) 555-0177' }],
    hours: [],
  });
  // A small synthetic directory, with imported taxonomy terms nobody has mapped yet.
  generateDirectory(app.harness.backend.requireDb(), { services: 30, seed: 5, now: Date.now() });
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

test('add a provider: organisation and name are marked at once, and the organisation list stays closed over them', async () => {
  await page.goto(`${app.harness.url}#/providers`);
  await page.getByRole('button', { name: 'Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a provider' });
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  const organisation = dialog.getByRole('textbox', { name: 'Organisation' });
  const name = dialog.getByRole('textbox', { name: 'Service name' });
  await expectFieldError(organisation, 'Choose the organisation that runs this service.');
  await expectFieldError(name, 'Service name is required.');
  await expect(organisation).toBeFocused();
  // The focus does not open the organisation's list over the problems below it.
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(dialog.getByText('Service name is required.', { exact: true }).last()).toBeInViewport();
  await snap(page, 'form-errors-add-provider', { view: true });
  // The list still opens from the keyboard, and the dialog stays open after Escape closes it.
  await organisation.press('ArrowDown');
  await expect(page.getByRole('listbox')).toBeVisible();
  await organisation.press('Escape');
  await expect(dialog).toBeVisible();
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

/** Interactive elements a toast on screen lies over: there must be none. */
async function actionsUnderToasts(): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const toasts = [...document.querySelectorAll('.mantine-Notification-root')].map((t) => t.getBoundingClientRect());
    const hits = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex="0"]')) {
      if (el.closest('.mantine-Notification-root')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
      for (const t of toasts)
        if (r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom)
          hits.push((el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40));
    }
    return hits;
  })()`);
}

test('clinical note: an empty note is refused, and a 10,000-character unbroken note wraps inside its panel', async () => {
  const panel = page.getByTestId('clinical-panel');
  await panel.getByRole('button', { name: 'Add note' }).click();
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expectFieldError(panel.getByLabel('Clinical note'), 'Write the clinical note: it cannot be empty.');
  await expect(panel.getByLabel('Clinical note')).toBeFocused();
  await snap(page, 'form-errors-clinical-note', { view: true });
  await panel.getByLabel('Clinical note').fill('x'.repeat(10_000));
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByTestId('clinical-note')).toContainText('xxxxxxxx');
  const overflow = await page.evaluate<number>(
    `(function (el) { return el.scrollWidth - el.clientWidth; })(document.querySelector('[data-testid="clinical-panel"]'))`,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect(
    await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  ).toBeLessThanOrEqual(0);
  await snap(page, 'clinical-note-long');
});

test('intake: an unidentified person is offered before typing, keeps what was typed, and -3 naloxone doses is refused', async () => {
  await page.goto(`${app.harness.url}#/intake`);
  const search = page.getByLabel('Who was the contact with?');
  await search.focus();
  await expect(page.getByRole('option', { name: 'Unidentified person (description only)' })).toBeVisible();
  await search.fill('man in red jacket');
  await page.getByRole('option', { name: 'Unidentified person described as “man in red jacket”' }).click();
  await expect(page.getByLabel('Description')).toHaveValue('man in red jacket');

  const doses = page.getByRole('textbox', { name: 'Naloxone doses given' });
  await doses.fill('-3');
  await page.getByRole('button', { name: 'Save intake' }).click();
  await expectFieldError(doses, 'Naloxone doses cannot be negative.');
  await expect(doses).toHaveValue('-3');
  await snap(page, 'form-errors-intake-naloxone', { view: true });
  await page.getByRole('button', { name: 'Clear form' }).click();
});

test('home: a recent contact is a link named by its date and pathway, and says whose it is', async () => {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  const recent = page.getByRole('region', { name: 'Recent contacts' });
  const link = recent.getByRole('link').first();
  await expect(link).toHaveText(/, \d{1,2}:\d\d [AP]M · (Active outreach|Self-referral|Naloxone plus|Officer|Community)/);
  await expect(link).toHaveAccessibleName(/: contact with (Marrow, Ilsa|an unidentified person)$/);
  await link.click();
  await expect(heading(/^Contact on /)).toBeVisible();
});

test('provider search tolerates spelling; filtering by need says why imported services may be missing', async () => {
  await logInAs('coordinator');
  await page.goto(`${app.harness.url}#/providers`);
  await page.getByLabel('Search').fill('counseling');
  await expect(page.getByTestId('provider-row').filter({ hasText: 'Riverside Counselling Centre' })).toBeVisible();
  await page.getByLabel('Search').fill('');
  await page.getByRole('textbox', { name: 'Need' }).fill('housing');
  await page.getByRole('option', { name: 'Housing' }).click();
  await page.keyboard.press('Escape');
  const note = page.getByTestId('unmapped-terms-note');
  await expect(note).toContainText('2 imported taxonomy terms are not mapped to service types yet');
  await snap(page, 'providers-unmapped-terms-note', { view: true });
  await note.getByRole('link', { name: 'Map the taxonomy terms' }).click();
  await expect(heading('Taxonomy terms')).toBeVisible();
  await expect(page.getByTestId('term-row')).toHaveCount(2);
});

test('settings: out-of-range lock minutes, a written-out state and a phone of words are refused on their fields; the toast covers no button', async () => {
  await logInAs('admin');
  await page.goto(`${app.harness.url}#/settings`);
  const minutes = page.getByLabel('Lock after this many minutes without activity');
  const phone = page.getByLabel('Phone');
  const name = page.getByLabel('Department name');
  await name.fill('x'.repeat(10_000));
  await expect(name).toHaveValue('x'.repeat(120));
  await name.fill('Testville Police Department');
  await phone.fill('call me');
  await minutes.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expectFieldError(phone, 'Phone: enter a number such as (312) 555-0100');
  await expectFieldError(minutes, /must be from 1 to 30 minutes/);
  // What was typed stays as typed: 0 is not quietly turned into 1.
  await expect(minutes).toHaveValue('0');
  await expect(phone).toBeFocused();
  await snap(page, 'form-errors-settings', { view: true });
  await minutes.fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expectFieldError(minutes, /must be from 1 to 30 minutes/);
  await expect(minutes).toHaveValue('45');

  // The state is chosen from the list, or typed out in full or as its code and taken on Tab.
  const state = page.getByRole('textbox', { name: 'State' });
  await state.fill('wisconsin');
  await page.keyboard.press('Tab');
  await expect(state).toHaveValue('Wisconsin (WI)');
  await phone.fill('(608) 555-0100');
  await minutes.fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'State' })).toHaveValue('Wisconsin (WI)');
  expect(await actionsUnderToasts()).toEqual([]);
  await snap(page, 'settings-saved-toast', { view: true });
  // The save button is free: a second save answers at once.
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Nothing to save')).toBeVisible();

  // The audit log says it in words: plain labels in the filter, usernames, sentences.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
  const options = await page.getByLabel('Action').locator('option').allInnerTexts();
  expect(options.filter((o) => /^[a-z]+\.[a-zA-Z]+$/.test(o))).toEqual([]);
  const log = page.getByRole('table', { name: 'Audit log entries' });
  await expect(log.getByRole('row').filter({ hasText: 'Settings changed' }).first()).toContainText(
    'Changed the department letterhead and the inactivity lock (now 10 minutes).',
  );
  await snap(page, 'audit-log-sentences');
  await page.getByLabel('Action').selectOption({ label: 'User created' });
  await expect(log).toContainText(`User ${credentials('coordinator').username}`);
  await expect(log).toContainText('Role: Coordinator.');
  await expect(log).not.toContainText(ids.coordinator.slice(0, 8));
});

test('letter template: no name and an unknown placeholder are both marked on the first save', async () => {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Letters' }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  const text = page.getByRole('textbox', { name: 'Text' });
  await text.fill('Dear {{provider.name}},\n\nPlease see {{person.nmae}}.');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expectFieldError(page.getByRole('textbox', { name: 'Name' }), 'Template name is required.');
  await expectFieldError(text, 'Unknown placeholder {{person.nmae}} (line 3).');
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await snap(page, 'form-errors-template', { view: true });
  // Fixing the placeholder takes its mark away as it is typed.
  await text.fill('Dear {{provider.name}},\n\nPlease see {{person.name}}.');
  await expect(text).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Close' }).click();
});

test('login and lock: a failed attempt takes the logged-out notice away; empty fields are flagged; the lock screen says "Could not unlock"', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('You have logged out.')).toBeVisible();
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expectFieldError(page.getByLabel('Username'), 'Enter your username.');
  await expectFieldError(page.getByLabel('Password', { exact: true }), 'Enter your password.');
  await login(page, credentials('admin').username, 'not-the-password-at-all');
  await expect(page.getByRole('alert')).toContainText('Could not log in', KDF_WAIT);
  await expect(page.getByText('You have logged out.')).toHaveCount(0);
  await snap(page, 'form-errors-login', { view: true });

  await login(page, credentials('admin').username, credentials('admin').password);
  await expect(heading(/Admin Example/)).toBeVisible(KDF_WAIT);
  await page.keyboard.press('Control+L');
  const lock = page.locator('#lock-root');
  await expect(lock.getByRole('heading', { name: 'Deflect is locked' })).toBeVisible();
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expectFieldError(lock.getByLabel('Password', { exact: true }), 'Enter your password.');
  await lock.getByLabel('Password', { exact: true }).fill('not-the-password-at-all');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toContainText('Could not unlock', KDF_WAIT);
  await snap(page, 'form-errors-unlock', { view: true });
  await lock.getByLabel('Password', { exact: true }).fill(credentials('admin').password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading(/Admin Example/)).toBeVisible(KDF_WAIT);
});

test('wording matches the field: "Username is required", and the temporary password by its name', async () => {
  await page.goto(`${app.harness.url}#/users`);
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expectFieldError(dialog.getByLabel('Username'), 'Username is required.');
  await expectFieldError(dialog.getByLabel('Display name'), 'Display name is required.');
  await expectFieldError(dialog.getByLabel('Temporary password'), 'Enter a password.');
  await snap(page, 'form-errors-create-user', { view: true });
  await dialog.getByLabel('Username').fill('ofc.temp');
  await dialog.getByLabel('Display name').fill('Officer Temp');
  await dialog.getByLabel('Temporary password').fill('QWXZ7-KMPT3-RVNB8');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden(KDF_WAIT);

  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'ofc.temp', 'QWXZ7-KMPT3-RVNB8');
  await expect(heading('Choose your own password')).toBeVisible(KDF_WAIT);
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expectFieldError(page.getByLabel('Temporary password'), 'Enter your temporary password.');
  await expectFieldError(page.getByLabel('New password', { exact: true }), 'Enter a password.');
  await snap(page, 'form-errors-forced-password-change', { view: true });
  await page.getByLabel('Temporary password').fill('wrong-temporary-1');
  await page.getByLabel('New password', { exact: true }).fill('juniper-falcon-ember-63');
  await page.getByLabel('Confirm new password').fill('juniper-falcon-ember-63');
  await page.getByRole('button', { name: 'Set password and continue' }).click();
  await expectFieldError(page.getByLabel('Temporary password'), 'This is not your temporary password.');
});
