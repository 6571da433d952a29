import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { VaultFile } from '../../electron/backend/vault/file';
import { deflect, PASSWORD } from './cliHelpers';
import { ADMIN, setUpApp, tempDir, type TestApp } from './helpers';

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
  hash: string;
}

/** What someone holding the data key can do with a SQLCipher client: drop the guards and edit the log. */
function tamper(app: TestApp, edit: (db: Database.Database) => void): void {
  const keyHex = app.backend.requireDataKey().toString('hex');
  app.backend.logout();
  const db = new Database(join(app.dataDir, 'deflect.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  edit(db);
  db.close();
}

/** Recomputes every hash from `fromSeq` on with Deflect's own formula (sequence number included). */
function rechain(db: Database.Database, fromSeq: number): void {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(fromSeq) as Row[];
  let prev = db.prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').pluck().get(fromSeq) as string;
  for (const r of rows) {
    const canonical = JSON.stringify([
      r.seq,
      r.at,
      r.user_id,
      r.username,
      r.action,
      r.outcome,
      r.target_type,
      r.target_id,
      JSON.parse(r.detail) as unknown,
    ]);
    const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

function forgetKeyFileHead(app: TestApp): void {
  const path = join(app.dataDir, 'deflect.vault.json');
  const vault = JSON.parse(readFileSync(path, 'utf8')) as VaultFile;
  writeFileSync(path, JSON.stringify({ ...vault, auditHead: null }));
}

async function storeWithHistory() {
  const app = await setUpApp();
  for (let i = 0; i < 6; i++) await app.call('settings.update', { banner: `Authorised use only. Notice number ${i} for staff.` });
  const verified = await app.call('audit.verify', {});
  expect(verified.ok).toBe(true);
  return { app, anchor: verified.head!.anchor, head: verified.head! };
}

const login = (app: TestApp) => app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });

describe('audit chain and anchors', () => {
  it('numbers entries 1, 2, 3… and reports a gap left by a deleted entry, even with the hashes recomputed', async () => {
    const { app } = await storeWithHistory();
    tamper(app, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
      rechain(db, 5);
    });
    forgetKeyFileHead(app);
    await login(app);
    const r = await app.call('audit.verify', {});
    expect(r).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(r.problem).toMatch(/entry 4/);
  });

  it('detects entries deleted from the end against an anchor written down earlier, and against the key file', async () => {
    const { app, anchor, head } = await storeWithHistory();
    tamper(app, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head.seq - 3);
      db.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'`).run(head.seq - 3);
    });
    await login(app);
    const withKeyFile = await app.call('audit.verify', {});
    expect(withKeyFile.ok).toBe(false);
    expect(withKeyFile.anchors).toContainEqual(expect.objectContaining({ source: 'key file', status: 'truncated' }));

    forgetKeyFileHead(app);
    const withAnchor = await app.call('audit.verify', { anchor });
    expect(withAnchor.ok).toBe(false);
    expect(withAnchor.anchors).toEqual([expect.objectContaining({ seq: head.seq, source: 'entered', status: 'truncated' })]);
    expect(withAnchor.problem).toMatch(/deleted/);
  });

  it('detects a log rewritten from an edit onwards with every hash recomputed', async () => {
    const { app, anchor } = await storeWithHistory();
    tamper(app, (db) => {
      db.prepare(`UPDATE audit_log SET detail = '{"changed":"nothing"}' WHERE seq = 3`).run();
      rechain(db, 3);
    });
    forgetKeyFileHead(app);
    await login(app);
    expect((await app.call('audit.verify', {})).ok).toBe(true); // the chain alone cannot tell
    const r = await app.call('audit.verify', { anchor });
    expect(r.ok).toBe(false);
    expect(r.anchors[0]!.status).toBe('rewritten');
    expect(r.problem).toMatch(/rewritten/);
  });

  it('writes the anchor into every export, and that anchor verifies later', async () => {
    const { app } = await storeWithHistory();
    const exported = await app.call('providers.export', {});
    const files = unzipSync(Buffer.from(exported.contentBase64, 'base64'));
    const descriptor = JSON.parse(strFromU8(files['datapackage.json']!)) as { deflect_audit_anchor?: string };
    expect(descriptor.deflect_audit_anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
    const r = await app.call('audit.verify', { anchor: descriptor.deflect_audit_anchor! });
    expect(r.ok).toBe(true);
    expect(r.anchors).toContainEqual(expect.objectContaining({ source: 'entered', status: 'ok' }));
  });

  it('refuses an anchor that is not SEQ:HASH, naming the field', async () => {
    const { app } = await storeWithHistory();
    const err = await app.fail('audit.verify', { anchor: '12:not-a-hash' });
    expect(err).toMatchObject({ code: 'invalid_input', field: 'anchor' });
    expect(err.message).toMatch(/sequence number/);
  });

  it(
    'audit verify --anchor on the command line prints the anchor to keep and fails on a truncated log',
    { timeout: 240_000 },
    async () => {
      const dir = join(tempDir(), 'store');
      expect(
        (
          await deflect(['init', '--data-dir', dir, '--department', 'Testville PD', '--admin', 'chief'], {
            DEFLECT_PASSWORD: PASSWORD,
          })
        ).code,
      ).toBe(0);
      const first = await deflect(['audit', 'verify', '--data-dir', dir, '--user', 'chief'], { DEFLECT_PASSWORD: PASSWORD });
      expect(first.code).toBe(0);
      const anchor = /Anchor to keep now: (\d+:[0-9a-f]{64})/.exec(first.stdout)![1]!;
      const ok = await deflect(['audit', 'verify', '--data-dir', dir, '--user', 'chief', '--anchor', anchor], {
        DEFLECT_PASSWORD: PASSWORD,
      });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/reached, hash matches/);
      const bad = await deflect(
        ['audit', 'verify', '--data-dir', dir, '--user', 'chief', '--anchor', `99999:${'0'.repeat(64)}`],
        {
          DEFLECT_PASSWORD: PASSWORD,
        },
      );
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/entries were deleted/);
      const malformed = await deflect(['audit', 'verify', '--data-dir', dir, '--user', 'chief', '--anchor', 'yesterday'], {
        DEFLECT_PASSWORD: PASSWORD,
      });
      expect(malformed.code).toBe(2);
    },
  );
});
