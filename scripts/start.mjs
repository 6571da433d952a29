#!/usr/bin/env node
// `npm start` (and `npm run dev` with --dev): makes sure the Electron binary and the SQLCipher
// driver built for Electron exist, builds the app with electron-vite and launches it.
// Arguments after `--` go to the app, e.g. `npm start -- --data-dir /path/to/data`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative, NativeBuildError } from './electron-native.mjs';
import { ElectronPackageError, electronVersion, ensureElectronPackage } from './electron-package.mjs';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projectRequire = createRequire(join(PROJECT_ROOT, 'package.json'));

class StartError extends Error {
  name = 'StartError';
}

/** @param {string} message */
function log(message) {
  console.log(`[start] ${message}`);
}

/** The Electron executable, asked of a fresh Node so a just-finished download is seen. */
function electronBinary() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "const p = require('electron'); if (!require('fs').existsSync(p)) process.exit(1); process.stdout.write(p)"],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  return probe.status === 0 && probe.stdout ? probe.stdout : null;
}

/** The first line of what the download printed that says why it failed (never the stack trace). */
function reasonFrom(output) {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  const found =
    lines.find((l) =>
      /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|certificate|HTTPError|Response code|\b40\d\b|\b50\d\b/.test(l),
    ) ?? lines.find((l) => /^(Request)?Error/.test(l));
  return found ? found.replace(/^(Request)?Error:\s*/, '').slice(0, 200) : null;
}

/**
 * Makes sure the Electron binary exists, downloading it on first start. npm install never downloads it
 * (package.json `allowScripts`; docs/electron.md), so that installing works on networks that block the
 * download host. On failure: one paragraph saying what is missing and how to retry, never a stack trace.
 */
function ensureElectronBinary() {
  const present = electronBinary();
  if (present) return present;
  const version = electronVersion(PROJECT_ROOT);
  const installScript = join(PROJECT_ROOT, 'node_modules', 'electron', 'install.js');
  const retry =
    `Retry with "npm start" once the network allows it. To download through a mirror, set ELECTRON_MIRROR ` +
    `(for example ELECTRON_MIRROR=https://your-mirror.example/electron/ npm start); through a proxy, set ` +
    `ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY=http://proxy-host:port. ` +
    `npm test does not need Electron.`;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    throw new StartError(
      `Deflect cannot start: the Electron ${version} runtime is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, ` +
        `so it was not downloaded. Unset ELECTRON_SKIP_BINARY_DOWNLOAD. ${retry}`,
    );
  }
  log(`Downloading the Electron ${version} runtime (first start only)…`);
  const install = spawnSync(process.execPath, [installScript], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: 'pipe' });
  const downloaded = install.status === 0 ? electronBinary() : null;
  if (!downloaded) {
    const reason = reasonFrom(`${install.stderr ?? ''}\n${install.stdout ?? ''}`) ?? install.error?.message ?? null;
    throw new StartError(
      `Deflect cannot start: the Electron ${version} runtime is not installed, and downloading it failed` +
        `${reason ? ` (${reason})` : ''}. It comes from github.com (or ELECTRON_MIRROR), which this network may block. ${retry}`,
    );
  }
  return downloaded;
}

function electronViteBin() {
  const pkgPath = projectRequire.resolve('electron-vite/package.json');
  const bin = JSON.parse(readFileSync(pkgPath, 'utf8')).bin;
  return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin['electron-vite']);
}

/** The app's environment: nothing that would turn Electron into Node or point it at another page. */
function appEnv(dev) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  if (!dev) delete env.ELECTRON_RENDERER_URL;
  return env;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function runToExit(command, args, env) {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`[start] Could not run ${command}: ${err.message}`);
    process.exit(1);
  });
}

function main() {
  const argv = process.argv.slice(2);
  const dev = argv[0] === '--dev';
  const appArgs = dev ? argv.slice(1) : argv;
  try {
    ensureElectronPackage();
    const electron = ensureElectronBinary();
    const native = ensureElectronNative({ projectRoot: PROJECT_ROOT });
    log(`SQLCipher driver for Electron: ${native.status === 'present' ? 'up to date' : 'built'}.`);
    const viteBin = electronViteBin();
    if (dev) {
      runToExit(process.execPath, [viteBin, 'dev', ...(appArgs.length ? ['--', ...appArgs] : [])], appEnv(true));
      return;
    }
    const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new StartError('The build failed (see above); the app was not started.');
    runToExit(electron, [PROJECT_ROOT, ...appArgs], appEnv(false));
  } catch (err) {
    if (err instanceof StartError || err instanceof NativeBuildError || err instanceof ElectronPackageError) {
      console.error(`\n[start] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

main();
