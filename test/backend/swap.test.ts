import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { pageFingerprint } from '../../electron/backend/maintenance/files';
import { commitSwap, preparedNames, recoverInterruptedSwap, SWAP_JOURNAL } from '../../electron/backend/maintenance/swap';
import { ADMIN, makeApp, setUpApp } from './helpers';

const STEPS = ['journal', 'aside', 'database', 'vault'] as const;

/** A closed store and, beside it, prepared replacement files (a fresh copy of the database, a key file with another banner). */
async function prepared(op: 'rotate' | 'restore') {
  const app = await setUpApp();
  await app.call('people.create', { person: { firstName: 'Swap', lastName: 'Sample' } });
  const { keyHex } = await app.call('system.revealKey', { password: ADMIN.password });
  app.backend.shutdown();
  const dir = app.dataDir;
  const names = preparedNames(op === 'rotate' ? 'rotating' : 'restoring');
  const db = new Database(join(dir, 'deflect.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  db.prepare('VACUUM INTO ?').run(join(dir, names.db));
  db.close();
  const vault = JSON.parse(readFileSync(join(dir, 'deflect.vault.json'), 'utf8')) as { public: { banner: string } };
  vault.public.banner = 'The prepared key file, told apart by this banner.';
  writeFileSync(join(dir, names.vault), JSON.stringify(vault));
  return {
    dir,
    names,
    oldDb: pageFingerprint(join(dir, 'deflect.db')),
    newDb: pageFingerprint(join(dir, names.db)),
  };
}

function banner(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'deflect.vault.json'), 'utf8')) as { public: { banner: string } }).public.banner;
}

class Crash extends Error {}

describe('replacing the store files', () => {
  for (const op of ['rotate', 'restore'] as const) {
    for (const step of STEPS) {
      it(`${op}: a crash after the ${step} step leaves the old or the new store whole, and the next start says which`, async () => {
        const p = await prepared(op);
        expect(() =>
          commitSwap(
            p.dir,
            { op, db: p.names.db, vault: p.names.vault, aside: op === 'restore' ? 'replaced-20261128-020000' : null },
            new Date(),
            {
              after: (s) => {
                if (s === step) throw new Crash();
              },
            },
          ),
        ).toThrow(Crash);
        const notice = recoverInterruptedSwap(p.dir);
        const replaced = step === 'database' || step === 'vault';
        expect(pageFingerprint(join(p.dir, 'deflect.db'))).toBe(replaced ? p.newDb : p.oldDb);
        expect(banner(p.dir) === 'The prepared key file, told apart by this banner.').toBe(replaced);
        expect(notice).toMatchObject({ op, finished: replaced });
        expect(notice!.notice).toMatch(replaced ? /has now been completed/ : /before it took effect/);
        expect(existsSync(join(p.dir, SWAP_JOURNAL))).toBe(false);
        expect(existsSync(join(p.dir, p.names.db))).toBe(false);
        expect(existsSync(join(p.dir, p.names.vault))).toBe(false);
        if (op === 'restore') expect(readdirSync(p.dir).includes('replaced-20261128-020000')).toBe(replaced);
        // The store opens either way.
        const app = makeApp(p.dir);
        await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
        expect((await app.call('system.status', {})).tables.persons).toBe(1);
        app.backend.shutdown();
      });
    }
  }

  it('a rotation that stopped before its journal leaves only its prepared files, which the next start removes', async () => {
    const p = await prepared('rotate');
    expect(recoverInterruptedSwap(p.dir)?.notice).toMatch(/before it took effect/);
    expect(existsSync(join(p.dir, p.names.db))).toBe(false);
    expect(pageFingerprint(join(p.dir, 'deflect.db'))).toBe(p.oldDb);
  });
});
