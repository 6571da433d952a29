import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { ADMIN, setUpApp } from './helpers';
import { dumpDirectory, referenceFiles, unzipBase64, zipBase64 } from './providersFixtures';

/** Saturday 28 November 2026, 14:00 in Chicago (20:00 UTC). */
const SATURDAY_2PM = Date.parse('2026-11-28T20:00:00Z');

type ServiceInput = InputOf<'providers.saveService'>;

function service(organizationId: string, over: Partial<ServiceInput>): ServiceInput {
  return {
    organizationId,
    name: 'Unnamed service',
    status: 'active',
    serviceTypes: [],
    walkIns: false,
    requiredDocuments: [],
    languages: [],
    phones: [],
    hours: [],
    ...over,
  };
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;

/** A small synthetic directory: a detox unit open weekdays, a 24/7 crisis line in Spanish, a weekend food pantry. */
async function directory(now = SATURDAY_2PM) {
  let clock = now;
  const app = await setUpApp({ now: () => clock });
  const { id: org } = await app.call('providers.saveOrganization', {
    name: 'Riverbend Health Collective',
    description: 'Community health provider.',
  });
  const { id: detox } = await app.call(
    'providers.saveService',
    service(org, {
      name: 'Riverbend Withdrawal Unit',
      description: 'Medically supervised detox with buprenorphine induction.',
      serviceTypes: ['withdrawal_management', 'moud'],
      walkIns: true,
      capacityNote: '6 beds; call first after 22:00',
      insuranceNote: 'Medicaid, uninsured accepted',
      languages: [{ name: 'English', code: 'en' }],
      phones: [{ number: '555-0100', type: 'voice' }],
      hours: WEEKDAYS.map((day) => ({ day, opensAt: '08:00', closesAt: '17:00' })),
      requiredDocuments: ['Photo ID if available'],
      address: { address1: '400 Example Avenue', city: 'Testville', stateProvince: 'IL', postalCode: '60000' },
    }),
  );
  const { id: crisis } = await app.call(
    'providers.saveService',
    service(org, {
      name: 'Línea de Crisis',
      description: 'Crisis counselling by phone, every day.',
      serviceTypes: ['crisis_mental_health'],
      languages: [{ name: 'Spanish', code: 'es' }, { name: 'English' }],
      phones: [{ number: '555-0199' }],
      hours: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].map((day) => ({ day: day as 'MO', opensAt: '00:00', closesAt: '24:00' })),
    }),
  );
  const { id: pantry } = await app.call(
    'providers.saveService',
    service(org, {
      name: 'Saturday Pantry',
      serviceTypes: ['food_services'],
      languages: [{ name: 'Spanish' }],
      hours: [{ day: 'SA', opensAt: '09:00', closesAt: '12:00' }],
    }),
  );
  /** Moves the clock (the idle lock then closes the session) and logs back in. */
  const setNow = async (t: number) => {
    clock = t;
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  };
  return { app, org, detox, crisis, pantry, setNow };
}

