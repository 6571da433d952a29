import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../electron/backend/backup/format';
import { readBackupLog } from '../../electron/backend/backup/log';
import { runJob } from '../../electron/backend/maintenance/jobs';
import { openSlot } from '../../electron/backend/vault/slots';
import { seed } from './backupHelpers';
import { ADMIN_LOGIN } from './crash/shared';
import { makeApp, setUpApp, tempDir, type TestApp } from './helpers';

const ROOT = join(__dirname, '../..');
const CHILD = join(__dirname, 'crash/child.ts');
const KILLS = 20;

/** A fixed-seed generator, so that a failing run can be repeated. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildRun {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** Starts the child; once `armed(lines)` holds, waits `delayMs` and kills it with SIGKILL. */
function killChild(args: string[], armed: (lines: string[]) => boolean, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx's loader (not the tsx command, which would run the program in a grandchild that SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    let scheduled = false;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
      if (!scheduled && armed(lines)) {
        scheduled = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ lines, stderr, signal }));
  });
}

/** After a kill: the store opens, passes integrity_check, and the caller checks what it must hold. */
async function reopen(dataDir: string, check: (app: TestApp) => Promise<void>): Promise<void> {
  const app = makeApp(dataDir);
  try {
    await app.call('auth.login', ADMIN_LOGIN);
    expect(app.backend.requireDb().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    await check(app);
  } finally {
    app.backend.shutdown();
  }
}

describe('crashes', { timeout: 600_000 }, () => {
  it(`SIGKILL at ${KILLS} random moments while writing: every write that returned success is there`, async () => {
    const app = await setUpApp();
    app.backend.shutdown();
    const next = random(20261128);
    const confirmed = new Set<string>();
    let lastDraft = 0;
    for (let i = 0; i < KILLS; i++) {
      const run = await killChild([app.dataDir, 'write'], (lines) => lines.includes('ready'), 150 + Math.floor(next() * 900));
      expect(run.signal, run.stderr).toBe('SIGKILL');
      for (const line of run.lines) {
        if (line.startsWith('person ')) confirmed.add(line.slice(7));
        if (line.startsWith('draft ')) lastDraft = Number(line.slice(6));
      }
      await reopen(app.dataDir, async (store) => {
        const db = store.backend.requireDb();
        const ids = new Set(db.prepare('SELECT id FROM persons').pluck().all() as string[]);
        const missing = [...confirmed].filter((id) => !ids.has(id));
        expect(missing, `kill ${i + 1}: confirmed people missing`).toEqual([]);
        if (lastDraft > 0 && run.lines.some((l) => l.startsWith('draft '))) {
          const { draft } = await store.call('drafts.get', { formKey: 'intake' });
          expect((draft?.content as { n: number } | undefined)?.n ?? 0).toBeGreaterThanOrEqual(lastDraft);
        }
      });
    }
    // The children really wrote between kills.
    expect(confirmed.size).toBeGreaterThan(KILLS);
  });

  it('SIGKILL during key rotations: the store opens with the old or the new keys, whole, and the right recovery key opens it', async () => {
    const app = await setUpApp();
    const coresponder = { username: 'cr.crash', password: 'harbour-violet-spruce-31' };
    await app.call('users.create', {
      username: coresponder.username,
      displayName: 'Co-responder',
      role: 'coresponder',
      password: 'temporary-pass-phrase-9',
    });
    await app.call('auth.login', { username: coresponder.username, password: 'temporary-pass-phrase-9' });
    await app.call('auth.changePassword', { currentPassword: 'temporary-pass-phrase-9', newPassword: coresponder.password });
    await app.call('auth.login', ADMIN_LOGIN);
    seed(app, 200, 800);
    const sample = app.backend
      .requireDb()
      .prepare(`SELECT contact_id FROM contact_clinical WHERE note LIKE 'dcs1.%' LIMIT 1`)
      .pluck()
      .get() as string;
    const note = (await app.call('contacts.clinical', { id: sample })).clinicalNote;
    const people = (await app.call('system.status', {})).tables.persons;
    app.backend.shutdown();

    let recovery = app.recoveryKey;
    const outcomes = { old: 0, new: 0 };
    // First a kill at each step of the switch (exactly), then at random moments.
    const steps = ['journal', 'aside', 'database', 'vault'] as const;
    const next = random(1128);
    for (let i = 0; i < steps.length + 8; i++) {
      const step = steps[i];
      const run = step
        ? await killChild([app.dataDir, 'rekey', step], () => false, 0)
        : await killChild([app.dataDir, 'rekey'], (lines) => lines.includes('ready'), 100 + Math.floor(next() * 2500));
      expect(run.signal, run.stderr).toBe('SIGKILL');
      const shown = run.lines.filter((l) => l.startsWith('recovery ')).map((l) => l.slice(9));
      const completed = run.lines.filter((l) => l === 'rotated').length;
      // Rotations that finished before the kill: their recovery keys took over in turn.
      if (completed) recovery = shown[completed - 1]!;
      const inFlight = shown.length > completed ? shown[shown.length - 1]! : null;
      await reopen(app.dataDir, async (store) => {
        expect((await store.call('system.status', {})).tables.persons).toBe(people);
        expect((await store.call('contacts.clinical', { id: sample })).clinicalNote).toBe(note);
        expect((await store.call('audit.verify', {})).ok).toBe(true);
        // Exactly one recovery key opens the store: the last one in force, or the one being rotated to.
        const vault = store.backend.readVault();
        const slot = vault.slots.find((s) => s.kind === 'recovery')!;
        const withOld = (await openSlot(vault, slot, recovery)) !== null;
        const withNew = inFlight ? (await openSlot(vault, slot, inFlight)) !== null : false;
        expect(withOld !== withNew, `kill ${i + 1}: old key opens ${withOld}, new key opens ${withNew}`).toBe(true);
        if (step) {
          expect(withNew, `killed after the ${step} step`).toBe(step === 'database' || step === 'vault');
          // The start said what it did, and the audit log keeps it.
          const { entries } = await store.call('audit.list', { action: 'keys.rotate', limit: 1 });
          expect(entries[0]).toMatchObject({
            outcome: withNew ? 'success' : 'failure',
            detail: { interrupted: true, completedAtStart: withNew },
          });
        }
        if (withNew) recovery = inFlight!;
        if (inFlight) outcomes[withNew ? 'new' : 'old']++;
        // Another member of staff still gets in with their own password, and still reads clinical notes.
        await store.call('auth.login', coresponder);
        expect((await store.call('contacts.clinical', { id: sample })).clinicalNote).toBe(note);
      });
    }
    console.log(`kills during a rotation: ${outcomes.old} left the old keys, ${outcomes.new} the new ones`);
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  });

  it('SIGKILL during backups: the store opens, and every file with a backup name is a complete, verified backup', async () => {
    const app = await setUpApp();
    seed(app, 300, 1500);
    app.backend.shutdown();
    const folder = tempDir('deflect-crash-backups-');
    const next = random(7);
    let good = 0;
    for (let i = 0; i < 8; i++) {
      const run = await killChild(
        [app.dataDir, 'backup', folder],
        (lines) => lines.includes('ready'),
        100 + Math.floor(next() * 1500),
      );
      expect(run.signal, run.stderr).toBe('SIGKILL');
      good += run.lines.filter((l) => l.startsWith('backup /')).length;
      await reopen(app.dataDir, async () => undefined);
    }
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.deflectbackup'))) {
      const file = join(folder, name);
      const { header, dbOffset } = readHeader(file);
      const { sha256, bytes } = await runJob({ job: 'hash', file, offset: dbOffset, phase: 'verify' });
      expect({ sha256, bytes }).toEqual({ sha256: header.db.sha256, bytes: header.db.bytes });
    }
    // The newest backup the log calls good is there (older ones of the same day were rotated out).
    const goodOnes = readBackupLog(app.dataDir).filter((x) => x.ok);
    if (goodOnes.length) expect(readdirSync(folder)).toContain(goodOnes.at(-1)!.file!.split('/').pop());
    expect(good).toBe(goodOnes.length);
  });
});
