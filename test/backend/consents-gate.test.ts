import { describe, expect, it } from 'vitest';
import { NOW } from './intake-helpers';
import { consentFields, makeReferral, pdfText, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

const DAY = 86_400_000;

type Need = 'opioid_use' | 'mental_health' | 'housing';

async function send(unit: ReferralsUnit, serviceId: string, needs: Need[] = ['opioid_use'], personId = unit.person.id) {
  return unit.router.call('referrals.create', {
    personId,
    contactId: personId === unit.person.id ? unit.contact.id : null,
    needs,
    serviceId,
    method: 'phone_call',
    send: true,
  });
}

async function refusal(unit: ReferralsUnit, serviceId: string, needs?: Need[], personId?: string) {
  const r = await send(unit, serviceId, needs, personId);
  if (r.ok) throw new Error('the referral was sent');
  expect(r.error.code).toBe('consent_required');
  return r.error.message;
}

describe('consents', () => {
  it('record every element, derive their status from the dates, and refuse an expiry before the signature', async () => {
    const unit = await setUpReferrals();
    const { consent } = await unit.call('consents.create', {
      personId: unit.person.id,
      consent: consentFields(unit, {
        signer: { kind: 'representative', name: 'María Núñez', authority: 'Guardian appointed by court order' },
        language: 'es',
      }),
    });
    expect(consent).toMatchObject({
      status: 'active',
      discloser: 'Testville Police Department',
      recipient: { kind: 'organization', organizationId: unit.orgs.acme, name: 'Acme Recovery' },
      categories: ['substance_use', 'contact_details'],
      tpo: true,
      signer: { kind: 'representative', name: 'María Núñez' },
      expiringSoon: false,
    });
    expect(consent.statements.revocation).toMatch(/^Entiendo que puedo revocar/);
    expect(consent.statements.refusal).not.toBe('');

    const counts = (await unit.call('system.status', {})).tables.consents;
    const bad = async (extra: object, field: string) => {
      const err = await unit.fail('consents.create', { personId: unit.person.id, consent: consentFields(unit, extra) });
      expect(err, field).toMatchObject({ code: 'invalid_input', field });
      return err.message;
    };
    expect(await bad({ expiresOn: '2026-10-01' }, 'consent.expiresOn')).toBe(
      'Expires on: the consent cannot expire (2026-10-01) before it was signed (2026-10-28).',
    );
    expect(await bad({ expiresOn: null }, 'consent.expiresOn')).toMatch(/expiry date or an expiry event/);
    expect(await bad({ signedOn: '2026-12-01', expiresOn: '2027-01-01' }, 'consent.signedOn')).toMatch(/future/);
    expect(await bad({ categories: [] }, 'consent.categories')).toMatch(/at least one/);
    expect(
      await bad(
        { recipient: { kind: 'organization', organizationId: '7b0e1c7e-0000-4000-8000-000000000000' } },
        'consent.recipient.organizationId',
      ),
    ).toMatch(/not in the directory/);
    expect((await unit.call('system.status', {})).tables.consents).toBe(counts);

    // An event instead of a date: active until the event is recorded.
    const evented = await unit.call('consents.create', {
      personId: unit.person.id,
      consent: consentFields(unit, { expiresOn: null, expiryEvent: 'When treatment ends' }),
    });
    expect(evented.consent.status).toBe('active');
    const ended = await unit.call('consents.recordExpiryEvent', { id: evented.consent.id, occurredOn: '2026-11-27' });
    expect(ended.consent.status).toBe('expired');

    // Revocation with a date and who recorded it.
    const revoked = await unit.call('consents.revoke', { id: consent.id, revokedOn: '2026-11-28', note: 'Asked in person' });
    expect(revoked.consent).toMatchObject({
      status: 'revoked',
      revokedOn: '2026-11-28',
      revokedBy: { id: unit.ids.coresponder },
    });
    expect(await unit.fail('consents.revoke', { id: consent.id, revokedOn: '2026-11-28' })).toMatchObject({ code: 'conflict' });

    // Officers see consents but do not record them.
    await unit.as('officer');
    expect((await unit.call('consents.list', { personId: unit.person.id })).consents).toHaveLength(2);
    expect((await unit.fail('consents.create', { personId: unit.person.id, consent: consentFields(unit) })).code).toBe(
      'forbidden',
    );
  });

  it('print a pre-filled form with every element and signature lines; a signed paper copy can be recorded', async () => {
    const unit = await setUpReferrals();
    const { consent } = await unit.call('consents.create', {
      personId: unit.person.id,
      consent: consentFields(unit, { language: 'es', expiryEvent: 'Al terminar el tratamiento' }),
    });
    const form = await unit.call('consents.form', { id: consent.id });
    const text = pdfText(form.contentBase64);
    for (const expected of [
      'Testville Police Department',
      'Consentimiento para divulgar información',
      'José Núñez',
      '12 de abril de 1988',
      'Acme Recovery',
      'Consumo de sustancias, Datos de contacto',
      'Referral to treatment and coordination of care',
      '28 de octubre de 2027',
      'Al terminar el tratamiento',
      'Derecho a revocar',
      'Derecho a negarse',
      'Firma de la persona',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const paper = await unit.call('consents.paperReceived', { id: consent.id, receivedOn: '2026-11-28' });
    expect(paper.consent).toMatchObject({ paperReceivedOn: '2026-11-28', paperRecordedBy: { id: unit.ids.coresponder } });
    expect(await unit.fail('consents.paperReceived', { id: consent.id, receivedOn: '2026-10-01' })).toMatchObject({
      field: 'receivedOn',
    });
  });

  it('expiring within 14 days show on the home screen of co-responders and coordinators, not officers', async () => {
    const unit = await setUpReferrals();
    const soon = await unit.call('consents.create', {
      personId: unit.person.id,
      consent: consentFields(unit, { expiresOn: '2026-12-10' }),
    });
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
    expect(soon.consent.expiringSoon).toBe(true);
    const home = await unit.call('referrals.home', {});
    expect(home.expiringConsents.map((c) => c.id)).toEqual([soon.consent.id]);
    await unit.as('coordinator');
    expect((await unit.call('referrals.home', {})).expiringConsents).toHaveLength(1);
    await unit.as('officer');
    expect((await unit.call('referrals.home', {})).expiringConsents).toEqual([]);
    unit.clock.now = NOW + 12 * DAY; // the last day it is in force
    await unit.as('coresponder');
    expect((await unit.call('referrals.home', {})).expiringConsents).toHaveLength(1);
    unit.clock.now = NOW + 13 * DAY;
    await unit.as('coresponder');
    expect((await unit.call('referrals.home', {})).expiringConsents).toEqual([]);
  });
});

describe('the consent gate', () => {
  it('refuses substance-use information without a consent, saying what is missing', async () => {
    const unit = await setUpReferrals();
    expect(await refusal(unit, unit.services.detox)).toMatch(
      /^No active consent covers Acme Recovery for substance-use information: no consent is recorded for this person\./,
    );
    // Housing alone is not gated: sent, and logged as needing no consent.
    const housing = await send(unit, unit.services.shelter, ['housing']);
    expect(housing.ok).toBe(true);
    const { disclosures } = await unit.call('disclosures.list', { personId: unit.person.id });
    expect(disclosures).toMatchObject([
      { basis: 'not_required', recipientName: 'Northside Housing', categories: ['contact_details', 'housing'], kind: 'referral' },
    ]);
  });

  it('refuses an expired, a revoked, another recipient’s, or a consent missing the category; a class covers a listed provider', async () => {
    const unit = await setUpReferrals();
    /** A new person with the given consents; the refusal of a substance-use referral to Acme. */
    const scenario = async (consents: object[], serviceId = unit.services.detox, needs: Need[] = ['opioid_use']) => {
      const { person } = await unit.call('people.create', {
        person: { firstName: 'Scenario', lastName: 'Person' },
        allowDuplicate: true,
      });
      const made = [];
      for (const extra of consents) {
        made.push((await unit.call('consents.create', { personId: person.id, consent: consentFields(unit, extra) })).consent);
      }
      return { person, made, refusal: () => refusal(unit, serviceId, needs, person.id) };
    };

    const expired = await scenario([{ signedOn: '2026-03-01', expiresOn: '2026-09-01' }]);
    expect(expired.made[0]!.status).toBe('expired');
    expect(await expired.refusal()).toMatch(
      /^No active consent covers Acme Recovery for substance-use information: the consent of 2026-03-01 expired on 2026-09-01\./,
    );

    const revoked = await scenario([{ signedOn: '2026-10-01' }]);
    await unit.call('consents.revoke', { id: revoked.made[0]!.id, revokedOn: '2026-11-20' });
    expect(await revoked.refusal()).toContain(': the consent of 2026-10-01 was revoked on 2026-11-20.');

    const other = await scenario([
      { signedOn: '2026-11-02', recipient: { kind: 'organization', organizationId: unit.orgs.riverside } },
    ]);
    expect(await other.refusal()).toContain(': the consent of 2026-11-02 is for Riverside Mental Health.');

    const missing = await scenario([{ signedOn: '2026-11-03', categories: ['contact_details', 'housing'] }]);
    expect(await missing.refusal()).toContain(': the consent of 2026-11-03 covers only contact details and housing information.');

    const mentalHealth = await scenario(
      [{ recipient: { kind: 'organization', organizationId: unit.orgs.riverside } }],
      unit.services.crisis,
      ['mental_health'],
    );
    expect(await mentalHealth.refusal()).toMatch(
      /^No active consent covers Riverside Mental Health for mental-health information: the consent of 2026-10-28 covers only substance-use information and contact details\./,
    );

    // "Any treatment provider listed in the directory" covers Acme (it offers treatment) …
    const cls = await scenario([
      {
        recipient: { kind: 'class', recipientClass: 'directory_treatment' },
        categories: ['substance_use', 'mental_health', 'contact_details', 'housing'],
      },
    ]);
    expect((await send(unit, unit.services.detox, ['opioid_use'], cls.person.id)).ok).toBe(true);
    const { disclosures } = await unit.call('disclosures.list', { personId: cls.person.id });
    expect(disclosures[0]).toMatchObject({
      basis: 'consent',
      consentId: cls.made[0]!.id,
      consentSignedOn: '2026-10-28',
      recipientName: 'Acme Recovery',
      categories: ['substance_use', 'contact_details'],
    });
    // … but not a housing provider, which offers no treatment.
    expect(await refusal(unit, unit.services.shelter, ['opioid_use', 'housing'], cls.person.id)).toMatch(
      /^No active consent covers Northside Housing for substance-use information/,
    );
    // Refused disclosures leave no trace in the log.
    expect((await unit.call('disclosures.list', { personId: expired.person.id })).disclosures).toEqual([]);
  });

  it('lets an administrator override with a typed reason: allowed, audited, logged; officers and co-responders cannot', async () => {
    const unit = await setUpReferrals();
    const draft = await makeReferral(unit, unit.services.detox);
    const override = { reason: 'Medical emergency: overdose, provider needs history (§2.51).' };
    expect(await unit.fail('referrals.transition', { id: draft.id, to: 'sent', override })).toMatchObject({
      code: 'forbidden',
      field: 'override',
    });
    await unit.as('officer');
    expect((await unit.fail('referrals.transition', { id: draft.id, to: 'sent', override })).code).toBe('forbidden');
    await unit.as('admin');
    expect(await unit.fail('referrals.transition', { id: draft.id, to: 'sent', override: { reason: 'short' } })).toMatchObject({
      field: 'override.reason',
    });
    const sent = await unit.call('referrals.transition', { id: draft.id, to: 'sent', override });
    expect(sent.referral.status).toBe('sent');
    const { disclosures } = await unit.call('disclosures.list', { personId: unit.person.id });
    expect(disclosures).toMatchObject([
      { basis: 'override', overrideReason: override.reason, consentId: null, by: { id: unit.ids.admin }, referralId: draft.id },
    ]);
    const { entries } = await unit.call('audit.list', { action: 'referrals.transition', limit: 10 });
    expect(entries[0]).toMatchObject({ outcome: 'success', username: 'admin' });
    expect(entries[0]!.detail).toMatchObject({ override: true, basis: 'override', disclosureId: disclosures[0]!.id });
    // The reason itself (free text) stays in the disclosure log, not in the audit log.
    expect(JSON.stringify(entries[0]!.detail)).not.toContain('Medical emergency');
    // Refusals are audited too.
    expect(entries.some((e) => e.outcome === 'denied' || e.outcome === 'failure')).toBe(true);
  });

  it('keeps a disclosure log and prints the accounting of disclosures for a period of up to three years', async () => {
    const unit = await setUpReferrals();
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
    await makeReferral(unit, unit.services.detox, { send: true });
    await send(unit, unit.services.shelter, ['housing']);
    const { disclosures } = await unit.call('disclosures.list', { personId: unit.person.id });
    expect(disclosures).toHaveLength(2);
    expect(disclosures.map((d) => d.by?.id)).toEqual([unit.ids.coresponder, unit.ids.coresponder]);
    const accounting = await unit.call('disclosures.accounting', { personId: unit.person.id });
    expect(accounting).toMatchObject({ from: '2023-11-28', count: 2 });
    const text = pdfText(accounting.contentBase64);
    for (const expected of [
      'Accounting of disclosures',
      'José Núñez',
      'Acme Recovery',
      'Northside Housing',
      'Consent of 2026-10-28',
      '2026-11-28',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(await unit.fail('disclosures.accounting', { personId: unit.person.id, from: '2020-01-01' })).toMatchObject({
      field: 'from',
    });
    const none = await unit.call('disclosures.accounting', { personId: unit.person.id, from: '2026-11-28' });
    expect(none.count).toBe(2);
    // The log cannot be rewritten.
    expect(() => unit.backend.requireDb().prepare('DELETE FROM disclosures').run()).toThrow(/cannot be deleted/);
  });
});
