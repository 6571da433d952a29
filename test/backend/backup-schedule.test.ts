import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/backend/backup/rotation';
import { readBackupLog } from '../../electron/backend/backup/log';
import { backupHealth, scheduledBackupDue, startBackup } from '../../electron/backend/backup/service';
import { finished } from './backupHelpers';
import { ADMIN, setUpApp, tempDir } from './helpers';

const day = 86_400_000;

describe('rotation of old backups', () => {
  it('keeps the newest of each of the last N days and M months, and always the newest', () => {
    // One backup a day at 02:00 for 90 days, and a second one on the last day.
    const files = Array.from({ length: 90 }, (_, i) => ({ name: `d${i}`, time: new Date(2026, 8, 1 + i, 2, 0, 0) }));
    files.push({ name: 'extra', time: new Date(2026, 8, 90, 14, 0, 0) });
    const keep = backupsToKeep(files, 7, 3);
    const kept = files.filter((f) => keep.has(f.name)).map((f) => f.time.toISOString().slice(0, 10));
    // 7 days (the last day by its newer backup) and the newest of September, October and November.
    expect(keep.has('extra')).toBe(true);
    expect(keep.has('d89')).toBe(false);
    expect(keep.size).toBe(7 + 2);
    expect(kept).toContain('2026-09-30');
    expect(kept).toContain('2026-10-31');
    expect(backupsToKeep(files.slice(0, 1), 1, 0)).toEqual(new Set(['d0']));
  });
});

describe('the daily schedule and the home-screen warning', () => {
  it('is due after the chosen time until a good backup is made; warns when the last good one is over 3 days old or the folder is gone', async () => {
    let now = new Date(2026, 10, 27, 1, 0, 0).getTime();
    const app = await setUpApp({ now: () => now });
    expect(backupHealth(app.backend).problem).toMatch(/Backups are not set up/);
    const folder = tempDir('deflect-sched-');
    await app.call('backups.updateSettings', { enabled: true, folder, time: '02:00', keepDaily: 7, keepMonthly: 12 });
    // Before the first backup, the last scheduled time (yesterday 02:00) has passed without one: due.
    expect(scheduledBackupDue(app.backend)).toBe(folder);
    expect(backupHealth(app.backend).problem).toMatch(/No backup has been made yet/);

    await app.call('backups.start', {});
    expect((await finished(app)).ok).toBe(true);
    expect(scheduledBackupDue(app.backend)).toBeNull();
    expect(backupHealth(app.backend).problem).toBeNull();

    // The next day, after 02:00: due again. A failed scheduled attempt is retried only after an hour.
    now += day + 2 * 3_600_000;
    // A day without activity: the idle lock applies (the key is forgotten), and the schedule waits for a login.
    expect(scheduledBackupDue(app.backend)).toBeNull();
    expect(app.backend.session?.locked).toBe(true);
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(scheduledBackupDue(app.backend)).toBe(folder);
    await app.call('backups.updateSettings', { enabled: false, folder, time: '02:00', keepDaily: 7, keepMonthly: 12 });
    expect(scheduledBackupDue(app.backend)).toBeNull();

    now += 3 * day;
    expect(backupHealth(app.backend).problem).toMatch(
      /^The last good backup is 4 days old \(Nov 27, 2026\)\. The daily backup is turned off\.$/,
    );
    rmSync(folder, { recursive: true, force: true });
    expect(backupHealth(app.backend)).toMatchObject({
      reachable: false,
      problem: expect.stringMatching(/cannot be found.*last good backup was made on Nov 27, 2026/),
    });
  });
});

describe('"Back up now" while the daily backup runs', () => {
  it('follows that backup instead of refusing or making a second; another folder is still refused until it ends', async () => {
    const app = await setUpApp();
    const folder = tempDir('deflect-join-');
    const other = tempDir('deflect-join-other-');
    await app.call('backups.updateSettings', { enabled: true, folder, time: '02:00', keepDaily: 7, keepMonthly: 12 });
    const daily = startBackup(app.backend, folder, 'scheduled');

    const now = await app.call('backups.start', {});
    expect(now).toMatchObject({ joined: true, job: { id: daily.id, kind: 'backup', done: false } });
    expect(await app.router.call('backups.start', { folder: other })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A backup is already running. Wait for it to finish.' },
    });

    expect(await finished(app)).toMatchObject({ id: daily.id, ok: true });
    const log = readBackupLog(app.dataDir);
    expect(log.map((e) => e.trigger)).toEqual(['scheduled']);
    // Once it has ended, "Back up now" makes a backup of its own.
    expect(await app.call('backups.start', {})).toMatchObject({ joined: false, job: { done: false } });
    expect((await finished(app)).ok).toBe(true);
    expect(readBackupLog(app.dataDir).map((e) => e.trigger)).toEqual(['scheduled', 'manual']);
    app.backend.shutdown();
  });
});
