import { expect, type Page, test } from '@playwright/test';
import { MAX_FAILED_LOGINS } from '../../shared/domain/session';
import { ADMIN, type App, checkA11y, KDF_WAIT, login, newPage, OFFICER, snap, startApp } from './helpers';

/**
 * Account administration as an administrator meets it: a locked-out officer, unlock, edit,
 * the last-administrator guard, deactivate and reactivate; the keyboard lock; and an
 * administrator who forgot their password using the recovery key.
 */
test.describe.configure({ mode: 'serial' });

let app: App;
let page: Page;
let recoveryKey = '';
const TEMPORARY = 'QWXZ7-KMPT3-RVNB8';
const NEW_ADMIN_PASSWORD = 'granite-orchard-willow-19';

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  const { router } = app.harness;
  // Set up through the backend itself: this spec is about what comes after.
  const setup = await router.call('auth.setup', {
    department: {
      name: 'Testville Police Department',
      addressLine1: '100 Example Plaza',
      city: 'Testville',
      state: 'IL',
      postalCode: '60000',
    },
    admin: ADMIN,
  });
  if (!setup.ok) throw new Error(setup.error.message);
  recoveryKey = (setup.value as { recoveryKey: string }).recoveryKey;
  await router.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const created = await router.call('users.create', {
    username: OFFICER.username,
    displayName: OFFICER.displayName,
    role: 'officer',
    password: TEMPORARY,
  });
  if (!created.ok) throw new Error(created.error.message);
  await router.call('auth.logout', {});
  // All but one of the failed attempts that lock the officer out.
  for (let i = 1; i < MAX_FAILED_LOGINS; i++)
    await router.call('auth.login', { username: OFFICER.username, password: `wrong-guess-number-${i}` });
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const officerRow = () => page.getByTestId(`user-row-${OFFICER.username}`);

test('the fifth wrong password locks the account, and the login screen says so', async () => {
  await page.goto(app.harness.url);
  await login(page, OFFICER.username, 'yet-another-wrong-guess');
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts', KDF_WAIT);
  await expect(page.getByRole('alert')).toContainText('Account locked');
  await snap(page, 'login-locked-out');
  await checkA11y(page, 'login locked out');
});

test('an administrator sees the lock and unlocks the account', async () => {
  await login(page, ADMIN.username, ADMIN.password);
  await expect(heading(/Admin Example/)).toBeVisible(KDF_WAIT);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
  await expect(officerRow()).toContainText('Locked until');
  await snap(page, 'users-locked-out');
  await page.getByRole('button', { name: `Unlock ${OFFICER.username}` }).click();
  await expect(officerRow()).not.toContainText('Locked until');
  await expect(officerRow()).toContainText('Active');
});

test('edit a user; the last administrator cannot lose the role', async () => {
  await page.getByRole('button', { name: `Edit ${OFFICER.username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${OFFICER.username}` });
  await dialog.getByLabel('Display name').fill('Officer Sample-Renamed');
  await dialog.getByLabel('Role').selectOption('coresponder');
  await snap(page, 'edit-user-dialog');
  await checkA11y(page, 'edit user dialog');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(officerRow()).toContainText('Officer Sample-Renamed');
  await expect(officerRow()).toContainText('Co-responder');

  await page.getByRole('button', { name: `Edit ${ADMIN.username}` }).click();
  const own = page.getByRole('dialog', { name: `Edit ${ADMIN.username}` });
  await own.getByLabel('Role').selectOption('officer');
  await own.getByRole('button', { name: 'Save changes' }).click();
  await expect(own.getByText('This is the last active administrator; make someone else an administrator first.')).toBeVisible();
  await expect(own.getByLabel('Role')).toBeFocused();
  await own.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId(`user-row-${ADMIN.username}`)).toContainText('Administrator');
});

test('deactivate after a confirmation, then reactivate with a temporary password', async () => {
  await page.getByRole('button', { name: `More actions for ${OFFICER.username}` }).click();
  await snap(page, 'user-actions-menu');
  await checkA11y(page, 'user actions menu');
  await page.getByRole('menuitem', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: `Deactivate ${OFFICER.username}?` });
  await expect(confirm).toContainText('will no longer be able to log in');
  await snap(page, 'deactivate-confirm');
  await checkA11y(page, 'deactivate confirmation');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  // A key rotation is offered, and may be declined.
  const offer = page.getByRole('dialog', { name: 'Rotate the keys' });
  await expect(offer).toContainText(`${OFFICER.displayName}-Renamed can no longer log in. If they could have copied`);
  await snap(page, 'deactivate-offers-rotation');
  await checkA11y(page, 'rotation offered after deactivation');
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toBeHidden();
  await expect(officerRow()).toContainText('Deactivated');
  await expect(page.getByRole('button', { name: `More actions for ${OFFICER.username}` })).toHaveCount(0);

  await page.getByRole('button', { name: `Reactivate ${OFFICER.username}` }).click();
  const reactivate = page.getByRole('dialog', { name: `Reactivate ${OFFICER.username}` });
  await reactivate.getByLabel('Temporary password').fill('short');
  await reactivate.getByRole('button', { name: 'Reactivate' }).click();
  await expect(reactivate.getByText('Use at least 12 characters.')).toBeVisible();
  await reactivate.getByLabel('Temporary password').fill(TEMPORARY);
  await reactivate.getByRole('button', { name: 'Reactivate' }).click();
  await expect(reactivate).toBeHidden(KDF_WAIT);
  await expect(officerRow()).toContainText('Active');
  await expect(officerRow()).toContainText('Temporary password');
});

test('a call refused as locked brings the lock screen up, even without a lock notice', async () => {
  // The backend locks behind the window's back (as if the notice were lost on the way).
  const { backend } = app.harness;
  backend.session!.locked = true;
  backend.closeStore();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(heading('Deflect is locked')).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  await login(page.locator('#lock-root'), ADMIN.username, ADMIN.password, 'Unlock');
  await expect(heading('Audit log')).toBeVisible(KDF_WAIT);
  // The screen that was refused while locked loads once unlocked, with no stale error.
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toContainText('Unlock');
  await expect(page.getByText('Could not load the audit log')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
  await expect(heading('Users')).toBeVisible();
});

test('Ctrl+L locks the workstation from the keyboard', async () => {
  await page.keyboard.press('Control+L');
  await expect(heading('Deflect is locked')).toBeVisible();
  await expect(page.locator('#root')).toBeHidden();
  // The focus is already in the password field.
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(heading('Users')).toBeVisible(KDF_WAIT);
});

test('a wrong recovery key is refused', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Use the recovery key' }).click();
  await expect(heading('Recover an administrator account')).toBeVisible();
  await snap(page, 'recover');
  await checkA11y(page, 'recover');

  await page.getByLabel('Recovery key').fill('0000-0000-0000-0000-0000-0000-0000-0000');
  await page.getByLabel('Administrator username').fill(ADMIN.username);
  await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('That recovery key is not right.')).toBeVisible(KDF_WAIT);
});

test('the right recovery key sets the new password', async () => {
  await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase());
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('The new password is set. Log in with it now.')).toBeVisible(KDF_WAIT);
  await login(page, ADMIN.username, NEW_ADMIN_PASSWORD);
  await expect(heading(/Admin Example/)).toBeVisible(KDF_WAIT);
});
