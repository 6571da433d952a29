import { expect, type Page, test } from '@playwright/test';
import {
  ADMIN,
  type App,
  callFromPage,
  checkA11y,
  DEPARTMENT,
  KDF_WAIT,
  login,
  newPage,
  OFFICER,
  osLock,
  snap,
  startApp,
} from './helpers';

/**
 * The foundation, as staff meet it: first-run setup, the recovery key, login with the
 * system-use banner, the idle and OS locks (unsaved work survives for the same user and is
 * discarded for another), users and roles, settings, the audit log and the role refusal.
 */
test.describe.configure({ mode: 'serial' });

let app: App;
let page: Page;
let officerTemporaryPassword = '';

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  page = await newPage(browser);
  // The idle lock runs on the page's clock; installed before load, time still flows until a test jumps it.
  await page.clock.install();
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const nav = () => page.getByRole('navigation', { name: 'Main navigation' });
const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The lock screen lives outside the (then hidden) app root. */
const lockScreen = () => page.locator('#lock-root');

test('first run: the setup form reports each problem beside its field', async () => {
  await page.goto(app.harness.url);
  await expect(heading('Set up Deflect')).toBeVisible();
  await expect(page.getByText('have at least 12 characters')).toBeVisible();
  await snap(page, 'setup');
  await checkA11y(page, 'setup');

  // Nothing filled: each required field says what it needs, and the focus goes to the first.
  await page.getByRole('button', { name: 'Set up Deflect' }).click();
  // Every problem at once, each on its field, listed above the form too; the first has the focus.
  await expect(page.getByLabel('Department name')).toHaveAccessibleDescription('Department name is required.');
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/Username is required\./);
  await expect(page.getByLabel('Display name')).toHaveAccessibleDescription(/Display name is required\./);
  await expect(page.getByLabel(/^Password/)).toHaveAccessibleDescription('Enter a password.');
  await expect(page.getByTestId('error-summary')).toContainText('4 problems to fix');
  // Each item of the summary names its field (a message that already starts with it is not repeated).
  await expect(page.getByTestId('error-summary').getByRole('listitem')).toHaveText([
    'Department name is required.',
    'Username is required.',
    'Display name is required.',
    'Password: Enter a password.',
  ]);
  await expect(page.getByText('City is required.')).toHaveCount(0);
  await expect(page.getByLabel('Department name')).toBeFocused();

  await page.getByLabel('Department name').fill(DEPARTMENT.name);
  await page.getByLabel('Street address').fill(DEPARTMENT.street);
  await page.getByLabel('City').fill(DEPARTMENT.city);
  await page.getByRole('textbox', { name: 'State' }).fill(DEPARTMENT.state);
  await page.getByLabel('ZIP code').fill('6000');
  await page.getByLabel('Phone').fill(DEPARTMENT.phone);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.displayName);
  await page.getByLabel(/^Password/).fill('testville-admin-2026');
  await page.getByLabel('Confirm password').fill('testville-admin-2026');
  await page.getByRole('button', { name: 'Set up Deflect' }).click();
  await expect(page.getByLabel('ZIP code')).toHaveAccessibleDescription('Enter a ZIP code such as 60426 or 60426-1234.');
  await expect(page.getByLabel(/^Password/)).toHaveAccessibleDescription(
    'The password must not contain your username or the department name.',
  );
  await expect(page.getByLabel('ZIP code')).toBeFocused();
  await snap(page, 'setup-errors');
  await checkA11y(page, 'setup with errors');
});

test('the recovery key: shown once, copied (and cleared a minute later), stored before continuing', async () => {
  await page.getByLabel('ZIP code').fill(DEPARTMENT.zip);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Set up Deflect' }).click();
  await expect(heading('Your recovery key')).toBeVisible(KDF_WAIT);

  const key = (await page.getByTestId('recovery-key').innerText()).trim();
  expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await snap(page, 'recovery-key');
  await checkA11y(page, 'recovery key');

  // No "save as file" (it would leave the key on this computer); Copy puts it on the clipboard for one minute.
  await expect(page.getByRole('button', { name: /save/i })).toHaveCount(0);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.install();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('button', { name: /Copied/ })).toBeVisible();
  const clipboard = () => page.evaluate<string>('navigator.clipboard.readText()');
  expect(await clipboard()).toBe(key);
  await page.clock.runFor(59_000);
  expect(await clipboard()).toBe(key);
  await page.clock.runFor(2_000);
  await expect.poll(clipboard).toBe('');

  // Continue stays disabled until the user confirms they stored the key.
  const continueButton = page.getByRole('button', { name: 'Continue to log in' });
  await expect(continueButton).toBeDisabled();
  await page.getByLabel('I have stored the recovery key somewhere safe, away from this computer').check();
  await expect(continueButton).toBeEnabled();
  await continueButton.click();
  await expect(heading('Log in to Deflect')).toBeVisible();
});

