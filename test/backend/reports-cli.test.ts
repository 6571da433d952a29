import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputOf, ProcedureName } from '../../shared/contract';
import { runCli } from '../../electron/backend/cli/run';
import { CliError, type CliIo } from '../../electron/backend/cli/types';
import { deflect } from './cliHelpers';
import { ADMIN, tempDir } from './helpers';
import { recordNewPerson, setUpUnit } from './intake-helpers';

/** `deflect export`: every mistake one line and a non-zero exit before anything is written; an export logged like the window's. */

type Unit = Awaited<ReturnType<typeof setUpUnit>>;

async function run(unit: Unit, argv: string[], user = ADMIN.username) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    secret: () => Promise.reject(new Error('no secrets in this test')),
    session: () =>
      Promise.resolve({
        backend: unit.backend,
        call: async <N extends ProcedureName>(name: N, input: InputOf<N>) => {
          const r = await unit.router.call(name, input);
          if (!r.ok) throw new CliError(r.error.message);
          return r.value as never;
        },
        close: () => undefined,
      }),
  };
  const code = await runCli([...argv, '--data-dir', unit.dataDir, '--user', user], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('export command line', () => {
  it('refuses a bad date, a reversed range, an unknown profile and an existing file without --force: one line, non-zero', async () => {
    const unit = await setUpUnit();
    const dir = tempDir();
    const zip = join(dir, 'q3.zip');
    const base = ['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'state', '--out', zip];
    const cases: [string[], RegExp][] = [
      [
        ['export', '--from', '2026-02-30', '--to', '2026-09-30', '--profile', 'state', '--out', zip],
        /--from must be a real date/,
      ],
      [
        ['export', '--from', '07/01/2026', '--to', '2026-09-30', '--profile', 'state', '--out', zip],
        /--from must be a real date/,
      ],
      [['export', '--from', '2026-09-30', '--to', '2026-07-01', '--profile', 'state', '--out', zip], /is before --from/],
      [
        ['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'county', '--out', zip],
        /--profile must be state or tta/,
      ],
      [['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'state'], /Give --out FILE.zip/],
      [['export', '--from', '2026-07-01', '--to', '2026-09-30', '--out', zip], /--out needs --profile/],
      [
        ['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'state', '--out', join(dir, 'q3.csv')],
        /must name a .zip file/,
      ],
      [['export', '--to', '2026-09-30', '--profile', 'state', '--out', zip], /Missing --from/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(unit, argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(zip, 'keep me');
    const exists = await run(unit, base);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/exists already; add --force/);
    expect(readFileSync(zip, 'utf8')).toBe('keep me');
    expect((await unit.call('reports.exports', {})).exports).toEqual([]);
  });

  it('as a real process: a reversed range is one line on stderr and exit code 2', async () => {
    const dir = tempDir();
    const r = await deflect([
      'export',
      '--data-dir',
      dir,
      '--user',
      'chief',
      '--from',
      '2026-09-30',
      '--to',
      '2026-07-01',
      '--profile',
      'state',
      '--out',
      join(dir, 'q.zip'),
    ]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'deflect export: --to (2026-07-01) is before --from (2026-09-30): the period runs backwards.\n',
    });
  });

  it('writes the package and the PDF, records both as made from the command line, and refuses an officer', async () => {
    const unit = await setUpUnit();
    await unit.as('coordinator');
    await recordNewPerson(unit, undefined, { occurredAt: '2026-08-03T10:00:00-05:00' });
    const dir = tempDir();
    const zip = join(dir, 'tta.zip');
    const pdf = join(dir, 'summary.pdf');
    writeFileSync(zip, 'old');
    const r = await run(
      unit,
      ['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'tta', '--out', zip, '--pdf', pdf, '--force'],
      'coordinator',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const zipHash = createHash('sha256').update(readFileSync(zip)).digest('hex');
    expect(r.stdout).toContain(`Exported the tta data package for Q3 2026 (Jul 1 – Sep 30, 2026) to ${zip}`);
    expect(r.stdout).toContain(zipHash);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { exports } = await unit.call('reports.exports', {});
    expect(exports.map((e) => [e.kind, e.profile, e.via, e.sha256.length])).toEqual([
      ['pdf', null, 'cli', 64],
      ['package', 'tta', 'cli', 64],
    ]);
    expect(exports[1]!.sha256).toBe(zipHash);

    await unit.as('officer');
    const other = join(dir, 'officer.zip');
    const refused = await run(
      unit,
      ['export', '--from', '2026-07-01', '--to', '2026-09-30', '--profile', 'state', '--out', other],
      'officer',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Your role does not allow this/);
    expect(existsSync(other)).toBe(false);
  });
});
