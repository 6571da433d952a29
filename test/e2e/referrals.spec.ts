import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import { ADMIN, type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';

/**
 * The referral loop as a co-responder works it: record a consent on the person's page, make a referral from
 * the contact, pick a suggested provider, make and save the letter, follow the referral to engagement; a
 * second referral to a provider the consent does not cover is refused with the reason on screen.
 */
test.describe.configure({ mode: 'serial' });

const CORESPONDER = { username: 'cr.sample', displayName: 'Co-responder Sample', password: 'harbour-violet-tundra-31' };
const TEMPORARY = 'QWXZ7-KMPT3-RVNB8';
const EVERY_DAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const SCREENSHOTS = join(__dirname, '../../test-results/screenshots');

let app: App;
let page: Page;
let personId = '';
let contactId = '';

async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await app.harness.router.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as OutputOf<N>;
}

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  await call('auth.setup', {
    department: {
      name: 'Testville Police Department',
      addressLine1: '100 Example Plaza',
      city: 'Testville',
      state: 'IL',
      postalCode: '60000',
      phone: '(708) 555-0100',
    },
    admin: ADMIN,
  });
  await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const { user } = await call('users.create', {
    username: CORESPONDER.username,
    displayName: CORESPONDER.displayName,
    role: 'coresponder',
    password: TEMPORARY,
  });
  const base = { status: 'active' as const, requiredDocuments: [], walkIns: false, languages: [], phones: [] };
  const allDay = EVERY_DAY.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' }));
  const acme = await call('providers.saveOrganization', { name: 'Acme Recovery', description: 'Community treatment provider.' });
  await call('providers.saveService', {
    ...base,
    organizationId: acme.id,
    name: 'Acme Recovery Center',
    serviceTypes: ['outpatient_sud', 'moud'],
    walkIns: true,
    languages: [{ name: 'Spanish', code: 'es' }],
    phones: [{ number: '555-0142' }],
    hours: allDay,
    address: { address1: '400 Example Avenue', city: 'Testville', stateProvince: 'IL', postalCode: '60000' },
  });
  const riverside = await call('providers.saveOrganization', {
    name: 'Riverside Mental Health',
    description: 'Crisis services.',
  });
  await call('providers.saveService', {
    ...base,
    organizationId: riverside.id,
    name: 'Línea de Crisis',
    serviceTypes: ['crisis_mental_health'],
    hours: allDay,
  });
  await call('auth.logout', {});
  await call('auth.login', { username: CORESPONDER.username, password: TEMPORARY });
  await call('auth.changePassword', { currentPassword: TEMPORARY, newPassword: CORESPONDER.password });
  const intake = await call('contacts.create', {
    subject: {
      kind: 'new',
      person: { firstName: 'José', lastName: 'Núñez', dateOfBirth: '1988-04-12', preferredLanguage: 'es' },
      allowDuplicate: true,
    },
    contact: {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      pathway: 'officer_prevention',
      referralSource: 'patrol',
      needs: ['opioid_use', 'mental_health'],
      disposition: 'warm_handoff',
      officerIds: [user.id],
    },
  });
  personId = intake.person!.id;
  contactId = intake.contact.id;
  await call('auth.logout', {});
  page = await newPage(browser);
});

test.afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

