import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Router } from '../../electron/backend';
import { generate } from '../../electron/backend/demo/generator';
import { ADMIN, type App, callFromPage, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';

/**
 * Intake as the unit meets it: an officer records a new person with the keyboard alone; a misspelt name
 * finds the person already on record; the officer never sees what a co-responder wrote clinically; a draft
 * survives the backend being killed mid-entry; the home dashboard; the demo store.
 */
test.describe.configure({ mode: 'serial' });

const OFFICER = { username: 'ofc.rivera', displayName: 'Officer Rivera', password: 'lantern-meadow-copper-77' };
const CORESPONDER = { username: 'cr.okafor', displayName: 'Co-responder Okafor', password: 'harbour-violet-spruce-31' };
const CLINICAL_NOTE = 'Reports low mood since losing housing; safety plan reviewed together.';
const KNOWN = { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' };

let app: App;
let page: Page;
let knownPersonId = '';
let knownContactId = '';

async function must<T>(router: Router, name: string, input: unknown): Promise<T> {
  const r = await router.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** Creates an account that has already chosen its own password. */
async function addStaff(router: Router, who: typeof OFFICER, role: string): Promise<string> {
  await must(router, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  const temporary = 'QWXZ7-KMPT3-RVNB8';
  const { user } = await must<{ user: { id: string } }>(router, 'users.create', {
    username: who.username,
    displayName: who.displayName,
    role,
    password: temporary,
  });
  await must(router, 'auth.login', { username: who.username, password: temporary });
  await must(router, 'auth.changePassword', { currentPassword: temporary, newPassword: who.password });
  return user.id;
}

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  const { router, backend } = app.harness;
  await must(router, 'auth.setup', { department: { name: 'Testville Police Department' }, admin: ADMIN });
  const officerId = await addStaff(router, OFFICER, 'officer');
  const coresponderId = await addStaff(router, CORESPONDER, 'coresponder');
  // Some synthetic people for the search to choose among, and a week of contacts for the dashboard.
  generate(backend.requireDb(), {
    people: 120,
    contacts: 400,
    seed: 4,
    now: Date.now(),
    clinicalKey: backend.requireClinicalKey(),
    staff: { officers: [officerId], coResponders: [coresponderId], creator: coresponderId },
  });
  // The co-responder records a contact with a clinical note and a positive PHQ-2.
  const saved = await must<{ contact: { id: string }; person: { id: string } }>(router, 'contacts.create', {
    subject: { kind: 'new', person: KNOWN, allowDuplicate: true },
    contact: {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      pathway: 'active_outreach',
      referralSource: 'outreach',
      needs: ['mental_health', 'housing'],
      disposition: 'warm_handoff',
      officerIds: [officerId],
      coResponderId: coresponderId,
      narrative: 'Met near the library; agreed to an appointment.',
      clinicalNote: CLINICAL_NOTE,
    },
    screenings: [{ instrument: 'phq2', answers: [2, 3] }],
    followup: {
      dueDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      assigneeId: officerId,
      note: 'Check the appointment happened',
    },
  });
  knownPersonId = saved.person.id;
  knownContactId = saved.contact.id;
  await must(router, 'auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Presses Tab until the focused element is the one named; fails if it never gets there. */
async function tabTo(p: Page, name: string | RegExp, max = 80): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text.trim() === name : name.test(text));
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    // A string, not a function: this file is compiled without the DOM types.
    const label = await p.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const byLabel = (el.labels && el.labels[0] && el.labels[0].textContent) || '';
      return (byLabel || el.getAttribute('aria-label') || el.textContent || '').replace(/\\s*\\*\\s*$/, '');
    })()`);
    if (matches(label)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

/** In an open listbox, moves the highlight down until the option named is highlighted. */
async function arrowTo(p: Page, name: RegExp, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    const selected = p.locator('[role="option"][aria-selected="true"]');
    if ((await selected.count()) && name.test((await selected.first().textContent()) ?? '')) return;
    await p.keyboard.press('ArrowDown');
  }
  throw new Error(`No option ${String(name)} in the list`);
}

test('an officer records an intake for a new person with the keyboard only', async () => {
  test.setTimeout(180_000);
  await page.goto(app.harness.url);
  await login(page, OFFICER.username, OFFICER.password);
  await expect(heading(/Officer Rivera/)).toBeVisible(KDF_WAIT);

  await tabTo(page, 'New intake');
  await page.keyboard.press('Enter');
  await expect(heading('New intake')).toBeVisible();
  await expect(page.getByLabel('Who was the contact with?')).toBeFocused();
  await page.keyboard.type('Mirelo Dansworth');
  await expect(page.getByRole('option', { name: /Create a new person: “Mirelo Dansworth”/ })).toBeVisible();
  await arrowTo(page, /Create a new person/);
  await page.keyboard.press('Enter');

  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByLabel('First name')).toHaveValue('Mirelo');
  await expect(page.getByLabel('Last name')).toHaveValue('Dansworth');
  await tabTo(page, 'Date of birth');
  await page.keyboard.type('07141991');
  await tabTo(page, 'Housing status');
  await page.keyboard.type('unsheltered');
  await page.keyboard.press('Enter');

  await tabTo(page, 'Location');
  await page.keyboard.type('1400 block of Vorn Ave');
  await tabTo(page, 'Pathway');
  await page.keyboard.type('prevention');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Referral source');
  await page.keyboard.type('patrol');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Needs and presenting issues');
  await page.keyboard.type('opioid');
  await page.keyboard.press('Enter');
  await page.keyboard.type('housing');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await tabTo(page, 'Disposition');
  await page.keyboard.type('warm');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Narrative');
  await page.keyboard.type('Found sleeping in the bus shelter; agreed to see the co-responder tomorrow.');
  await tabTo(page, 'Add a follow-up task');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Due date')).toBeVisible();
  await page.keyboard.press('Control+Enter');

  await expect(heading('Dansworth, Mirelo')).toBeVisible();
  const card = page.getByTestId('contact-card').first();
  await expect(card).toContainText('Officer prevention');
  await expect(card).toContainText('Opioid use');
  await expect(page.getByTestId('followup-item')).toHaveCount(1);
});

test('a near-duplicate name shows the person already on record', async () => {
  await page.goto(`${app.harness.url}#/intake`);
  await expect(heading('New intake')).toBeVisible();
  await page.getByLabel('Who was the contact with?').pressSequentially('Ravito Qeundell');
  await expect(page.getByRole('option', { name: 'Quendell, Ravito' })).toBeVisible();

  // Choosing "new person" anyway: the duplicate warning names the existing record.
  await arrowTo(page, /Create a new person/);
  await page.keyboard.press('Enter');
  await page.getByLabel('Date of birth').fill(KNOWN.dateOfBirth);
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toContainText('Quendell, Ravito');
  await snap(page, 'intake-duplicate-warning');
  await checkA11y(page, 'intake with duplicate warning');
  await warning.getByRole('button', { name: 'Use Quendell, Ravito' }).click();
  await expect(page.getByTestId('chosen-person')).toContainText('Quendell, Ravito');
  await page.getByRole('button', { name: 'Clear form' }).click();
});

