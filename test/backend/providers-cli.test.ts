import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputOf, ProcedureName } from '../../shared/contract';
import { runCli } from '../../electron/backend/cli/run';
import type { CliIo } from '../../electron/backend/cli/types';
import { ADMIN, DEPARTMENT, makeApp, setUpApp, tempDir } from './helpers';
import { HSDS_REF, dumpDirectory, unzipBase64 } from './providersFixtures';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs a command in-process against a test store (cheap KDF), capturing what it prints. */
async function run(app: Awaited<ReturnType<typeof setUpApp>>, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    secret: () => Promise.reject(new Error('no secrets in this test')),
    session: () =>
      Promise.resolve({
        backend: app.backend,
        call: <N extends ProcedureName>(name: N, input: InputOf<N>) => app.call(name, input),
        close: () => undefined,
      }),
  };
  const code = await runCli([...argv, '--data-dir', app.dataDir, '--user', ADMIN.username], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const csvs = (zipPath: string) => {
  const files = unzipBase64(readFileSync(zipPath).toString('base64'));
  delete files['datapackage.json'];
  return files;
};

describe('providers command line', () => {
  it('imports a package folder, exports a zip, and the export imports into another store unchanged', async () => {
    const a = await setUpApp();
    const imported = await run(a, ['providers', 'import', HSDS_REF]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported hsds-3.0: 21 added, 0 updated, 0 unchanged.');
    expect(imported.stderr).toContain('warning: locations.csv row 2, organization_id:');

    const out = join(tempDir(), 'directory.zip');
    const exported = await run(a, ['providers', 'export', '--out', out]);
    expect(exported).toEqual({ code: 0, stdout: `Exported 1 services of 1 organisations to ${out}.`, stderr: '' });
    const refused = await run(a, ['providers', 'export', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists already; add --force');

    const b = await setUpApp();
    expect((await run(b, ['providers', 'import', out])).code).toBe(0);
    expect(dumpDirectory(b)).toEqual(dumpDirectory(a));
    const out2 = join(tempDir(), 'copy.zip');
    expect((await run(b, ['providers', 'export', '--out', out2])).code).toBe(0);
    expect(csvs(out2)).toEqual(csvs(out));

    const dry = await run(b, ['providers', 'import', out, '--dry-run']);
    expect(dry.stdout).toContain('Would import directory.zip: 0 added, 0 updated, 42 unchanged.');
  });

  it('as a real process: a broken package prints errors on stderr naming file, row and field, exits 1, imports nothing', async () => {
    const app = makeApp();
    await app.call('auth.setup', { department: DEPARTMENT, admin: ADMIN });
    const pkg = join(tempDir(), 'broken');
    cpSync(HSDS_REF, pkg, { recursive: true, filter: (src) => !src.includes('/json') && !src.includes('/schema') });
    writeFileSync(join(pkg, 'services.csv'), readFileSync(join(pkg, 'services.csv'), 'utf8').replace(',active,', ',open,'));
    // One program per data folder: the app closes before the command line opens it.
    app.backend.shutdown();
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        TSX,
        [join(ROOT, 'electron/backend/cli.ts'), 'providers', 'import', pkg, '--data-dir', app.dataDir, '--user', ADMIN.username],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEFLECT_PASSWORD: ADMIN.password },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'error: services.csv row 2, status: status must be one of active, inactive, defunct, temporarily closed (got "open")',
    );
    expect(r.stderr).toContain('Nothing was imported from broken: 1 error(s).');
    await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(dumpDirectory(app).service).toEqual([]);
    const missing = await run(await setUpApp(), ['providers', 'import', join(pkg, 'nope.zip')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.zip: No file or folder with this name was found.');
    expect(existsSync(join(pkg, 'nope.zip'))).toBe(false);
  });
});
