import { describe, expect, it } from 'vitest';
import { openSession } from '../../electron/backend/cli/io';
import { CliError, type CliIo } from '../../electron/backend/cli/types';
import { demoCommands } from '../../electron/backend/demo/cli';
import { generate } from '../../electron/backend/demo/generator';
import { CHARGE_CATEGORIES, DISPOSITIONS, PATHWAYS, REFERRAL_SOURCES } from '../../shared/domain/intake';
import { NEEDS } from '../../shared/domain/needs';
import { ADMIN } from './helpers';
import { NOW, setUpUnit, type Unit } from './intake-helpers';

const seed = demoCommands.find((c) => c.name === 'seed')!;

function fakeIo(password: string) {
  const out: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: () => undefined,
    env: {},
    secret: async () => password,
    session: async (dir, user) => openSession(dir!, user!, password),
  };
  return { io, out };
}

function personSnapshot(unit: Unit) {
  return unit.backend
    .requireDb()
    .prepare('SELECT id, first_name, last_name, date_of_birth, aliases FROM persons ORDER BY num')
    .all();
}

describe('seed command', () => {
  it('adds the requested people and contacts as an administrator, audited with the counts', async () => {
    const unit = await setUpUnit();
    // One program per data folder: the app closes before the command line opens it.
    unit.backend.shutdown();
    const { io, out } = fakeIo(ADMIN.password);
    const code = await seed.run(
      { values: { 'data-dir': unit.dataDir, user: ADMIN.username, people: '60', contacts: '240', seed: '5' }, positionals: [] },
      io,
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^Added 60 people and 240 contacts \(\d+ unidentified\)/);
    await unit.as('admin');
    const { tables } = await unit.call('system.status', {});
    expect(tables.persons).toBe(60);
    expect(tables.contacts).toBe(240);
    const audit = (await unit.call('audit.list', { action: 'demo.seed', limit: 5 })).entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      username: ADMIN.username,
      outcome: 'success',
      detail: { people: 60, contacts: 240, seed: 5 },
    });
  });

  it('is refused to anyone but an administrator, and to nonsense numbers', async () => {
    const unit = await setUpUnit();
    unit.backend.shutdown();
    const { io } = fakeIo('amber-meadow-compass-28');
    await expect(
      seed.run({ values: { 'data-dir': unit.dataDir, user: 'coresponder', people: '10' }, positionals: [] }, io),
    ).rejects.toThrow(/Only an administrator/);
    const bad = seed.run(
      { values: { 'data-dir': unit.dataDir, user: ADMIN.username, people: 'lots' }, positionals: [] },
      fakeIo(ADMIN.password).io,
    );
    await expect(bad).rejects.toBeInstanceOf(CliError);
    await unit.as('admin');
    expect((await unit.call('system.status', {})).tables.persons).toBe(0);
  });
});

describe('synthetic data generator', () => {
  it('is deterministic: the same seed and moment give the same people', async () => {
    const a = await setUpUnit();
    const b = await setUpUnit();
    for (const unit of [a, b]) {
      generate(unit.backend.requireDb(), {
        people: 80,
        contacts: 300,
        seed: 11,
        now: NOW,
        clinicalKey: unit.backend.requireClinicalKey(),
        staff: { officers: [unit.ids.officer], coResponders: [unit.ids.coresponder], creator: unit.ids.admin },
      });
    }
    expect(personSnapshot(a)).toEqual(personSnapshot(b));
  });

  it('writes only valid codes, plausible dates, and repeat contacts concentrated on a few people', async () => {
    const unit = await setUpUnit();
    const result = generate(unit.backend.requireDb(), {
      people: 400,
      contacts: 2400,
      seed: 3,
      now: NOW,
      clinicalKey: unit.backend.requireClinicalKey(),
      staff: { officers: [unit.ids.officer], coResponders: [unit.ids.coresponder], creator: unit.ids.admin },
    });
    expect(result).toMatchObject({ people: 400, contacts: 2400 });
    const db = unit.backend.requireDb();
    const codes = (col: string) =>
      db.prepare(`SELECT DISTINCT ${col} FROM contacts WHERE ${col} IS NOT NULL`).pluck().all() as string[];
    const known = (list: readonly { code: string }[]) => list.map((x) => x.code);
    expect(codes('pathway').sort()).toEqual(known(PATHWAYS).sort());
    for (const c of codes('disposition')) expect(known(DISPOSITIONS)).toContain(c);
    for (const c of codes('referral_source')) expect(known(REFERRAL_SOURCES)).toContain(c);
    for (const c of codes('charge_category')) expect(known(CHARGE_CATEGORIES)).toContain(c);
    for (const n of db.prepare('SELECT DISTINCT need FROM contact_needs').pluck().all() as string[])
      expect(known(NEEDS)).toContain(n);
    // Nobody is contacted before they were born, and nothing happens after "now".
    expect(
      db
        .prepare('SELECT count(*) FROM contacts c JOIN persons p ON p.id = c.person_id WHERE p.date_of_birth > c.occurred_date')
        .pluck()
        .get(),
    ).toBe(0);
    expect((db.prepare('SELECT max(occurred_at) FROM contacts').pluck().get() as string) <= new Date(NOW).toISOString()).toBe(
      true,
    );
    // The busiest tenth of people account for a large share of contacts.
    const perPerson = db
      .prepare('SELECT count(*) FROM contacts WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY 1 DESC')
      .pluck()
      .all() as number[];
    const top = perPerson.slice(0, 40).reduce((a, b) => a + b, 0);
    expect(top / perPerson.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.3);
    // Clinical content exists in the data set (so role tests have something to hide).
    expect(result.screenings).toBeGreaterThan(0);
  });
});
