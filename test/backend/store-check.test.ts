import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeCheckOf } from '../../electron/backend/maintenance/storeCheck';
import { seed } from './backupHelpers';
import { ADMIN, makeApp, setUpApp, type TestApp } from './helpers';

/**
 * The page check that the first unlock starts in a worker (maintenance/storeCheck.ts) on a store large
 * enough for it to take a while: closing the app or locking the workstation stops it at once, and a check
 * cut short records nothing — neither "damaged" nor "checked" — so the next unlock checks again.
 */

const FILLER_TABLES = 8;

/** A closed store with records and, after them, eight tables of 8 MB each (the check reads every page). */
async function largeStore(): Promise<string> {
  const app = await setUpApp();
  seed(app, 40, 160);
  const db = app.backend.requireDb();
  for (let i = 1; i <= FILLER_TABLES; i++) {
    db.exec(`CREATE TABLE bulk_${i} (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO bulk_${i} (body) SELECT randomblob(4000) FROM n;`);
  }
  app.backend.shutdown();
  return app.dataDir;
}

async function login(dataDir: string): Promise<TestApp> {
  const app = makeApp(dataDir);
  await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return app;
}

/** Waits until the check has finished its first table: the worker is reading the store. */
async function checking(app: TestApp): Promise<void> {
  const check = storeCheckOf(app.backend);
  const started = Date.now();
  while (check.progress === 0) {
    if (Date.now() - started > 60_000) throw new Error('the check never started');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Milliseconds from the start of `run` until the check's worker has stopped. */
async function untilSettled(app: TestApp, run: () => void): Promise<number> {
  const started = performance.now();
  run();
  await storeCheckOf(app.backend).settled();
  return performance.now() - started;
}

async function state(app: TestApp) {
  return app.call('system.state', {});
}

describe('the store check after unlock', () => {
  it('closing the app during the check stops its worker at once and records nothing; the next unlock checks again', async () => {
    const dataDir = await largeStore();
    // How long the check takes here from its first table to its end (under this machine's load now).
    const whole = await login(dataDir);
    await checking(whole);
    const full = await untilSettled(whole, () => undefined);
    expect(storeCheckOf(whole.backend).progress).toBe(1);
    whole.backend.shutdown();

    const app = await login(dataDir);
    await checking(app);
    const check = storeCheckOf(app.backend);
    let returned = 0;
    const stopped = await untilSettled(app, () => {
      const t = performance.now();
      app.backend.shutdown();
      returned = performance.now() - t;
    });
    expect(returned, 'shutdown returns without waiting for the check').toBeLessThan(500);
    // The worker stops after the table in hand (one of eight of this size), not at the end of the check.
    expect(stopped, `stopped ${Math.round(stopped)} ms after shutdown; the whole check takes ${Math.round(full)} ms`).toBeLessThan(
      full / 3,
    );
    expect(check.progress, 'cut short').toBeLessThan(1);
    expect(app.backend.damage, 'a check cut short is not a damaged store').toBeNull();

    const next = await login(dataDir);
    await storeCheckOf(next.backend).settled();
    expect(storeCheckOf(next.backend).progress, 'the next unlock checks the whole store again').toBe(1);
    expect((await state(next)).storeProblem).toBeNull();
    next.backend.shutdown();
  }, 180_000);

  it('a check cut short by locking is not taken as "checked": unlocking again checks again and finds the damage', async () => {
    const dataDir = await largeStore();
    // Damage in the last table's pages, at the end of the file: a check stopped early has not read them.
    const file = join(dataDir, 'deflect.db');
    const bytes = readFileSync(file);
    bytes[bytes.length - 4096 * 3 + 1000]! ^= 0x40;
    writeFileSync(file, bytes);

    const app = await login(dataDir);
    await checking(app);
    await untilSettled(app, () => void app.call('auth.lock', {}));
    expect(storeCheckOf(app.backend).progress, 'cut short').toBeLessThan(1);
    expect(app.backend.damage, 'nothing recorded by the check that was stopped').toBeNull();

    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await storeCheckOf(app.backend).settled();
    expect((await state(app)).storeProblem).toMatch(/The database is damaged/);
    app.backend.shutdown();
  }, 180_000);
});
