import { beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../shared/domain/referrals';
import { NOW } from './intake-helpers';
import { consentFields, makeReferral, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

const DAY = 86_400_000;
const ALL = REFERRAL_STATUSES.map((s) => s.code);
/** The legal forward path; closing is legal from every open status (with a fitting outcome). */
const PATH: ReferralStatus[] = ['draft', 'sent', 'accepted', 'engaged', 'completed'];

let unit: ReferralsUnit;
beforeAll(async () => {
  unit = await setUpReferrals();
  await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
});

/** A referral to the detox unit moved along the path to `status`. */
async function referralAt(status: ReferralStatus) {
  let r = await makeReferral(unit, unit.services.detox);
  for (const to of PATH.slice(1, PATH.indexOf(status) + 1)) {
    r = (
      await unit.call('referrals.transition', {
        id: r.id,
        to,
        note: `to ${to}`,
        ...(to === 'engaged' ? { engagedOn: '2026-11-28' } : {}),
      })
    ).referral;
  }
  return r;
}

describe('referral status machine', () => {
  it('moves draft → sent → accepted → engaged → completed, keeping who, when and a note for every step', async () => {
    const r = await referralAt('completed');
    expect(r.status).toBe('completed');
    expect(r.engagedOn).toBe('2026-11-28');
    expect(r.history.map((h) => [h.from, h.to, h.note])).toEqual([
      [null, 'draft', ''],
      ['draft', 'sent', 'to sent'],
      ['sent', 'accepted', 'to accepted'],
      ['accepted', 'engaged', 'to engaged'],
      ['engaged', 'completed', 'to completed'],
    ]);
    expect(r.history.every((h) => h.by?.id === unit.ids.coresponder && h.at === new Date(NOW).toISOString())).toBe(true);
    expect(r.next).toEqual([]);
  });

  it('refuses every illegal transition, naming the current and the requested state, and changes nothing', async () => {
    const legal: Record<ReferralStatus, ReferralStatus[]> = {
      draft: ['sent', 'closed'],
      sent: ['accepted', 'closed'],
      accepted: ['engaged', 'closed'],
      engaged: ['completed', 'closed', 'accepted'],
      completed: [],
      closed: [],
    };
    const closed = await referralAt('draft');
    await unit.call('referrals.transition', { id: closed.id, to: 'closed', closureReason: 'withdrawn', note: 'duplicate' });
    const at: Record<ReferralStatus, string> = {
      draft: (await referralAt('draft')).id,
      sent: (await referralAt('sent')).id,
      accepted: (await referralAt('accepted')).id,
      engaged: (await referralAt('engaged')).id,
      completed: (await referralAt('completed')).id,
      closed: closed.id,
    };
    for (const from of ALL) {
      expect((await unit.call('referrals.get', { id: at[from] })).referral.next).toEqual(legal[from]);
      for (const to of ALL.filter((t) => !legal[from].includes(t))) {
        const before = (await unit.call('referrals.get', { id: at[from] })).referral;
        const err = await unit.fail('referrals.transition', {
          id: at[from],
          to,
          ...(to === 'closed' ? { closureReason: 'withdrawn' } : {}),
          ...(to === 'engaged' ? { engagedOn: '2026-11-28' } : {}),
        });
        expect(err, `${from} → ${to}`).toMatchObject({ code: 'invalid_input', field: 'to' });
        expect(err.message).toContain(`is ${from}`);
        expect(err.message).toContain(`cannot be marked ${to}`);
        const after = (await unit.call('referrals.get', { id: at[from] })).referral;
        expect(after.status).toBe(from);
        expect(after.history.length).toBe(before.history.length);
      }
    }
  });

  it('refuses a closing without a reason, or with an outcome that does not fit the status', async () => {
    const draft = await referralAt('draft');
    expect(await unit.fail('referrals.transition', { id: draft.id, to: 'closed' })).toMatchObject({
      code: 'invalid_input',
      field: 'closureReason',
      message: 'Closing a referral needs a reason: choose the outcome.',
    });
    expect(
      await unit.fail('referrals.transition', { id: draft.id, to: 'closed', closureReason: 'provider_did_not_respond' }),
    ).toMatchObject({ field: 'closureReason', message: '“Provider did not respond” cannot close a referral that is draft.' });
    expect(await unit.fail('referrals.transition', { id: draft.id, to: 'sent', closureReason: 'withdrawn' })).toMatchObject({
      field: 'closureReason',
    });
    const sent = await referralAt('sent');
    const closed = (
      await unit.call('referrals.transition', {
        id: sent.id,
        to: 'closed',
        closureReason: 'provider_did_not_respond',
        note: 'Three calls, no answer.',
      })
    ).referral;
    expect(closed).toMatchObject({ status: 'closed', closureReason: 'provider_did_not_respond', next: [] });
    expect(closed.history.at(-1)).toMatchObject({ from: 'sent', to: 'closed', closureReason: 'provider_did_not_respond' });
  });

  it('needs an engagement date that is not before the referral and not in the future', async () => {
    const accepted = await referralAt('accepted');
    const bad = async (engagedOn: string | null) =>
      unit.fail('referrals.transition', { id: accepted.id, to: 'engaged', engagedOn });
    expect(await bad(null)).toMatchObject({ code: 'invalid_input', field: 'engagedOn' });
    expect(await bad('2026-11-20')).toMatchObject({
      field: 'engagedOn',
      message: 'Engagement date: it cannot be before the referral (2026-11-28).',
    });
    expect(await bad('2026-12-01')).toMatchObject({
      field: 'engagedOn',
      message: 'Engagement date: it cannot be in the future.',
    });
    expect(await bad('2026-11-31')).toMatchObject({ code: 'invalid_input', field: 'engagedOn' });
    // A referral recorded late may be engaged in the past, on or after the day it was made.
    const late = await makeReferral(unit, unit.services.detox, { referredOn: '2026-11-28', send: true });
    await unit.call('referrals.transition', { id: late.id, to: 'accepted' });
    const engaged = await unit.call('referrals.transition', { id: late.id, to: 'engaged', engagedOn: '2026-11-28' });
    expect(engaged.referral.engagedOn).toBe('2026-11-28');
  });

  it('refuses a referral dated before its contact or in the future, to a service no longer offered, or for a contact of another person', async () => {
    const fail = (extra: object) =>
      unit.fail('referrals.create', {
        personId: unit.person.id,
        contactId: unit.contact.id,
        needs: ['opioid_use'],
        serviceId: unit.services.detox,
        method: 'phone_call',
        ...extra,
      });
    expect(await fail({ referredOn: '2026-11-27' })).toMatchObject({ field: 'referredOn' });
    // Every problem at once.
    const both = await fail({ referredOn: '2026-11-29', serviceId: '7b0e1c7e-0000-4000-8000-000000000000' });
    expect(Object.keys(both.fields ?? {}).sort()).toEqual(['referredOn', 'serviceId']);
    expect(await fail({ referredOn: '2026-11-29' })).toMatchObject({ field: 'referredOn' });
    expect(await fail({ needs: [] })).toMatchObject({ field: 'needs' });
    expect(await fail({ method: 'carrier_pigeon' })).toMatchObject({ field: 'method' });
    expect(await fail({ serviceId: '7b0e1c7e-0000-4000-8000-000000000000' })).toMatchObject({
      field: 'serviceId',
      message: 'Provider: this service is no longer in the directory; choose another one.',
    });
    const other = await unit.call('people.create', { person: { firstName: 'Other', lastName: 'Person' }, allowDuplicate: true });
    expect(await fail({ personId: other.person.id })).toMatchObject({ field: 'contactId' });

    // A service retired from the directory: new referrals are refused, existing ones keep its name.
    const before = await makeReferral(unit, unit.services.shelter, { needs: ['housing'] });
    await unit.as('coordinator');
    const { service } = await unit.call('providers.get', { id: unit.services.shelter });
    await unit.call('providers.saveService', {
      id: service.id,
      organizationId: service.organization.id,
      name: service.name,
      status: 'defunct',
      serviceTypes: service.serviceTypes,
      walkIns: false,
      requiredDocuments: [],
      languages: [],
      phones: [],
      hours: [],
    });
    await unit.as('coresponder');
    const counts = (await unit.call('system.status', {})).tables.referrals;
    expect(await fail({ serviceId: unit.services.shelter, needs: ['housing'] })).toMatchObject({
      field: 'serviceId',
      message: 'Provider: Northside Shelter is no longer offered (defunct); choose another service.',
    });
    expect(await unit.fail('referrals.transition', { id: before.id, to: 'sent' })).toMatchObject({ field: 'serviceId' });
    expect((await unit.call('system.status', {})).tables.referrals).toBe(counts);
    expect((await unit.call('referrals.get', { id: before.id })).referral.service.name).toBe('Northside Shelter');
  });
});

describe('referral follow-up', () => {
  it('lists referrals without a status change for the follow-up period to their author and to coordinators', async () => {
    const u = await setUpReferrals();
    await u.as('officer');
    const mine = await makeReferral(u, u.services.shelter, { needs: ['housing'], method: 'phone_call' });
    await u.as('coresponder');
    const theirs = await makeReferral(u, u.services.shelter, { needs: ['housing'] });
    const ids = async () => (await u.call('referrals.home', {})).needsFollowUp.map((r) => r.id);
    expect(await ids()).toEqual([]);
    u.clock.now = NOW + 7 * DAY;
    await u.as('officer');
    expect(await ids()).toEqual([mine.id]);
    expect((await u.call('referrals.get', { id: mine.id })).referral).toMatchObject({ needsFollowUp: true, daysSinceChange: 7 });
    await u.as('coordinator');
    expect((await ids()).sort()).toEqual([mine.id, theirs.id].sort());
    // A status change restarts the clock; a coordinator may change the period.
    await u.call('referrals.transition', { id: theirs.id, to: 'sent' });
    expect(await ids()).toEqual([mine.id]);
    await u.call('referrals.updateSettings', { followUpDays: 10 });
    expect(await ids()).toEqual([]);
    expect(await u.fail('referrals.updateSettings', { followUpDays: 0 })).toMatchObject({ field: 'followUpDays' });
    await u.as('officer');
    expect((await u.fail('referrals.updateSettings', { followUpDays: 3 })).code).toBe('forbidden');
  });
});
