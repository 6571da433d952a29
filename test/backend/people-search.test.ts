import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../electron/backend/demo/generator';
import { Random } from '../../electron/backend/demo/random';
import type { Db } from '../../electron/backend/db/open';
import { damerauLevenshtein, isNickname, jaroWinkler, normalizeName, soundex } from '../../electron/backend/people/names';
import { searchPeople } from '../../electron/backend/people/search';
import { NOW, setUpUnit, type Unit } from './intake-helpers';

let unit: Unit;

interface Sample {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

beforeAll(async () => {
  unit = await setUpUnit();
  generate(unit.backend.requireDb(), {
    people: 600,
    contacts: 1500,
    seed: 7,
    now: NOW,
    clinicalKey: unit.backend.requireClinicalKey(),
    staff: { officers: [unit.ids.officer], coResponders: [unit.ids.coresponder], creator: unit.ids.officer },
  });
});

/** Two neighbouring letters swapped: the commonest typing mistake. */
function swapTwo(name: string, at: number): string {
  const i = Math.min(Math.max(1, at), name.length - 2);
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

function samples(n: number): Sample[] {
  return unit.backend
    .requireDb()
    .prepare(
      `SELECT id, first_name, last_name, date_of_birth FROM persons
       WHERE length(first_name) >= 4 AND length(last_name) >= 5 AND date_of_birth IS NOT NULL ORDER BY num LIMIT ?`,
    )
    .all(n) as Sample[];
}

describe('name similarity', () => {
  it('treats accents, case and punctuation as the same name', () => {
    expect(normalizeName("  O'Brién-SMITH ")).toBe('obrien smith');
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(damerauLevenshtein('quendell', 'qeundell')).toBe(1);
    expect(jaroWinkler('quendell', 'qeundell')).toBeGreaterThan(0.9);
  });

  it('knows classic Soundex codes and common nicknames', () => {
    expect(soundex('robert')).toBe('R163');
    expect(soundex('rupert')).toBe('R163');
    expect(soundex('ashcraft')).toBe('A261');
    expect(isNickname('bob', 'robert')).toBe(true);
    expect(isNickname('bob', 'william')).toBe(false);
  });
});

describe('person search on a seeded set', () => {
  it('finds the intended person when two letters of the family name are swapped', () => {
    const db = unit.backend.requireDb();
    const r = new Random(99);
    for (const s of samples(25)) {
      const typed = `${s.first_name} ${swapTwo(s.last_name, r.int(1, 3))}`;
      const results = searchPeople(db, { query: typed, limit: 10 });
      expect(
        results.slice(0, 5).map((x) => x.id),
        typed,
      ).toContain(s.id);
      const withDob = searchPeople(db, { query: typed, dateOfBirth: s.date_of_birth, limit: 10 });
      expect(withDob[0]?.id, `${typed} with DOB`).toBe(s.id);
    }
  });

  it('finds the person with first and last names swapped, or misspelt in the given name', () => {
    const db = unit.backend.requireDb();
    for (const s of samples(15)) {
      const swapped = searchPeople(db, { query: `${s.last_name} ${s.first_name}`, dateOfBirth: s.date_of_birth, limit: 5 });
      expect(swapped[0]?.id).toBe(s.id);
      expect(swapped[0]?.reasons).toContain('swapped first/last');
      const typo = searchPeople(db, {
        query: `${swapTwo(s.first_name, 1)} ${s.last_name}`,
        dateOfBirth: s.date_of_birth,
        limit: 5,
      });
      expect(typo[0]?.id).toBe(s.id);
    }
  });

  it('finds people as the name is being typed', () => {
    const [s] = samples(1);
    const prefix = s!.last_name.slice(0, 4);
    const results = searchPeople(unit.backend.requireDb(), { query: `${s!.first_name} ${prefix}`, limit: 10 });
    expect(results.map((x) => x.id)).toContain(s!.id);
  });

  it('ranks by date of birth alone when no name is typed', () => {
    const [s] = samples(1);
    const results = searchPeople(unit.backend.requireDb(), { query: '', dateOfBirth: s!.date_of_birth, limit: 10 });
    expect(results.map((x) => x.id)).toContain(s!.id);
  });

  it('reads only through indexes: no statement scans the people, contacts or key tables', () => {
    const real = unit.backend.requireDb();
    const seen = new Set<string>();
    const spy = new Proxy(real, {
      get(target, prop) {
        if (prop === 'prepare') return (sql: string) => (seen.add(sql), target.prepare(sql));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Db;
    const [s] = samples(1);
    searchPeople(spy, { query: `${s!.first_name} ${swapTwo(s!.last_name, 2)}`, dateOfBirth: s!.date_of_birth, limit: 10 });
    searchPeople(spy, { query: 'Li', limit: 10 });
    expect(seen.size).toBeGreaterThan(3);
    for (const sql of seen) {
      const params = Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
      const plan = real.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      for (const step of plan) expect(step.detail, sql).not.toMatch(/^SCAN (persons|contacts|person_keys|c|p)\b/);
    }
  });
});

describe('search through the router', () => {
  it('finds by alias, nickname and short names, and leaves out merged records', async () => {
    await unit.as('coresponder');
    const make = async (person: Record<string, unknown>) =>
      (await unit.call('people.create', { person, allowDuplicate: true })).person;
    const bob = await make({ firstName: 'Robert', lastName: 'Xandervelt', dateOfBirth: '1970-01-15' });
    const short = await make({ firstName: 'Li', lastName: 'Ng' });
    const alias = await make({ firstName: 'Oriel', lastName: 'Pashwick', aliases: ['Zephyrquill'] });

    const nick = (await unit.call('people.search', { query: 'Bob Xandervelt' })).results[0];
    expect(nick).toMatchObject({ id: bob.id });
    expect(nick!.reasons).toContain('nickname');
    expect((await unit.call('people.search', { query: 'Li Ng' })).results[0]?.id).toBe(short.id);
    expect((await unit.call('people.search', { query: 'Ng' })).results.map((x) => x.id)).toContain(short.id);
    const byAlias = (await unit.call('people.search', { query: 'zephyrquill' })).results[0];
    expect(byAlias).toMatchObject({ id: alias.id, reasons: ['alias'] });

    const twin = await make({ firstName: 'Robert', lastName: 'Xandervelt' });
    await unit.call('people.merge', { survivorId: bob.id, mergedId: twin.id, reason: 'Same person, recorded twice' });
    const after = (await unit.call('people.search', { query: 'Robert Xandervelt' })).results.map((x) => x.id);
    expect(after).toContain(bob.id);
    expect(after).not.toContain(twin.id);
  });
});
