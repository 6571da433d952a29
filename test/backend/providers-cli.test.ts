import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { HSDS_REF } from './providersFixtures';
import { unzipBase64 } from './providersFixtures';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'granite-orchard-lamp-55';

function deflect(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'electron/backend/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEFLECT_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function store(): Promise<string> {
  const dir = join(tempDir(), 'store');
  const init = await deflect(['init', '--data-dir', dir, '--department', 'Testville PD', '--admin', 'chief']);
  expect(init.code).toBe(0);
  return dir;
}

const csvs = (zipPath: string) => {
  const files = unzipBase64(readFileSync(zipPath).toString('base64'));
  delete files['datapackage.json'];
  return files;
};

describe('providers command line', () => {
  it('imports a package folder, exports a zip, and the export imports into another store unchanged', async () => {
    const a = await store();
    const imported = await deflect(['providers', 'import', HSDS_REF, '--data-dir', a, '--user', 'chief']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported hsds-3.0: 21 added, 0 updated, 0 unchanged.');
    expect(imported.stderr).toContain('warning: locations.csv row 2, organization_id:');

    const out = join(tempDir(), 'directory.zip');
    const exported = await deflect(['providers', 'export', '--out', out, '--data-dir', a, '--user', 'chief']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`Exported 1 services of 1 organisations to ${out}.\n`);
    const refused = await deflect(['providers', 'export', '--out', out, '--data-dir', a, '--user', 'chief']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists already');

    const b = await store();
    const again = await deflect(['providers', 'import', out, '--data-dir', b, '--user', 'chief']);
    expect(again.code).toBe(0);
    const out2 = join(tempDir(), 'copy.zip');
    expect((await deflect(['providers', 'export', '--out', out2, '--data-dir', b, '--user', 'chief'])).code).toBe(0);
    expect(csvs(out2)).toEqual(csvs(out));
  });

  it('a broken package: errors on stderr naming file, row and field, non-zero exit, nothing imported', async () => {
    const dir = await store();
    const pkg = join(tempDir(), 'broken');
    cpSync(HSDS_REF, pkg, { recursive: true, filter: (src) => !src.includes('/json') && !src.includes('/schema') });
    const services = readFileSync(join(pkg, 'services.csv'), 'utf8').replace(',active,', ',open,');
    writeFileSync(join(pkg, 'services.csv'), services);
    const r = await deflect(['providers', 'import', pkg, '--data-dir', dir, '--user', 'chief']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: services.csv row 2, status: status must be one of active, inactive, defunct, temporarily closed (got "open")');
    expect(r.stderr).toContain('Nothing was imported from broken: 1 error(s).');
    const status = await deflect(['status', '--data-dir', dir, '--user', 'chief']);
    expect((JSON.parse(status.stdout) as { tables: Record<string, number> }).tables.hsds_service).toBe(0);

    const missing = await deflect(['providers', 'import', join(pkg, 'nope.zip'), '--data-dir', dir, '--user', 'chief']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.zip: No file or folder with this name was found.');
    expect(existsSync(join(pkg, 'nope.zip'))).toBe(false);
  });
});