describe('directory search', () => {
  it('finds providers by need, language and open now, judged in the department time zone', async () => {
    const { app, detox, crisis, pantry } = await directory();
    const names = async (input: InputOf<'providers.search'>) =>
      (await app.call('providers.search', input)).results.map((r) => r.name);
    expect(await names({})).toEqual(['Línea de Crisis', 'Riverbend Withdrawal Unit', 'Saturday Pantry']);
    expect(await names({ needs: ['opioid_use'] })).toEqual(['Riverbend Withdrawal Unit']);
    expect(await names({ needs: ['suicide_risk'] })).toEqual(['Línea de Crisis']);
    // "Spanish" written as a code on one service and as a name on another is one language.
    expect(await names({ language: 'es' })).toEqual(['Línea de Crisis', 'Saturday Pantry']);
    expect(await names({ language: 'Spanish' })).toEqual(['Línea de Crisis', 'Saturday Pantry']);
    // Saturday 14:00: the pantry closed at noon, the detox unit is closed on weekends.
    expect(await names({ openNow: true })).toEqual(['Línea de Crisis']);
    expect(await names({ walkIns: true })).toEqual(['Riverbend Withdrawal Unit']);
    expect(await names({ text: 'bupren' })).toEqual(['Riverbend Withdrawal Unit']);
    expect(await names({ text: 'linea' })).toEqual(['Línea de Crisis']);
    expect(await names({ needs: ['mental_health'], language: 'es', openNow: true })).toEqual(['Línea de Crisis']);

    const results = (await app.call('providers.search', {})).results;
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId[detox]!.open).toEqual({ state: 'closed', label: 'Closed · opens Mon 8:00 AM' });
    expect(byId[crisis]!.open.state).toBe('open');
    expect(byId[pantry]!.open).toEqual({ state: 'closed', label: 'Closed · opens Sat 9:00 AM' });
    expect(byId[detox]!).toMatchObject({
      walkIns: true,
      phone: '555-0100',
      serviceTypes: ['withdrawal_management', 'moud'],
      stale: false,
    });
    expect(byId[crisis]!.languages.sort()).toEqual(['English', 'Spanish']);
  });

  it('open now follows an edit of the hours at once (the schedules kept in memory are read again)', async () => {
    const { app, org, pantry } = await directory();
    const open = async () => (await app.call('providers.search', { openNow: true })).results.map((r) => r.id);
    expect(await open()).not.toContain(pantry);
    const longer = [{ day: 'SA' as const, opensAt: '09:00', closesAt: '17:00' }];
    await app.call(
      'providers.saveService',
      service(org, { id: pantry, name: 'Saturday Pantry', serviceTypes: ['food_services'], hours: longer }),
    );
    expect(await open()).toContain(pantry);
    const suggested = await app.call('referrals.suggest', { needs: ['food'] });
    expect(suggested.suggestions.find((s) => s.service.id === pantry)?.service.open.state).toBe('open');
    await app.call(
      'providers.saveService',
      service(org, { id: pantry, name: 'Saturday Pantry', serviceTypes: ['food_services'], hours: [] }),
    );
    expect(await open()).not.toContain(pantry);
  });

  it('open now follows the department time zone setting', async () => {
    // Monday 15:30 UTC: 09:30 in Chicago (open), 07:30 in Los Angeles (closed).
    const { app, detox } = await directory(Date.parse('2026-11-30T15:30:00Z'));
    const open = async () => (await app.call('providers.search', { openNow: true })).results.map((r) => r.id);
    expect(await open()).toContain(detox);
    await app.call('providers.updateSettings', { timeZone: 'America/Los_Angeles' });
    expect(await open()).not.toContain(detox);
    const bad = await app.fail('providers.updateSettings', { timeZone: 'Mars/Olympus' });
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
  });

  it('flags listings not verified within the configured months, and verifying clears the flag', async () => {
    const { app, detox, setNow } = await directory();
    await setNow(Date.parse('2027-06-01T15:00:00Z'));
    let results = (await app.call('providers.search', { staleOnly: true })).results;
    expect(results.map((r) => r.id)).toContain(detox);
    expect((await app.call('providers.facets', {})).stale).toBe(3);
    await app.call('providers.updateSettings', { staleMonths: 12 });
    expect((await app.call('providers.facets', {})).stale).toBe(0);
    await app.call('providers.updateSettings', { staleMonths: 6 });
    const verified = await app.call('providers.verify', { id: detox });
    expect(verified.assuredDate).toBe('2027-06-01');
    results = (await app.call('providers.search', { staleOnly: true })).results;
    expect(results.map((r) => r.id)).not.toContain(detox);
  });

  it('shows a provider page with everything needed on the phone', async () => {
    const { app, detox, crisis } = await directory();
    const { service, otherServices } = await app.call('providers.get', { id: detox });
    expect(service).toMatchObject({
      name: 'Riverbend Withdrawal Unit',
      organization: { name: 'Riverbend Health Collective' },
      walkIns: true,
      capacityNote: '6 beds; call first after 22:00',
      insuranceNote: 'Medicaid, uninsured accepted',
      assuredDate: '2026-11-28',
      stale: false,
    });
    expect(service.needs).toEqual(expect.arrayContaining(['opioid_use', 'alcohol_use']));
    expect(service.schedules.map((s) => s.hours)).toEqual(['Mon–Fri 8:00 AM–5:00 PM']);
    expect(service.requiredDocuments.map((d) => d.document)).toEqual(['Photo ID if available']);
    expect(service.locations.map((l) => [l.name, l.addresses.map((a) => `${a.address1}, ${a.city}`)])).toEqual([
      ['Riverbend Withdrawal Unit', ['400 Example Avenue, Testville']],
    ]);
    expect(otherServices.map((s) => s.id)).toContain(crisis);
    const missing = await app.fail('providers.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.code).toBe('not_found');
  });

  it('editing keeps unchanged phones and hours with their ids, and the edits survive an HSDS round trip', async () => {
    const { app, org, detox } = await directory();
    const db = app.backend.requireDb();
    const phoneId = db.prepare('SELECT id FROM hsds_phone WHERE service_id = ?').pluck().get(detox);
    await app.call(
      'providers.saveService',
      service(org, {
        id: detox,
        name: 'Riverbend Withdrawal Unit',
        description: 'Detox.\nBring "comfortable" clothes, a list of medicines; no alcohol.',
        serviceTypes: ['withdrawal_management'],
        walkIns: false,
        phones: [
          { number: '555-0100', type: 'voice' },
          { number: '555-0101', description: 'Night nurse' },
        ],
        hours: [
          ...WEEKDAYS.map((day) => ({ day, opensAt: '08:00', closesAt: '17:00' })),
          { day: 'SA' as const, opensAt: '10:00', closesAt: '16:00' },
        ],
        address: {
          address1: '410 Example Avenue',
          address2: 'Rear entrance',
          city: 'Testville',
          stateProvince: 'IL',
          postalCode: '60000',
        },
      }),
    );
    expect(db.prepare('SELECT id FROM hsds_phone WHERE service_id = ? AND number = ?').pluck().get(detox, '555-0100')).toBe(
      phoneId,
    );
    const { service: after } = await app.call('providers.get', { id: detox });
    expect(after.serviceTypes).toEqual(['withdrawal_management']);
    expect(after.walkIns).toBe(false);
    expect(after.capacityNote).toBeNull();
    expect(after.schedules.map((s) => s.hours).sort()).toEqual(['Mon–Fri 8:00 AM–5:00 PM', 'Sat 10:00 AM–4:00 PM']);
    expect(after.open.state).toBe('open');
    // The address moved; the location (and its id) stayed.
    expect(after.locations).toHaveLength(1);
    expect(after.locations[0]!.addresses.map((a) => [a.address1, a.address2])).toEqual([['410 Example Avenue', 'Rear entrance']]);

    const exported = await app.call('providers.export', {});
    const fresh = await setUpApp({ now: () => SATURDAY_2PM });
    const r = await fresh.call('providers.import', { fileName: exported.fileName, contentBase64: exported.contentBase64 });
    expect(r.committed).toBe(true);
    expect(dumpDirectory(fresh)).toEqual(dumpDirectory(app));
    const { service: copy } = await fresh.call('providers.get', { id: detox });
    expect(copy).toEqual(after);
    expect(unzipBase64(exported.contentBase64)['services.csv']).toContain(
      '"Detox.\nBring ""comfortable"" clothes, a list of medicines; no alcohol."',
    );
  });

  it('rejects an organisation that does not exist and ages the wrong way round', async () => {
    const { app, org } = await directory();
    const e1 = await app.fail('providers.saveService', service('00000000-0000-4000-8000-000000000000', { name: 'X' }));
    expect(e1).toMatchObject({ code: 'not_found', field: 'organizationId' });
    const e2 = await app.fail('providers.saveService', service(org, { name: 'X', minimumAge: 30, maximumAge: 18 }));
    expect(e2).toMatchObject({ code: 'invalid_input', field: 'minimumAge' });
    const e3 = await app.fail(
      'providers.saveService',
      service(org, { name: 'X', hours: [{ day: 'MO', opensAt: '9am', closesAt: '17:00' }] }),
    );
    expect(e3).toMatchObject({ code: 'invalid_input', field: 'hours.0.opensAt' });
  });
});

