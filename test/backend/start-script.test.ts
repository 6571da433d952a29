import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const ROOT = join(__dirname, '../..');

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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

describe('npm start without the Electron binary', { timeout: 120_000 }, () => {
  it('tries to download it, then prints one clear paragraph and exits non-zero — no stack trace', async () => {
    const r = await start({
      // No binary where Electron looks for it, and a download host that refuses at once.
      ELECTRON_OVERRIDE_DIST_PATH: tempDir('deflect-no-electron-'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: tempDir('deflect-electron-cache-'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/Downloading the Electron [\d.]+ runtime/);
    const message = r.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      /^\[start\] Deflect cannot start: the Electron [\d.]+ runtime is not installed, and downloading it failed/,
    );
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).toContain('npm start');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('GLOBAL_AGENT_HTTPS_PROXY');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
  });

  it('says so plainly when ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: tempDir('deflect-no-electron-'), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
  });
});