test('login shows the banner; a wrong password is refused clearly', async () => {
  await expect(page.getByTestId('system-banner')).toContainText('authorised use by department staff only');
  await expect(page.getByText(DEPARTMENT.name)).toBeVisible();
  await snap(page, 'login');
  await checkA11y(page, 'login');

  await login(page, ADMIN.username, 'not-the-right-password');
  await expect(page.getByRole('alert')).toContainText('Wrong username or password.', KDF_WAIT);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await snap(page, 'login-error');
  await checkA11y(page, 'login with an error');
});

test('after login, Home shows who is signed in and every administrator screen', async () => {
  await login(page, ADMIN.username, ADMIN.password);
  await expect(heading(`, ${ADMIN.displayName}`)).toBeVisible(KDF_WAIT);
  await expect(page.getByTestId('header-department')).toHaveText(DEPARTMENT.name);
  for (const entry of ['Home', 'Users', 'Audit log', 'Settings', 'My account']) {
    await expect(nav().getByRole('link', { name: entry })).toBeVisible();
  }
  await snap(page, 'home');
  await checkA11y(page, 'home');
});

test('settings: the banner must be long enough; the idle lock is set to 2 minutes', async () => {
  await nav().getByRole('link', { name: 'Settings' }).click();
  await expect(heading('Settings')).toBeVisible();
  await expect(page.getByLabel('Department name')).toHaveValue(DEPARTMENT.name);
  await snap(page, 'settings');
  await checkA11y(page, 'settings');

  const banner = page.getByLabel('Banner text');
  const original = await banner.inputValue();
  await banner.fill('Too short');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(banner).toHaveAccessibleDescription(/The system-use banner must be at least 20 characters\./);
  await expect(banner).toBeFocused();
  await banner.fill(original);

  await page.getByLabel('Lock after this many minutes without activity').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
});

test('the users screen; a create-user form is half typed', async () => {
  await nav().getByRole('link', { name: 'Users' }).click();
  await expect(heading('Users')).toBeVisible();
  await expect(page.getByTestId(`user-row-${ADMIN.username}`)).toContainText('Administrator');
  await snap(page, 'users');
  await checkA11y(page, 'users');

  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Username').fill(OFFICER.username);
  await dialog.getByLabel('Display name').fill(OFFICER.displayName);
  await snap(page, 'create-user-dialog');
  await checkA11y(page, 'create user dialog');
});

test('idle lock hides the app; the same user unlocks and the half-typed form is still there', async () => {
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  // Two minutes and a bit without activity.
  await page.clock.fastForward('02:05');
  await expect(heading('Deflect is locked')).toBeVisible();
  await expect(lockScreen().getByTestId('locked-by')).toContainText(`Locked by ${ADMIN.displayName}`);
  await expect(lockScreen().getByTestId('system-banner')).toBeVisible();
  // Hidden, not merely covered: the form behind cannot be seen or reached.
  await expect(page.locator('#root')).toBeHidden();
  await expect(dialog).toBeHidden();
  await snap(page, 'lock');
  await checkA11y(page, 'lock');
  // The backend is locked as well: a call from the page is refused.
  expect(await callFromPage(page, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });

  await expect(lockScreen().getByLabel('Username')).toHaveValue(ADMIN.username);
  await lockScreen().getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await lockScreen().getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog).toBeVisible(KDF_WAIT);
  await expect(dialog.getByLabel('Username')).toHaveValue(OFFICER.username);
  await expect(dialog.getByLabel('Display name')).toHaveValue(OFFICER.displayName);
});

test('create an officer with a temporary password', async () => {
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Role').selectOption('officer');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  officerTemporaryPassword = await dialog.getByLabel('Temporary password').inputValue();
  expect(officerTemporaryPassword).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden(KDF_WAIT);
  const row = page.getByTestId(`user-row-${OFFICER.username}`);
  await expect(row).toContainText(OFFICER.displayName);
  await expect(row).toContainText('Officer');
  await expect(row).toContainText('Temporary password');
  await expect(row).toContainText('Never');

  // A taken username is reported next to the username field.
  await page.getByRole('button', { name: 'Create user' }).click();
  const again = page.getByRole('dialog', { name: 'Create user' });
  await again.getByLabel('Username').fill(OFFICER.username);
  await again.getByLabel('Display name').fill('Someone Else');
  await again.getByRole('button', { name: 'Generate' }).click();
  await again.getByRole('button', { name: 'Create user' }).click();
  await expect(again.getByText('This username is already taken.')).toBeVisible(KDF_WAIT);
  await expect(again.getByLabel('Username')).toBeFocused();
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();
});