test('the officer cannot see the clinical note or screening answers, in the window or by a direct call', async () => {
  await page.goto(`${app.harness.url}#/people/${knownPersonId}`);
  await expect(heading('Quendell, Ravito')).toBeVisible();
  const card = page.getByTestId('contact-card').first();
  await expect(card).toContainText('Clinical note');
  // That a screening was done, never its result.
  await expect(card).toContainText('PHQ-2 screening done');
  await expect(card).not.toContainText(/positive|negative/i);
  await expect(page.getByText(CLINICAL_NOTE)).toHaveCount(0);
  await expect(page.getByText(/screen(ed)? positive/i)).toHaveCount(0);

  await page.goto(`${app.harness.url}#/contacts/${knownContactId}`);
  await expect(page.getByText('visible to clinical roles only')).toBeVisible();
  await expect(page.getByTestId('clinical-panel')).toHaveCount(0);
  expect(await page.content()).not.toContain(CLINICAL_NOTE);

  const direct = await callFromPage(page, 'contacts.clinical', { id: knownContactId });
  expect(direct).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const contact = await callFromPage(page, 'contacts.get', { id: knownContactId });
  expect(JSON.stringify(contact)).not.toMatch(/answers|positive|Reports low mood/);
  const write = await callFromPage(page, 'screenings.record', {
    contactId: knownContactId,
    screening: { instrument: 'cage_aid', answers: ['no', 'no', 'no', 'no'] },
  });
  expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('home shows my follow-ups (overdue first), this week and recent contacts', async () => {
  await page.goto(`${app.harness.url}#/`);
  await expect(page.getByRole('heading', { name: 'My follow-ups' })).toBeVisible();
  await expect(page.getByTestId('followup-item').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent contacts' })).toBeVisible();
  await snap(page, 'home-dashboard');
  await checkA11y(page, 'home dashboard');
});

test('a co-responder sees the clinical note and answers on the person and contact pages', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, CORESPONDER.username, CORESPONDER.password);
  await expect(heading(/Okafor/)).toBeVisible(KDF_WAIT);
  await page.goto(`${app.harness.url}#/people/${knownPersonId}`);
  await expect(heading('Quendell, Ravito')).toBeVisible();
  await snap(page, 'person-page');
  await checkA11y(page, 'person page');
  await page.goto(`${app.harness.url}#/contacts/${knownContactId}`);
  await expect(page.getByTestId('clinical-note')).toHaveText(CLINICAL_NOTE);
  await expect(page.getByTestId('clinical-panel')).toContainText('PHQ-2: score 5 of 6');
  await snap(page, 'contact-clinical');
});

/** The harness in its own process, so that it can be killed as a crash would. */
function spawnHarness(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const root = join(__dirname, '../..');
  // Node itself with tsx's loader: the tsx command would run the harness in a grandchild that SIGKILL
  // misses (it would live on, holding the data folder, and the test would not kill anything).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/harness/serve.ts'), '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Deflect harness: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`harness exited early (${code})`)));
  });
}

