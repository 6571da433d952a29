#!/usr/bin/env node
// Electron is an optional dependency whose download npm never runs at install time (package.json
// `allowScripts`), so `npm install` succeeds on networks that block Electron's download host. With
// npm 10, which runs the download anyway, a failed download makes npm drop the optional package; this
// puts the npm package (its type definitions and the launcher, not the binary) back, without scripts.
// `npm start` fetches the binary itself (scripts/start.mjs). See docs/electron.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export class ElectronPackageError extends Error {
  name = 'ElectronPackageError';
}

/** The Electron version the lockfile pins (else the range in package.json). */
export function electronVersion(root = PROJECT_ROOT) {
  try {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const locked = lock.packages?.['node_modules/electron']?.version;
    if (locked) return locked;
  } catch {
    // no lockfile: fall back to package.json
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? 'latest';
}

export function electronPackagePresent(root = PROJECT_ROOT) {
  return existsSync(join(root, 'node_modules', 'electron', 'package.json'));
}

/** Installs the electron npm package (without running its download) if npm left it out. */
export function ensureElectronPackage({ root = PROJECT_ROOT, quiet = false } = {}) {
  if (electronPackagePresent(root)) return 'present';
  const version = electronVersion(root);
  if (!quiet) console.log(`[electron] Restoring the electron ${version} npm package (its download runs on npm start)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `electron@${version}`],
    { cwd: root, stdio: quiet ? 'pipe' : 'inherit', shell: process.platform === 'win32' },
  );
  if (r.status !== 0 || !electronPackagePresent(root)) {
    throw new ElectronPackageError(
      `The electron ${version} npm package is missing and could not be installed from the npm registry. ` +
        `Check the network or npm's proxy settings, then run: npm install --no-save --ignore-scripts electron@${version}`,
    );
  }
  return 'installed';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureElectronPackage();
  } catch (err) {
    if (err instanceof ElectronPackageError) {
      console.error(`[electron] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