test('audit log lists the idle lock and verifies the chain', async () => {
  await nav().getByRole('link', { name: 'Audit log' }).click();
  await expect(heading('Audit log')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toContainText('User created');
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByText('The audit log is intact')).toBeVisible();
  // The head is shown as an anchor to write down; entered later, the log must still reach it.
  const anchor = (await page.getByTestId('audit-anchor').locator('pre, code').first().innerText()).trim();
  expect(anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
  const anchorField = page.getByLabel('Anchor written down earlier (optional)');
  await anchorField.fill('last tuesday');
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(anchorField).toHaveAccessibleDescription(/enter it as the sequence number/);
  await expect(anchorField).toBeFocused();
  await anchorField.fill(anchor);
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByText(/entry \d+ as the anchor entered records it/)).toBeVisible();
  await anchorField.fill(`999999:${'0'.repeat(64)}`);
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByRole('alert', { name: 'The audit log has been altered' })).toContainText('entries were deleted');
  await snap(page, 'audit-log-anchor-mismatch');
  await anchorField.fill('');
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByText('The audit log is intact')).toBeVisible();
  await page.getByLabel('Action').selectOption('auth.lock');
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toContainText('Locked after a period without activity.');
  await snap(page, 'audit-log');
  await checkA11y(page, 'audit log');
});

test('my account shows who is signed in', async () => {
  await nav().getByRole('link', { name: 'My account' }).click();
  await expect(heading('My account')).toBeVisible();
  await expect(page.getByText(ADMIN.username, { exact: true })).toBeVisible();
  await snap(page, 'my-account');
  await checkA11y(page, 'my account');
});

test('the officer logs in and must first replace the temporary password', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(heading('Log in to Deflect')).toBeVisible();
  await expect(page.getByText('You have logged out.')).toBeVisible();

  await login(page, OFFICER.username, officerTemporaryPassword);
  await expect(heading('Choose your own password')).toBeVisible(KDF_WAIT);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await snap(page, 'forced-password-change');
  await checkA11y(page, 'forced password change');
  // Until then the backend refuses everything else too.
  expect(await callFromPage(page, 'settings.update', { idleLockMinutes: 5 })).toMatchObject({
    ok: false,
    error: { code: 'password_change_required' },
  });

  await page.getByLabel('Temporary password').fill(officerTemporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(OFFICER.password);
  await page.getByLabel('Confirm new password').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Set password and continue' }).click();
});

test('the officer sees only what an officer may; the backend refuses the rest', async () => {
  await expect(heading(`, ${OFFICER.displayName}`)).toBeVisible(KDF_WAIT);
  await expect(page.getByText('Officer', { exact: true }).first()).toBeVisible();
  await expect(nav().getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav().getByRole('link', { name: 'My account' })).toBeVisible();
  for (const hidden of ['Users', 'Audit log', 'Settings']) {
    await expect(nav().getByRole('link', { name: hidden })).toHaveCount(0);
  }
  await snap(page, 'officer-home');
  await checkA11y(page, 'officer home');

  await page.goto(`${app.harness.url}#/users`);
  await expect(page.getByText('Your role does not allow this screen.')).toBeVisible();
  await snap(page, 'refusal');
  await checkA11y(page, 'refusal');
  expect(await callFromPage(page, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await page.getByRole('link', { name: 'Back to Home' }).click();
  await expect(heading(`, ${OFFICER.displayName}`)).toBeVisible();
});

test('OS lock shows the lock screen; another user unlocking discards the previous user’s unsaved work', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, ADMIN.username, ADMIN.password);
  await expect(heading(`, ${ADMIN.displayName}`)).toBeVisible(KDF_WAIT);
  await nav().getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Display name').fill('Unsaved Admin Draft');

  await osLock(app);
  await expect(heading('Deflect is locked')).toBeVisible();
  await expect(lockScreen().getByTestId('locked-by')).toContainText(`Locked by ${ADMIN.displayName}`);
  await expect(page.locator('#root')).toBeHidden();

  await login(lockScreen(), OFFICER.username, OFFICER.password, 'Unlock');
  await expect(heading(`, ${OFFICER.displayName}`)).toBeVisible(KDF_WAIT);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('Unsaved Admin Draft')).toHaveCount(0);
  await expect(nav().getByRole('link', { name: 'Users' })).toHaveCount(0);

  // And the administrator, logging back in, starts afresh at Home.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, ADMIN.username, ADMIN.password);
  await expect(heading(`, ${ADMIN.displayName}`)).toBeVisible(KDF_WAIT);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