test('an intake draft survives the backend being killed mid-entry', async () => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-e2e-crash-'));
  let harness = await spawnHarness(dataDir);
  try {
    await page.goto(harness.url);
    const call = (name: string, input: unknown) => callFromPage(page, name, input);
    // The harness is started with --data-dir, as the app can be: a new store there needs the user's confirmation.
    await call('auth.setup', { department: { name: 'Testville Police Department' }, admin: ADMIN, newFolderConfirmed: true });
    await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call('users.create', {
      username: OFFICER.username,
      displayName: OFFICER.displayName,
      role: 'officer',
      password: 'QWXZ7-KMPT3-RVNB8',
    });
    await call('auth.login', { username: OFFICER.username, password: 'QWXZ7-KMPT3-RVNB8' });
    await call('auth.changePassword', { currentPassword: 'QWXZ7-KMPT3-RVNB8', newPassword: OFFICER.password });
    await call('auth.logout', {});
    await page.reload();
    await login(page, OFFICER.username, OFFICER.password);
    await expect(heading(/Officer Rivera/)).toBeVisible(KDF_WAIT);
    await page.goto(`${harness.url}#/intake`);
    await page.getByLabel('Who was the contact with?').pressSequentially('Sorelia Tamwen');
    await arrowTo(page, /Create a new person/);
    await page.keyboard.press('Enter');
    await page.getByLabel('Narrative').fill('Half-way through writing this when the power went out.');
    await expect(page.getByTestId('draft-status')).toContainText('Draft saved at');
    // The status line may still show an earlier save: wait until the stored draft holds the narrative.
    await expect
      .poll(async () => JSON.stringify(await callFromPage(page, 'drafts.get', { formKey: 'intake' })), { timeout: 15_000 })
      .toContain('Half-way through writing this');

    // Killed, not shut down: no logout, no close.
    harness.child.kill('SIGKILL');
    await new Promise((r) => harness.child.once('exit', r));
    harness = await spawnHarness(dataDir);
    await page.goto(harness.url);
    await login(page, OFFICER.username, OFFICER.password);
    await expect(heading(/Officer Rivera/)).toBeVisible(KDF_WAIT);
    await expect(page.getByRole('link', { name: /Finish the intake you started/ })).toBeVisible();
    await page.getByRole('link', { name: /Finish the intake you started/ }).click();
    await expect(page.getByText('Unsaved intake restored')).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveValue('Sorelia');
    await expect(page.getByLabel('Narrative')).toHaveValue('Half-way through writing this when the power went out.');
    await snap(page, 'intake-draft-restored');
  } finally {
    harness.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('first run offers a demo store, clearly marked DEMO', async ({ browser }) => {
  test.setTimeout(120_000);
  const fresh = await startApp();
  const demoPage = await newPage(browser);
  try {
    await demoPage.goto(fresh.harness.url);
    await demoPage.getByRole('button', { name: 'Explore with demo data' }).click();
    await expect(demoPage.getByRole('table', { name: 'Demo accounts' })).toContainText('demo.coresponder', { timeout: 60_000 });
    await expect(demoPage).toHaveTitle(/DEMO/);
    await login(demoPage, 'demo.coresponder', 'sample-data-walkthrough');
    await expect(demoPage.getByRole('heading', { name: 'Recent contacts' })).toBeVisible(KDF_WAIT);
    await expect(demoPage.getByTestId('demo-banner')).toBeVisible();
    await snap(demoPage, 'demo-home');
  } finally {
    await demoPage.context().close();
    await fresh.close();
    rmSync(`${fresh.dataDir}-demo`, { recursive: true, force: true });
  }
});