test('a co-responder records a consent, refers from the contact to a suggested provider, makes the letter and follows it to engagement', async () => {
  await page.goto(app.harness.url);
  await login(page, CORESPONDER.username, CORESPONDER.password);
  await expect(heading(/Co-responder Sample/)).toBeVisible(KDF_WAIT);

  // The consent, on the person's page.
  await page.goto(`${app.harness.url}#/people/${personId}`);
  await expect(heading('Núñez, José')).toBeVisible();
  await page.getByRole('tab', { name: 'Consents and disclosures' }).click();
  await page.getByRole('button', { name: 'Record consent…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a consent' });
  await dialog.getByRole('textbox', { name: 'Provider' }).click();
  await page.getByRole('option', { name: 'Acme Recovery' }).click();
  // An expiry before the signature is refused, naming the field, and nothing is saved.
  await dialog.getByLabel('Expires on').fill('2001-01-01');
  await dialog.getByRole('button', { name: 'Record consent' }).click();
  await expect(dialog.getByText(/the consent cannot expire \(2001-01-01\) before it was signed/).first()).toBeVisible();
  await expect(dialog.getByLabel('Expires on')).toBeFocused();
  await snap(page, 'consent-dialog-error', { view: true });
  const nextYear = `${new Date().getFullYear() + 1}-12-31`;
  await dialog.getByLabel('Expires on').fill(nextYear);
  await dialog.getByRole('button', { name: 'Record consent' }).click();
  await expect(dialog).toBeHidden();
  const consent = page.getByRole('group', { name: 'Consent for Acme Recovery' });
  await expect(consent).toContainText('Active');
  await expect(consent).toContainText('Substance use, Contact details');
  await checkA11y(page, 'consents');
  await snap(page, 'person-consents');

  // The referral, from the contact: needs come from the contact; suggestions say why they rank.
  await page.goto(`${app.harness.url}#/contacts/${contactId}`);
  await page.getByRole('button', { name: 'Make a referral' }).click();
  await expect(heading('New referral for Núñez, José')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Opioid use' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Mental health' }).uncheck();
  const acme = page.getByRole('radio', { name: /Acme Recovery Center/ });
  await expect(page.getByTestId('suggestion').first()).toContainText('matches: opioid use; Spanish spoken; open now');
  await checkA11y(page, 'new referral');
  await snap(page, 'referral-new');
  await acme.check();
  await page.getByLabel('Reason for the referral').fill('Asked for help with opioid use; prefers Spanish.');
  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(heading('Referral to Acme Recovery Center')).toBeVisible();
  await expect(page.getByText('Sent', { exact: true })).toBeVisible();

  // The letter: made, shown as it prints, saved as a PDF after saying it leaves the database.
  await page.getByRole('button', { name: 'Make a letter' }).click();
  const letterDialog = page.getByRole('dialog', { name: 'Letter to Acme Recovery' });
  await expect(letterDialog.getByRole('textbox', { name: 'Template' })).toHaveValue('Carta de referencia (español)');
  await letterDialog.getByRole('button', { name: 'Make the letter' }).click();
  // The keyboard lands on the result, which says it worked (not on the page body).
  const made = page.getByRole('heading', { name: /^Letter made: / });
  await expect(made).toBeFocused();
  await expect(page.getByRole('status').filter({ has: made })).toContainText('the disclosure is logged');
  // Said once: no toast repeating it.
  await expect(page.getByText('Letter made', { exact: true })).toHaveCount(0);
  const letter = page.getByRole('document', { name: 'Letter' });
  await expect(letter).toContainText('Referencia de José Núñez');
  await expect(letter).toContainText('42 CFR § 2.32');
  await snap(page, 'referral-letter-dialog', { view: true });

  // Print puts the stored PDF's own pages on paper (checked against its SHA-256), not the on-screen letter.
  await page.evaluate(() => {
    const w = globalThis as unknown as { print: () => void; printed: number };
    w.printed = 0;
    w.print = () => void (w.printed += 1);
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
  const sheets = page.locator('body > .pdf-print');
  const printedSha = await sheets.getAttribute('data-sha256');
  const printedPages = await sheets.locator('img').count();
  await page.emulateMedia({ media: 'print' });
  await expect(sheets).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.screenshot({ path: join(SCREENSHOTS, 'referral-letter-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('afterprint')));
  await expect(sheets).toHaveCount(0);
  await page.getByRole('button', { name: 'Save as PDF…' }).click();
  await expect(page.getByRole('dialog', { name: 'Save as PDF' })).toContainText('unencrypted copy');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save unencrypted copy' }).click();
  const download = await downloading;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pdf = join(SCREENSHOTS, 'referral-letter.pdf');
  await download.saveAs(pdf);
  expect(printedSha).toBe(createHash('sha256').update(readFileSync(pdf)).digest('hex'));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  expect(printedPages).toBe(pages);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('José Núñez');
  expect(text).toContain('Acme Recovery');
  expect(text).toContain('Testville Police Department');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SCREENSHOTS, 'referral-letter-pdf')]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Accepted, then engaged with the date of the first appointment.
  await page.getByRole('button', { name: 'Mark as accepted' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark as accepted by the provider' }).click();
  await expect(page.getByText('Accepted', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Mark as engaged…' }).click();
  const engaged = page.getByRole('dialog', { name: 'Mark as engaged' });
  await expect(engaged.getByLabel('Date of the first appointment attended')).toBeFocused();
  await engaged.getByLabel('Note').fill('Attended the intake appointment.');
  await engaged.getByRole('button', { name: 'Mark as engaged' }).click();
  await expect(page.getByText('Engaged', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Status history' })).toContainText('Attended the intake appointment.');
  await expect(
    page.getByRole('button', { name: 'Open letter: Carta de referencia (español) — Acme Recovery Center' }),
  ).toBeVisible();
  await checkA11y(page, 'referral');
  await snap(page, 'referral-screen');
});

test('a referral to a provider the consent does not cover is refused with the reason shown', async () => {
  await page.goto(`${app.harness.url}#/referrals/new/contact/${contactId}`);
  await expect(heading('New referral for Núñez, José')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Opioid use' }).uncheck();
  await page.getByRole('radio', { name: /Línea de Crisis/ }).check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  const refusal = page.getByTestId('consent-gate');
  await expect(refusal).toContainText(
    'No active consent covers Riverside Mental Health for mental-health information: the consent of',
  );
  await expect(refusal).toContainText('is for Acme Recovery');
  // Only an administrator is offered an override.
  await expect(refusal).toBeFocused();
  await expect(refusal).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Override and send' })).toHaveCount(0);
  await expect(heading('New referral for Núñez, José')).toBeVisible();
  await snap(page, 'referral-refused', { view: true });
  // Nothing was sent or logged: the person's page lists one disclosure, the referral with its letter.
  await page.goto(`${app.harness.url}#/people/${personId}`);
  await page.getByRole('tab', { name: 'Consents and disclosures' }).click();
  await expect(page.getByRole('table', { name: 'Disclosures' }).getByRole('row')).toHaveCount(3);
  await page.getByRole('tab', { name: /Referrals/ }).click();
  await expect(page.getByTestId('referral-item')).toHaveCount(1);
});