describe('taxonomy mapping', () => {
  const TERM = '3f7b145d-84af-42d7-8fae-eaca714b02b2';
  it('lists imported terms as unmapped until a coordinator maps them; mapped services match needs', async () => {
    const app = await setUpApp({ now: () => SATURDAY_2PM });
    const files = referenceFiles();
    // Link the example's service to the example's term.
    files['attributes.csv'] = files['attributes.csv']!.replace(
      'f28dd44b-0c4d-479f-8e90-4c52219a8b3c',
      'ac148810-d857-441c-9679-408f346de14b',
    );
    const imported = await app.call('providers.import', { fileName: 'hsds.zip', contentBase64: zipBase64(files) });
    expect(imported.unmappedTerms).toBe(1);
    const { terms } = await app.call('providers.terms', { unmappedOnly: true });
    expect(terms).toEqual([expect.objectContaining({ id: TERM, name: 'name', reviewed: false, suggested: [], services: 1 })]);
    expect((await app.call('providers.search', { needs: ['mental_health'] })).total).toBe(0);

    await app.call('providers.mapTerm', { termId: TERM, serviceTypes: ['outpatient_mental_health'] });
    expect((await app.call('providers.terms', { unmappedOnly: true })).terms).toEqual([]);
    expect((await app.call('providers.facets', {})).unmappedTerms).toBe(0);
    const found = await app.call('providers.search', { needs: ['mental_health'] });
    expect(found.results.map((r) => r.name)).toEqual(['Community Counselling']);
    expect(found.results[0]!.serviceTypes).toEqual(['outpatient_mental_health']);
    // Mapping to nothing means "reviewed, not a service type".
    await app.call('providers.mapTerm', { termId: TERM, serviceTypes: [] });
    expect((await app.call('providers.terms', {})).terms[0]).toMatchObject({ reviewed: true, serviceTypes: [] });
    expect((await app.call('providers.search', { needs: ['mental_health'] })).total).toBe(0);
  });
});

