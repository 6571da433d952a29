import { beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../../shared/domain/calendar';
import { contactFields } from './intake-helpers';
import { consentFields, makeReferral, pdfText, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

/**
 * "Today" is the department's date (its time zone: Directory settings), not the workstation's. These run at
 * moments where the two differ: the department's Sunday evening while this machine's clock is already on
 * Monday, and the department's Monday just after midnight while this machine is still on Sunday. The
 * scenario is picked for the zone this test process runs in, so that the old behaviour (the machine's date)
 * would fail here whatever that zone is.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The workstation's own calendar date of a moment: what "today" used to be. */
function machineDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Scenario {
  zone: string;
  now: number;
  /** The department's date at `now`, and the moment's UTC offset there as a form with that offset writes it. */
  today: string;
  offset: string;
}

function pick(department: string, machine: string, candidates: Array<{ zone: string; at: string }>): Scenario {
  for (const c of candidates) {
    const now = Date.parse(c.at);
    if (dateIn(now, c.zone) === department && machineDate(now) === machine) {
      return { zone: c.zone, now, today: department, offset: c.at.slice(-6) };
    }
  }
  throw new Error(`No scenario has the department on ${department} while this machine's clock says ${machine}.`);
}

/** Sunday 6 December 2026, late evening in the department; already Monday on this machine. */
const sundayNight = () =>
  pick('2026-12-06', '2026-12-07', [
    { zone: 'America/Chicago', at: '2026-12-06T21:30:00-06:00' },
    { zone: 'Pacific/Pago_Pago', at: '2026-12-06T23:30:00-11:00' },
  ]);

/** Monday 7 December 2026, just after midnight in the department; still Sunday on this machine. */
const mondayMorning = () =>
  pick('2026-12-07', '2026-12-06', [
    { zone: 'Pacific/Kiritimati', at: '2026-12-07T00:30:00+14:00' },
    { zone: 'America/Chicago', at: '2026-12-07T00:30:00-06:00' },
  ]);

let unit: ReferralsUnit;

/** The department's zone set by a coordinator, the clock moved to the scenario's moment, then `role` logged in. */
async function at(s: Scenario, role: 'officer' | 'coresponder' = 'coresponder'): Promise<void> {
  await unit.as('coordinator');
  await unit.call('providers.updateSettings', { timeZone: s.zone });
  unit.clock.now = s.now;
  await unit.as(role);
}

async function newPerson(firstName: string, dateOfBirth = '1990-05-05') {
  return (await unit.call('people.create', { person: { firstName, lastName: 'Calendar', dateOfBirth }, allowDuplicate: true }))
    .person;
}

beforeAll(async () => {
  unit = await setUpReferrals();
});

describe("the department's today on a workstation whose clock is in another zone", () => {
  it('a consent ending on the department’s today is still active: the letter goes out and the timeline agrees', async () => {
    const s = sundayNight();
    await at(s);
    const person = await newPerson('Ilvane');
    const { consent } = await unit.call('consents.create', {
      personId: person.id,
      consent: consentFields(unit, { signedOn: '2026-11-28', expiresOn: s.today }),
    });
    expect(consent.status).toBe('active');
    // Sent through the consent gate, then the letter: both need a consent active that day.
    const referral = await makeReferral(unit, unit.services.detox, { personId: person.id, contactId: undefined, send: true });
    const { templates } = await unit.call('letters.templates', { kind: 'referral' });
    const templateId = templates.find((t) => t.language === 'en')!.id;
    const preview = await unit.call('letters.preview', { referralId: referral.id, templateId });
    expect(preview.gate).toMatchObject({ allowed: true, consentId: consent.id });
    const { letter } = await unit.call('letters.generate', { referralId: referral.id, templateId });
    const file = await unit.call('letters.pdf', { id: letter.id });
    // The letter is dated, and its file named, with the department's day.
    expect(file.fileName).toBe(`referral-letter-${s.today}.pdf`);
    expect(pdfText(file.contentBase64)).toContain('December 6, 2026');
    const { items } = await unit.call('people.timeline', { id: person.id });
    const shown = items.find((i) => i.kind === 'consent');
    expect(shown?.kind === 'consent' && shown.consent.status).toBe('active');
    expect((await unit.call('consents.list', { personId: person.id })).consents[0]!.status).toBe('active');
  });

  it('a follow-up due on the department’s today is accepted and is due today, not overdue', async () => {
    const s = sundayNight();
    await at(s);
    const person = await newPerson('Dorrin');
    const { followup } = await unit.call('followups.create', {
      personId: person.id,
      followup: { dueDate: s.today, assigneeId: unit.ids.coresponder, note: 'Call back about the appointment.' },
    });
    expect(followup).toMatchObject({ dueDate: s.today, status: 'open', overdue: false });
    const mine = await unit.call('followups.mine', {});
    expect(mine.followups.find((f) => f.id === followup.id)).toMatchObject({ overdue: false });
    expect(mine.overdue).toBe(0);
    const { items } = await unit.call('people.timeline', { id: person.id });
    expect(items.find((i) => i.kind === 'followup')).toMatchObject({ followup: { id: followup.id, overdue: false } });
    const home = await unit.call('home.dashboard', {});
    expect(home.overdueFollowups).toBe(0);
    expect(home.week.followupsDue).toBeGreaterThanOrEqual(1);
    // The day before is in the past for the department too.
    const err = await unit.fail('followups.update', { id: followup.id, dueDate: '2026-12-05' });
    expect(err).toMatchObject({ field: 'dueDate', message: 'The due date is in the past; choose today or a later date.' });
  });

  it('this week on the home screen is the department’s Monday to Sunday and counts a contact made on Sunday night', async () => {
    const s = sundayNight();
    await at(s, 'officer');
    const before = (await unit.call('home.dashboard', {})).week;
    expect(before).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
    const contact = (occurredAt: string, firstName: string) =>
      unit.call('contacts.create', {
        subject: { kind: 'new', person: { firstName, lastName: 'Weekend' }, allowDuplicate: true },
        contact: contactFields(unit.ids.officer, { occurredAt, overdose: true, naloxoneDoses: 1 }),
      });
    // Half an hour ago: once as a workstation on the department's clock writes it, once as one on UTC does.
    const halfHourAgo = s.now - 30 * 60_000;
    const local = `${new Date(halfHourAgo + offsetMs(s.offset)).toISOString().slice(0, 19)}${s.offset}`;
    const first = await contact(local, 'Sunnel');
    const second = await contact(new Date(halfHourAgo).toISOString(), 'Maro');
    expect(first.contact.occurredDate).toBe(s.today);
    expect(second.contact.occurredDate).toBe(s.today);
    const after = (await unit.call('home.dashboard', {})).week;
    expect(after).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
    expect(after.contacts - before.contacts).toBe(2);
    expect(after.newPeople - before.newPeople).toBe(2);
    expect(after.overdoses - before.overdoses).toBe(2);
  });

  it('a date of birth on the department’s today is not in the future', async () => {
    const s = mondayMorning();
    await at(s);
    const person = await newPerson('Newborn', s.today);
    expect(person.dateOfBirth).toBe(s.today);
    // Nor is a referral dated that day, or a consent signed on it.
    const referral = await makeReferral(unit, unit.services.shelter, {
      personId: person.id,
      contactId: undefined,
      needs: ['housing'],
      referredOn: s.today,
    });
    expect(referral.referredOn).toBe(s.today);
    const { consent } = await unit.call('consents.create', {
      personId: person.id,
      consent: consentFields(unit, { signedOn: s.today, expiresOn: '2027-12-07' }),
    });
    expect(consent.signedOn).toBe(s.today);
    // The day after is still refused.
    const err = await unit.fail('people.update', {
      id: person.id,
      version: person.version,
      changes: { dateOfBirth: '2026-12-08' },
    });
    expect(err).toMatchObject({ field: 'changes.dateOfBirth', message: 'Date of birth cannot be in the future.' });
  });
});

/** "-06:00" → −6 hours in ms. */
function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
}
