import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { createBackend } from '../../electron/backend';
import { startBackup } from '../../electron/backend/backup/service';
import { seedStore } from '../../electron/backend/demo/seed';
import { openSlot } from '../../electron/backend/vault/slots';
import { ADMIN, type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { must } from './unit';

/**
 * Backups as an administrator meets them (issue 12): the home screen warns that there is none, the
 * folder is chosen (a wrong one is refused), "Back up now" shows its progress and the backup is listed
 * as verified; then the backup is restored into a new folder, and that store opens.
 */
test.describe.configure({ mode: 'serial' });

let app: App;
let page: Page;
let recoveryKey = '';
const scratch = join(tmpdir(), `deflect-e2e-backups-${process.pid}`);
const folder = join(scratch, 'usb-drive');
const restoreTarget = join(scratch, 'restored-store');

test.beforeAll(async ({ browser }) => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  app = await startApp();
  const setup = await must(app, 'auth.setup', {
    department: { name: 'Testville Police Department', addressLine1: '100 Example Plaza', city: 'Testville', state: 'IL' },
    admin: ADMIN,
  });
  recoveryKey = setup.recoveryKey;
  await must(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  seedStore(app.harness.backend, { people: 400, contacts: 2000, seed: 12 });
  await must(app, 'auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('the home screen tells an administrator that there is no backup yet', async () => {
  await page.goto(app.harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(heading(/Admin Example/)).toBeVisible(KDF_WAIT);
  const warning = page.getByRole('status').filter({ hasText: 'Backups need attention' });
  await expect(warning).toContainText('Backups are not set up');
  await snap(page, 'backups-home-warning');
  await warning.getByRole('link', { name: 'Open Backups' }).click();
  await expect(heading('Backups')).toBeVisible();
  await checkA11y(page, 'backups');
  await snap(page, 'backups-empty');
});

test('a folder that is not a full path, and zero daily backups, are refused at once, each at its field', async () => {
  await page.getByLabel('Backup folder').fill('usb-drive');
  await page.getByLabel('Daily backups to keep').fill('0');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByText('Enter the full backup folder')).toBeVisible();
  await expect(page.getByText('Keep at least 1 daily backup.')).toBeVisible();
  await expect(page.getByLabel('Backup folder')).toBeFocused();
  await snap(page, 'backups-settings-errors', { view: true });

  await page.getByLabel('Backup folder').fill(join(scratch, 'not-plugged-in'));
  await page.getByLabel('Daily backups to keep').fill('7');
  await page.getByRole('button', { name: 'Check folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cannot be found' })).toBeVisible();

  await page.getByLabel('Backup folder').fill(folder);
  await page.getByRole('button', { name: 'Check folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deflect can write backups to this folder' })).toBeVisible();
  await page.getByLabel('Time of day').fill('02:30');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByText('Backup settings saved')).toBeVisible();
});

test('Back up now shows its progress, then the backup is listed as verified with its audit anchor', async () => {
  // On an idle machine this small store's backup can be over before Playwright looks, so the page itself records
  // whether the progress bar was shown while the backup ran (a string run in the page: tests are typed without DOM).
  await page.evaluate(`(() => {
    window.sawBackupProgress = false;
    const seen = () => document.querySelector('[role="progressbar"][aria-label="Backup progress"]') !== null;
    new MutationObserver((_records, observer) => {
      if (seen()) {
        window.sawBackupProgress = true;
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  })()`);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.screenshot({ path: join(__dirname, '../../test-results/screenshots/backups-progress.png') });
  const done = page.getByRole('status').filter({ hasText: 'Backup written and verified' }).first();
  await expect(done).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate('window.sawBackupProgress')).toBe(true);
  await expect(done).toContainText('400 people, 2,000 contacts');
  // The daily backup is due from the moment the folder is saved (there is none yet), so it may have started
  // just before the click: then "Back up now" followed it and says so, and the log names it for what it was.
  const joined = await page.getByRole('note').filter({ hasText: 'The daily backup had just started' }).count();
  const row = page.getByTestId('backup-log-row').first();
  await expect(row).toContainText('Verified');
  await expect(row).toContainText(joined ? 'Daily' : 'Manual');
  await expect(row).toContainText(/\d+:[0-9a-f]{8}…/);
  await expect(page.getByTestId('last-good-backup')).toHaveText(/just now|minute/);
  const files = readdirSync(folder).filter((f) => f.endsWith('.deflectbackup'));
  expect(files).toHaveLength(1);
  await checkA11y(page, 'backups after a backup');
  await snap(page, 'backups-verified');
});

test('the daily backup, started while the screen is open, is shown as it runs and listed when it ends', async () => {
  // What the schedule does at its time (it checks every minute): the screen is not told, it looks.
  const rows = page.getByTestId('backup-log-row');
  const before = await rows.count();
  startBackup(app.harness.backend, folder, 'scheduled');
  await expect(rows).toHaveCount(before + 1, { timeout: 20_000 });
  const row = rows.first();
  await expect(row).toContainText('Daily');
  await expect(row).toContainText('Verified');
  await expect(page.getByRole('status').filter({ hasText: 'Backup written and verified' }).first()).toBeVisible();
  await expect(page.getByTestId('last-good-backup')).toHaveText(/just now|minute/);
});

