import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Role } from '../../shared/domain/roles';
import { type App, checkA11y, KDF_WAIT, login, newPage, snap, startApp } from './helpers';
import { credentials, must, setUpUnit } from './unit';

/**
 * Milestones (issue 10): a coordinator starts the programme plan from the template, marks a milestone done
 * with evidence and sees an overdue one flagged, in the list and month by month; forms refuse bad input
 * with every problem marked; a co-responder records a 30-day retention check on a person's milestones.
 */
test.describe.configure({ mode: 'serial' });

let app: App;
let page: Page;
let personId = '';

const DAY = 86_400_000;
/** A calendar day `days` from today in the department's (and the test browser's) time zone, America/Chicago. */
const day = (days: number) => new Date(Date.now() + days * DAY).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });

test.beforeAll(async ({ browser }) => {
  app = await startApp();
  const ids = await setUpUnit(app, 'coordinator');
  const org = await must(app, 'providers.saveOrganization', {
    name: 'Harbor Recovery Services',
    description: 'Outpatient treatment.',
  });
  const service = await must(app, 'providers.saveService', {
    organizationId: org.id,
    name: 'Harbor Recovery Outpatient',
    status: 'active',
    description: 'Outpatient treatment for substance use.',
    serviceTypes: ['outpatient_sud'],
    walkIns: false,
    requiredDocuments: [],
    languages: [],
    phones: [],
    hours: [],
  });
  // A co-responder's person: contacted five weeks ago, referred, and in treatment since 31 days ago.
  await must(app, 'auth.login', { username: credentials('coresponder').username, password: credentials('coresponder').password });
  const saved = await must(app, 'contacts.create', {
    subject: { kind: 'new', person: { firstName: 'Dario', lastName: 'Vell', dateOfBirth: '1984-02-09' }, allowDuplicate: true },
    contact: {
      occurredAt: `${day(-35)}T12:00:00-06:00`,
      pathway: 'self_referral',
      referralSource: 'self',
      disposition: 'warm_handoff',
      needs: ['opioid_use'],
      officerIds: [ids.officer],
      coResponderId: ids.coresponder,
    },
  });
  personId = saved.person!.id;
  await must(app, 'consents.create', {
    personId,
    consent: {
      recipient: { kind: 'organization', organizationId: org.id },
      categories: ['substance_use', 'contact_details'],
      purpose: 'Referral to treatment',
      signedOn: day(-35),
      expiresOn: day(330),
      signer: { kind: 'person' },
    },
  });
  const { referral } = await must(app, 'referrals.create', {
    personId,
    contactId: saved.contact.id,
    needs: ['opioid_use'],
    serviceId: service.id,
    method: 'warm_handoff',
    referredOn: day(-35),
    send: true,
  });
  await must(app, 'referrals.transition', { id: referral.id, to: 'accepted' });
  await must(app, 'referrals.transition', { id: referral.id, to: 'engaged', engagedOn: day(-31) });
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

async function expectFieldError(field: Locator, message: RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

test('a coordinator starts the plan from the template; starting again adds nothing', async () => {
  await logInAs('coordinator');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Programme plan' }).click();
  await expect(heading('Programme plan')).toBeVisible();
  await expect(page.getByText('No milestones yet')).toBeVisible();
  await page.getByRole('button', { name: 'Start from template' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Start from the starter plan' });
  // Started two months ago: the kick-off (two weeks in) and the inventory (six weeks in) are overdue by now.
  await dialog.getByLabel('Start date').fill(day(-60));
  await expect(dialog.getByRole('row')).toHaveCount(11);
  await snap(page, 'milestones-starter-plan', { view: true });
  await dialog.getByRole('button', { name: 'Add 10 milestones' }).click();
  await expect(dialog).toBeHidden();

  const rows = page.getByTestId('milestone-row');
  await expect(rows).toHaveCount(10);
  const kickoff = rows.filter({ hasText: 'Kick-off meeting with the TTA provider' });
  await expect(kickoff.locator('[data-flag="overdue"]')).toHaveText('Overdue by 46 days');
  await expect(page.getByRole('status').filter({ hasText: 'overdue' })).toContainText('2 overdue');
  await snap(page, 'milestones-plan-list');
  await checkA11y(page, 'programme plan');

  await page.getByRole('button', { name: 'Start from template' }).click();
  await expect(dialog.getByText('Every milestone of the starter plan is already in the plan')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Add .* milestones/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(rows).toHaveCount(10);
});

test('marking a milestone done needs its completion date; with evidence it is saved and kept in the history', async () => {
  await page.getByRole('button', { name: 'Mark done: Kick-off meeting with the TTA provider' }).click();
  const dialog = page.getByRole('dialog', { name: /Edit “Kick-off meeting/ });
  await expect(dialog.getByRole('textbox', { name: 'Status' })).toHaveValue('Done');
  await dialog.getByLabel('Completion date').fill('');
  await dialog.getByLabel('Event date').fill(day(-3));
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expectFieldError(dialog.getByLabel('Event time'), /an event date needs a time/);
  await expectFieldError(dialog.getByLabel('Completion date'), /done needs the day it was completed/);
  await expect(dialog.getByLabel('Event time')).toBeFocused();
  await snap(page, 'milestones-form-errors-done', { view: true });
  await checkA11y(page, 'milestone form with errors');

  await dialog.getByLabel('Event time').fill('10:00');
  await dialog.getByLabel('Completion date').fill(day(0));
  await dialog.getByLabel('Evidence').fill('Minutes of the kick-off call, filed in the grant binder.');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  const kickoff = page.getByTestId('milestone-row').filter({ hasText: 'Kick-off meeting with the TTA provider' });
  await expect(kickoff.getByText('Done', { exact: true })).toBeVisible();
  await expect(kickoff).toContainText('Evidence: Minutes of the kick-off call');
  await expect(kickoff).toContainText(/Event: .* 10:00 AM C[SD]T/);
  await expect(kickoff.locator('[data-flag]')).toHaveCount(0);
  // The other overdue one is still flagged.
  const inventory = page.getByTestId('milestone-row').filter({ hasText: 'Stakeholder and data inventory' });
  await expect(inventory.locator('[data-flag="overdue"]')).toHaveText('Overdue by 15 days');

  await kickoff.getByRole('button', { name: 'Kick-off meeting with the TTA provider' }).click();
  await dialog.getByRole('tab', { name: 'Change history' }).click();
  const history = dialog.getByRole('table', { name: 'Change history' });
  await expect(history.getByRole('row').filter({ hasText: 'Status' })).toContainText('Planned');
  await expect(history.getByRole('row').filter({ hasText: 'Status' })).toContainText('Coordinator Lind');
  await dialog.getByRole('button', { name: 'Close dialog' }).click();
});

test('a new milestone refuses a missing category, due date and event time all at once', async () => {
  await page.getByRole('button', { name: 'New milestone' }).click();
  const dialog = page.getByRole('dialog', { name: 'New programme milestone' });
  await dialog.getByLabel('Title').fill('Memorandum with the county crisis line');
  await dialog.getByLabel('Event date').fill(day(20));
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expectFieldError(dialog.getByRole('textbox', { name: 'Category' }), /Category: choose one of the listed options/);
  await expectFieldError(dialog.getByLabel('Due date'), /Due date: enter the day it is due/);
  await expectFieldError(dialog.getByLabel('Event time'), /an event date needs a time/);
  await expect(dialog.getByTestId('error-summary')).toContainText('3 problems to fix');
  await expect(dialog.getByRole('textbox', { name: 'Category' })).toBeFocused();
  await snap(page, 'milestones-form-errors-new', { view: true });

  await dialog.getByRole('textbox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'MOU / partnership' }).click();
  await dialog.getByLabel('Due date').fill(day(30));
  await dialog.getByLabel('Event time').fill('14:30');
  await dialog
    .locator('label')
    .filter({ hasText: /^Partner$/ })
    .click();
  await dialog.getByLabel('Partner who owns it').fill('County crisis line');
  await dialog.getByRole('textbox', { name: 'Partner organisations' }).click();
  await page.getByRole('option', { name: 'Harbor Recovery Services' }).click();
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('milestone-row').filter({ hasText: 'Memorandum with the county crisis line' })).toContainText(
    'With Harbor Recovery Services',
  );
});

test('the plan month by month, with today marked', async () => {
  await page.locator('label').filter({ hasText: 'By month' }).click();
  await expect(page.getByTestId('timeline-today')).toBeVisible();
  await expect(page.getByTestId('timeline-item')).toHaveCount(11);
  await expect(page.getByTestId('timeline-item').filter({ hasText: 'Stakeholder and data inventory' })).toContainText(
    'Overdue by 15 days',
  );
  await snap(page, 'milestones-plan-timeline');
  await checkA11y(page, 'programme plan by month');

  // Filters apply to both views.
  await page.getByRole('textbox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'Data and evaluation' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('timeline-item')).toHaveCount(3);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('timeline-item')).toHaveCount(11);
});

test('TTA metrics: answers for the quarter, a wrong one marked', async () => {
  // A page of the programme plan: reached from its header (and from Home), not a nav entry of its own.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Programme plan' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'TTA metrics' })).toHaveCount(
    0,
  );
  await page.getByRole('main').getByRole('link', { name: 'TTA metrics' }).click();
  await expect(heading('TTA performance metrics')).toBeVisible();
  const questions = page.getByTestId('tta-question');
  await questions.nth(0).getByRole('textbox').fill('-3');
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expectFieldError(
    questions.nth(0).getByRole('textbox'),
    /Number of officers trained in deflection this quarter: the number cannot be negative/,
  );
  await expect(questions.nth(0).getByRole('textbox')).toBeFocused();
  await snap(page, 'milestones-tta-errors', { view: true });
  await questions.nth(0).getByRole('textbox').fill('14');
  await questions.nth(3).getByLabel('Yes').check();
  await questions.nth(6).getByRole('textbox').fill('Overtime budget for the training days.');
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(questions.nth(0)).toContainText('Answered by Coordinator Lind');
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await snap(page, 'milestones-tta');
  await checkA11y(page, 'TTA metrics');
});

test('the coordinator’s home shows the overdue milestone', async () => {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  const section = page.getByRole('region', { name: 'Programme milestones' });
  await expect(section).toContainText('1 overdue');
  await expect(section.getByTestId('home-milestone').filter({ hasText: 'Stakeholder and data inventory' })).toContainText(
    'Overdue by 15 days',
  );
  await snap(page, 'milestones-home-coordinator');
});

test('a co-responder sees the 30-day check due and records it on the person’s milestones', async () => {
  await logInAs('coresponder');
  const due = page.getByRole('region', { name: 'Retention checks due' });
  await expect(due.getByTestId('home-retention')).toContainText('Vell, Dario');
  await expect(due.getByTestId('home-retention')).toContainText('30-day check');
  await snap(page, 'milestones-home-coresponder');
  await due.getByRole('link', { name: 'Vell, Dario' }).click();
  await expect(heading('Vell, Dario')).toBeVisible();
  const card = page.getByRole('region', { name: 'Participant milestones' });
  await expect(card.getByTestId('milestone-enrolled')).toContainText(/\w{3} \d+, \d{4}/);
  await expect(card.getByTestId('milestone-within')).toContainText('Yes, in 4 days');

  await card.getByRole('button', { name: 'Record 30-day check' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a milestone' });
  await expect(dialog.getByRole('textbox', { name: 'Check', exact: true })).toHaveValue(/30-day check/);
  // A date before the engagement, and no answer: both marked at once.
  await dialog.getByLabel('Date of the check').fill(day(-40));
  await dialog.getByRole('button', { name: 'Record milestone' }).click();
  await expectFieldError(dialog.getByLabel('Date of the check'), /before the treatment engagement/);
  await expect(dialog.getByText('Still engaged in treatment: answer yes or no.')).toBeVisible();
  await expect(dialog.getByLabel('Date of the check')).toBeFocused();
  await snap(page, 'milestones-form-errors-retention', { view: true });

  await dialog.getByLabel('Date of the check').fill(day(0));
  await dialog.getByLabel('Yes').check();
  await dialog.getByLabel('Note').fill('Attending outpatient twice a week.');
  await dialog.getByRole('button', { name: 'Record milestone' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('retention-30')).toContainText('Still engaged');
  await expect(page.getByRole('tabpanel', { name: 'Timeline' })).toContainText(
    '30-day retention check: still engaged in treatment',
  );
  await snap(page, 'milestones-person');
  await checkA11y(page, 'a person’s milestones');

  // Done for this week: off the home screen.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Retention checks due' })).toContainText('None of your people');

  // The engagement was recorded in error: taking it back removes the derived engagement.
  await page.goBack();
  await expect(heading('Vell, Dario')).toBeVisible();
  await page.getByRole('link', { name: 'Harbor Recovery Outpatient' }).first().click();
  await page.getByRole('button', { name: 'Take back the engagement…' }).click();
  const back = page.getByRole('dialog', { name: 'Take back the engagement' });
  await back.getByRole('button', { name: 'Take back the engagement' }).click();
  await expectFieldError(back.getByLabel('Why is the engagement taken back?'), /say why the engagement is taken back/);
  await expect(back.getByLabel('Why is the engagement taken back?')).toBeFocused();
  await snap(page, 'milestones-take-back-errors', { view: true });
  await back.getByLabel('Why is the engagement taken back?').fill('Recorded on the wrong person.');
  await back.getByRole('button', { name: 'Take back the engagement' }).click();
  await expect(back).toBeHidden();
  await page.goBack();
  await expect(heading('Vell, Dario')).toBeVisible();
  const after = page.getByRole('region', { name: 'Participant milestones' });
  await expect(after.getByTestId('milestone-engaged')).toContainText('Not yet');
  await expect(after.getByTestId('milestone-within')).toContainText('No: not engaged by');
  await expect(after.getByTestId('orphan-checks')).toContainText('no longer on record');
  await snap(page, 'milestones-person-taken-back');
});
