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
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    },
  );
  return probe.status === 0 && probe.stdout ? probe.stdout : null;
}

function ensureElectronBinary() {
  const present = electronBinary();
  if (present) return present;
  const installScript = projectRequire.resolve('electron/install.js');
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    throw new StartError(
      'The Electron binary is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it will not be downloaded.\n' +
        `Unset it and run:  node ${installScript}\n` +
        '(npm test does not need Electron: the UI tests run the renderer in Chromium.)',
    );
  }
  log('The Electron binary is not installed yet; downloading it…');
  const install = spawnSync(process.execPath, [installScript], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const downloaded = install.status === 0 ? electronBinary() : null;
  if (!downloaded) {
    throw new StartError(
      'Could not download the Electron binary (it comes from github.com, or from ELECTRON_MIRROR if set).\n' +
        `Once the network allows it, run:  node ${installScript}\n` +
        '(npm test does not need Electron: the UI tests run the renderer in Chromium.)',
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
    if (err instanceof StartError || err instanceof NativeBuildError) {
      console.error(`\n[start] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

main();