test('the backup is restored into a new folder after its checks, and the restored store opens', async () => {
  const file = join(
    folder,
    readdirSync(folder).find((f) => f.endsWith('.deflectbackup'))!,
  );
  await page.getByRole('button', { name: 'Restore a backup' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(dialog.getByLabel('Restore into this new folder')).toHaveValue(/-restored-\d{8}-\d{4}$/);

  // A wrong recovery key is refused at its field, and nothing is written.
  await dialog.getByLabel('Backup file').fill(file);
  await dialog.getByLabel('Recovery key').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
  await dialog.getByLabel('Restore into this new folder').fill(restoreTarget);
  await dialog.getByLabel('Switch this workstation to the restored store once it is checked').uncheck();
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByText('This recovery key does not open this backup')).toBeVisible(KDF_WAIT);
  await expect(dialog.getByLabel('Recovery key')).toBeFocused();
  await snap(page, 'backups-restore-wrong-key');
  await checkA11y(page, 'restore dialog with an error');
  expect(existsSync(join(restoreTarget, 'deflect.db'))).toBe(false);

  await dialog.getByLabel('Recovery key').fill(recoveryKey.toLowerCase());
  await dialog.getByRole('button', { name: 'Restore' }).click();
  const restored = dialog.getByRole('status').filter({ hasText: 'Restored and checked' });
  await expect(restored).toBeVisible({ timeout: 60_000 });
  await expect(restored).toContainText('400 people, 2,000 contacts');
  await expect(restored).toContainText('The store in use here was not changed');
  await snap(page, 'backups-restored');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The restored folder is a complete store: it opens with the administrator's password of the time.
  const { backend, router } = createBackend({ dataDir: restoreTarget });
  try {
    const r = await router.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(r.ok).toBe(true);
    const status = await router.call('system.status', {});
    expect(status.ok && (status.value as { tables: Record<string, number> }).tables.persons).toBe(400);
  } finally {
    backend.shutdown();
  }
});

test('the keys are rotated: the new recovery key is shown, typed back, and then the only one that opens the store', async () => {
  // As in a store set up before clinical notes had their own key: the recovery slot holds no clinical key.
  const vaultPath = join(app.harness.backend.dataDir, 'deflect.vault.json');
  const stored = JSON.parse(readFileSync(vaultPath, 'utf8')) as { slots: { kind: string; clinical: unknown }[] };
  stored.slots.find((s) => s.kind === 'recovery')!.clinical = null;
  writeFileSync(vaultPath, JSON.stringify(stored, null, 2));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  const gap = page.getByRole('status').filter({ hasText: 'The recovery key does not open clinical notes' });
  await expect(gap).toContainText('Rotate the keys once');
  await snap(page, 'keys-home-recovery-warning');
  await gap.getByRole('link', { name: 'Open Keys' }).click();
  await expect(heading('Keys')).toBeVisible();
  await expect(gap).toBeVisible();
  await checkA11y(page, 'keys with the recovery-key warning');
  await snap(page, 'keys-recovery-warning');
  await expect(page.getByTestId('last-rotated')).toHaveText('Never since setup');
  await page.getByRole('button', { name: 'Rotate the keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate the keys' });
  await expect(dialog).toContainText('the database is re-encrypted with a new data key');
  await snap(page, 'keys-rotate-explained');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const shown = (await dialog.getByTestId('recovery-key').textContent())!.trim();
  expect(shown).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  await checkA11y(page, 'key rotation: the new recovery key');
  await snap(page, 'keys-rotate-new-recovery-key');
  // The printed sheet holds the new key.
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(__dirname, '../../test-results/screenshots/keys-rotate-print.png') });
  await page.emulateMedia({ media: 'screen' });

  // Typed back wrong, and no password: both marked at once, nothing rotated.
  await dialog.getByLabel('Type the new recovery key to confirm you wrote it down').fill(recoveryKey);
  await dialog.getByRole('button', { name: 'Rotate the keys' }).click();
  await expect(dialog.getByText('Enter your password.')).toBeVisible();
  await dialog.getByLabel('Your password').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Rotate the keys' }).click();
  await expect(dialog.getByText('This is not the new recovery key shown above')).toBeVisible();
  await expect(dialog.getByLabel('Type the new recovery key to confirm you wrote it down')).toBeFocused();
  await snap(page, 'keys-rotate-wrong-key');

  await dialog.getByLabel('Type the new recovery key to confirm you wrote it down').fill(shown.toLowerCase().replace(/-/g, ' '));
  await dialog.getByRole('button', { name: 'Rotate the keys' }).click();
  const done = dialog.getByRole('status').filter({ hasText: 'The keys were rotated' });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('re-sealed');
  await snap(page, 'keys-rotated');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('last-rotated')).not.toHaveText('Never since setup');
  await expect(gap).toBeHidden();
  await snap(page, 'keys-after-rotation');

  // The work goes on in the same session, under the new keys.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'People' }).click();
  await expect(heading('People')).toBeVisible();
  const vault = app.harness.backend.readVault();
  const slot = vault.slots.find((s) => s.kind === 'recovery')!;
  expect(await openSlot(vault, slot, shown)).not.toBeNull();
  expect(await openSlot(vault, slot, recoveryKey)).toBeNull();
});

test('before login, "Restore from a backup" is offered on the login screen', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(heading('Restore from a backup')).toBeVisible();
  await expect(page.getByLabel('Switch this workstation to the restored store once it is checked')).toBeChecked();
  await checkA11y(page, 'restore before login');
  await snap(page, 'restore-before-login');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(heading('Log in to Deflect')).toBeVisible();
});
