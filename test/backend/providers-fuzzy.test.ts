import { describe, expect, it } from 'vitest';
import { openSession } from '../../electron/backend/cli/io';
import type { CliIo } from '../../electron/backend/cli/types';
import { demoCommands } from '../../electron/backend/demo/cli';
import { generateDirectory } from '../../electron/backend/demo/directory';
import { ADMIN, makeApp } from './helpers';
import { NOW, setUpUnit } from './intake-helpers';

/**
 * The provider directory forgives spelling as the person search does, and the demo store and `seed`
 * bring a plausible synthetic local directory with them.
 */
describe('provider search tolerates spelling', () => {
  it('finds counselling for counseling (and back), centre for center, and a typo, but not nonsense', async () => {
    const unit = await setUpUnit();
    await unit.as('coordinator');
    const { id: org } = await unit.call('providers.saveOrganization', {
      name: 'Example Wellbeing Trust',
      description: 'Community services (test data).',
    });
    const service = (name: string, description: string) =>
      unit.call('providers.saveService', {
        organizationId: org,
        name,
        status: 'active',
        description,
        serviceTypes: [],
        walkIns: false,
        requiredDocuments: [],
        languages: [],
        phones: [],
        hours: [],
      });
    await service('Riverside Counselling Service', 'Talking therapy for adults.');
    await service('Northgate Recovery Center', 'Peer support and meetings.');
    const names = async (text: string) => (await unit.call('providers.search', { text })).results.map((r) => r.name);

    expect(await names('counseling')).toEqual(['Riverside Counselling Service']);
    expect(await names('counselling')).toEqual(['Riverside Counselling Service']);
    expect(await names('councelling')).toEqual(['Riverside Counselling Service']);
    expect(await names('recovery centre')).toEqual(['Northgate Recovery Center']);
    expect(await names('therpy')).toEqual(['Riverside Counselling Service']);
    // Still a prefix search while typing, and no match for what is nowhere near a word of the directory.
    expect(await names('couns')).toEqual(['Riverside Counselling Service']);
    expect(await names('xylophone')).toEqual([]);
    expect(await names('bank')).toEqual([]);

    // An edit is searchable at once, spelling variants included.
    await service('Harbour Lights Shelter', 'Beds for the night.');
    expect(await names('harbor')).toEqual(['Harbour Lights Shelter']);
  });
});

describe('synthetic local directory', () => {
  it('is plausible: every service has a phone, service types or an imported term, languages; some not verified lately', async () => {
    const unit = await setUpUnit();
    const db = unit.backend.requireDb();
    const result = generateDirectory(db, { services: 120, seed: 11, now: NOW });
    expect(result.services).toBe(120);
    expect(result.organizations).toBeGreaterThan(30);
    const { tables } = await unit.call('system.status', {});
    expect(tables.hsds_service).toBe(120);
    const facets = await unit.call('providers.facets', {});
    expect(facets.services).toBe(120);
    expect(facets.unmappedTerms).toBe(2);
    expect(facets.stale).toBeGreaterThan(0);
    expect(facets.languages.map((l) => l.label)).toEqual(expect.arrayContaining(['English', 'Spanish']));
    const noPhone = db
      .prepare('SELECT count(*) FROM hsds_service s WHERE NOT EXISTS (SELECT 1 FROM hsds_phone p WHERE p.service_id = s.id)')
      .pluck()
      .get();
    expect(noPhone).toBe(0);
    // Needs find providers through their service types; the directory is open at least somewhere at noon on a weekday.
    const housing = await unit.call('providers.search', { needs: ['housing'] });
    expect(housing.total).toBeGreaterThan(0);
    const detail = await unit.call('providers.get', { id: housing.results[0]!.id });
    expect(detail.service.phones[0]!.number).toMatch(/^\(312\) 555-01\d\d$/);
  });

  it('can be added to: a second seed adds more services beside the first', async () => {
    const unit = await setUpUnit();
    const db = unit.backend.requireDb();
    generateDirectory(db, { services: 10, seed: 1, now: NOW });
    generateDirectory(db, { services: 15, seed: 2, now: NOW });
    expect((await unit.call('providers.facets', {})).services).toBe(25);
  });

  it('is deterministic for a seed and a moment', async () => {
    const snapshot = async () => {
      const unit = await setUpUnit();
      generateDirectory(unit.backend.requireDb(), { services: 25, seed: 3, now: NOW });
      return unit.backend
        .requireDb()
        .prepare(
          'SELECT s.id, s.name, o.name AS org, s.assured_date FROM hsds_service s JOIN hsds_organization o ON o.id = s.organization_id ORDER BY s.id',
        )
        .all();
    };
    expect(await snapshot()).toEqual(await snapshot());
  });

  it('comes with `seed --services N`, counted in the audit entry', async () => {
    const unit = await setUpUnit();
    // One program per data folder: the command line runs on the folder while the app is closed.
    unit.backend.shutdown();
    const out: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: () => undefined,
      env: {},
      secret: async () => ADMIN.password,
      session: async (dir, user) => openSession(dir!, user!, ADMIN.password),
    };
    const seed = demoCommands.find((c) => c.name === 'seed')!;
    const values = { 'data-dir': unit.dataDir, user: ADMIN.username, people: '5', contacts: '5', services: '40', seed: '9' };
    expect(await seed.run({ values, positionals: [] }, io)).toBe(0);
    expect(out.join('\n')).toMatch(/ and 40 provider services \(\d+ organisations\)/);
    const app = makeApp(unit.dataDir);
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await app.call('providers.facets', {})).services).toBe(40);
    const [entry] = (await app.call('audit.list', { action: 'demo.seed', limit: 1 })).entries;
    expect(entry?.detail).toMatchObject({ services: 40, people: 5 });
    app.backend.shutdown();
    await expect(seed.run({ values: { ...values, services: 'many' }, positionals: [] }, io)).rejects.toThrow(
      '--services must be a whole number.',
    );
  });
});