describe('term suggestions', () => {
  it('suggest service types from common taxonomy wording', async () => {
    const { suggestServiceTypes } = await import('../../shared/domain/serviceTypes');
    expect(suggestServiceTypes('Detoxification')).toEqual(['withdrawal_management']);
    expect(suggestServiceTypes('Medication Assisted Treatment (buprenorphine)')).toEqual(['moud']);
    expect(suggestServiceTypes('Homeless Shelter')).toEqual(['shelter_housing']);
    expect(suggestServiceTypes('Food Pantries')).toEqual(['food_services']);
    expect(suggestServiceTypes('Food Pantry')).toEqual(['food_services']);
    expect(suggestServiceTypes('Suicide Prevention Hotlines')).toEqual(['crisis_mental_health']);
    expect(suggestServiceTypes('Knitting circle')).toEqual([]);
  });
});

describe('who may do what', () => {
  it('everyone with a session reads; only coordinators and admins change, import or export', async () => {
    const { app, org, detox } = await directory();
    for (const role of ['officer', 'coresponder', 'coordinator'] as const) {
      await app.call('users.create', {
        username: role,
        displayName: `${role} example`,
        role,
        password: 'violet-anchor-meadow-77',
      });
    }
    const as = async (username: string) => {
      await app.call('auth.logout', {});
      const { user } = await app.call('auth.login', {
        username,
        password: username === ADMIN.username ? ADMIN.password : 'violet-anchor-meadow-77',
      });
      if (user.mustChangePassword)
        await app.call('auth.changePassword', {
          currentPassword: 'violet-anchor-meadow-77',
          newPassword: 'violet-anchor-meadow-77-b',
        });
    };
    const content = zipBase64(referenceFiles());
    for (const username of ['officer', 'coresponder']) {
      await as(username);
      const r = await app.call('providers.search', { needs: ['opioid_use'] });
      expect(r.results.map((x) => x.id)).toEqual([detox]);
      await app.call('providers.get', { id: detox });
      for (const [name, input] of [
        ['providers.import', { fileName: 'x.zip', contentBase64: content }],
        ['providers.importPreview', { fileName: 'x.zip', contentBase64: content }],
        ['providers.export', {}],
        ['providers.verify', { id: detox }],
        ['providers.saveService', service(org, { id: detox, name: 'Renamed' })],
        ['providers.mapTerm', { termId: detox, serviceTypes: [] }],
        ['providers.updateSettings', { staleMonths: 3 }],
      ] as const) {
        expect((await app.fail(name, input)).code).toBe('forbidden');
      }
    }
    await as('coordinator');
    const r = await app.call('providers.import', { fileName: 'x.zip', contentBase64: content });
    expect(r.committed).toBe(true);
    await as(ADMIN.username);
    const audit = await app.call('audit.list', { action: 'providers.export', limit: 10 });
    // The refused exports are on record.
    expect(audit.entries.map((e) => `${e.username}:${e.outcome}`).sort()).toEqual(['coresponder:denied', 'officer:denied']);
  });
});
