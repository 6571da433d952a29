#!/usr/bin/env node
// Builds the SQLCipher driver (better-sqlite3-multiple-ciphers) for the installed Electron's ABI
// into .electron-native/<electronVersion>-<platform>-<arch>/better_sqlite3.node.
//
// node_modules/better-sqlite3-multiple-ciphers/build is never touched: Node (Vitest, the CLI, the
// test harness) keeps using npm's build there, while the Electron main process loads this copy
// through the driver's `nativeBinding` option. The package is copied to a temporary folder, where
// prebuild-install fetches a prebuilt binary for Electron, or node-gyp compiles one against
// Electron's headers; the .node file is then copied into place.
//
// Usage: npm run electron:native [-- --force] [-- --nodedir DIR]
//   --force        rebuild even if a matching build is present
//   --nodedir DIR  compile against Electron headers already on disk (no download)
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronNativeBinding, electronNativeDir, NATIVE_FILE, NATIVE_INFO_FILE } from './electron-native-path.mjs';

export const DRIVER_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export class NativeBuildError extends Error {
  name = 'NativeBuildError';
}

/** @param {string} message */
function log(message) {
  console.log(`[electron-native] ${message}`);
}

/** @param {string} path */
function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * What to build for: the installed Electron and the installed driver, on this machine.
 * @param {string} projectRoot
 */
export function buildTarget(projectRoot = PROJECT_ROOT) {
  const req = createRequire(join(projectRoot, 'package.json'));
  let electronVersion;
  try {
    electronVersion = readJson(req.resolve('electron/package.json')).version;
  } catch {
    throw new NativeBuildError('The electron package is not installed. Run npm install first.');
  }
  let driverDir;
  try {
    driverDir = dirname(req.resolve(`${DRIVER_PACKAGE}/package.json`));
  } catch {
    throw new NativeBuildError(`The ${DRIVER_PACKAGE} package is not installed. Run npm install first.`);
  }
  const driverVersion = readJson(join(driverDir, 'package.json')).version;
  return { electronVersion, platform: process.platform, arch: process.arch, driverDir, driverVersion };
}

/**
 * The record written next to a finished build, and compared before building again.
 * @param {{ electronVersion: string, platform: string, arch: string, driverVersion: string }} target
 */
export function buildInfo(target) {
  return {
    electronVersion: target.electronVersion,
    platform: target.platform,
    arch: target.arch,
    driverVersion: target.driverVersion,
  };
}

/**
 * True when the folder holds a non-empty driver built for exactly this Electron, driver version and machine.
 * @param {string} dir
 * @param {{ electronVersion: string, platform: string, arch: string, driverVersion: string }} target
 */
export function isUpToDate(dir, target) {
  const file = join(dir, NATIVE_FILE);
  const infoFile = join(dir, NATIVE_INFO_FILE);
  if (!existsSync(file) || !existsSync(infoFile) || statSync(file).size === 0) return false;
  try {
    const info = readJson(infoFile);
    const want = buildInfo(target);
    return Object.entries(want).every(([key, value]) => info[key] === value);
  } catch {
    return false;
  }
}

/**
 * node-gyp to compile with: the one npm passes to scripts, the project's, npm's bundled copy, else npx.
 * @param {Record<string, string | undefined>} env
 * @param {string} projectRoot
 * @param {(path: string) => boolean} exists
 * @returns {{ command: string, args: string[] }}
 */
export function findNodeGyp(env = process.env, projectRoot = PROJECT_ROOT, exists = existsSync) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  try {
    candidates.push(createRequire(join(projectRoot, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a project dependency
  }
  if (env.npm_execpath) candidates.push(join(dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const nodeDir = dirname(process.execPath);
  candidates.push(join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const found = candidates.find((path) => path.endsWith('.js') && exists(path));
  if (found) return { command: process.execPath, args: [found] };
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['--yes', 'node-gyp'] };
}

/** @param {{ electronVersion: string, platform: string, arch: string }} target */
export function prebuildInstallArgs(target) {
  return [
    '--runtime',
    'electron',
    '--target',
    target.electronVersion,
    '--platform',
    target.platform,
    '--arch',
    target.arch,
    '--verbose',
  ];
}

/**
 * @param {{ electronVersion: string, arch: string }} target
 * @param {{ nodedir?: string, devdir?: string }} options
 */
export function nodeGypArgs(target, options = {}) {
  const args = [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${target.electronVersion}`,
    `--arch=${target.arch}`,
    '--jobs=max',
  ];
  if (options.nodedir) args.push(`--nodedir=${options.nodedir}`);
  else args.push(`--dist-url=${ELECTRON_HEADERS_URL}`, `--devdir=${options.devdir ?? join(homedir(), '.electron-gyp')}`);
  return args;
}

/**
 * npm passes its settings to scripts as npm_config_* variables, and node-gyp and prebuild-install
 * obey them: an npmrc line such as `nodedir=/usr` would silently compile against Node's headers.
 * The build target is given on the command line only.
 * @param {Record<string, string | undefined>} env
 */
export function childEnv(env = process.env) {
  const overriding =
    /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|platform|target_platform|devdir|build_from_source|libc)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !overriding.test(key)));
}

/**
 * The NODE_MODULE_VERSION Electron's ABI has, from the node-abi table prebuild-install ships
 * (null when that table does not know this Electron yet).
 * @param {string} driverDir
 * @param {string} electronVersion
 * @returns {number | null}
 */
export function electronAbi(driverDir, electronVersion) {
  try {
    const fromPrebuild = createRequire(createRequire(join(driverDir, 'package.json')).resolve('prebuild-install/package.json'));
    const abi = Number(fromPrebuild('node-abi').getAbi(electronVersion, 'electron'));
    return Number.isInteger(abi) ? abi : null;
  } catch {
    return null;
  }
}

/**
 * The ABI the headers node-gyp compiled against declare (build/config.gypi), or null.
 * @param {string} configGypi text of build/config.gypi
 * @returns {number | null}
 */
export function compiledAbi(configGypi) {
  const match = /"node_module_version"\s*:\s*(\d+)/.exec(configGypi);
  return match ? Number(match[1]) : null;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @returns {{ ok: boolean, reason: string }}
 */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env: childEnv(), stdio: 'inherit', shell: command.endsWith('.cmd') });
  if (result.error) return { ok: false, reason: result.error.message };
  if (result.status !== 0) return { ok: false, reason: `exited with code ${result.status ?? result.signal}` };
  return { ok: true, reason: '' };
}

/**
 * A copy of the driver package without its build/ folder, so nothing in node_modules changes.
 * @param {string} driverDir
 */
function stagePackage(driverDir) {
  const stage = mkdtempSync(join(tmpdir(), 'deflect-electron-native-'));
  const buildDir = join(driverDir, 'build');
  cpSync(driverDir, stage, { recursive: true, filter: (src) => src !== buildDir && !src.startsWith(buildDir + sep) });
  return stage;
}

/**
 * If the Electron binary is installed, loads the new driver inside Electron (as Node) and opens an
 * in-memory database with it: proof that it matches Electron's ABI.
 * @param {string} projectRoot
 * @param {string} binding
 * @param {string} driverDir
 * @returns {'verified' | 'unverified'}
 */
function verifyInElectron(projectRoot, binding, driverDir) {
  let electronPath;
  try {
    electronPath = createRequire(join(projectRoot, 'package.json'))('electron');
  } catch {
    return 'unverified';
  }
  if (typeof electronPath !== 'string' || !existsSync(electronPath)) return 'unverified';
  const probe = `const D = require(${JSON.stringify(driverDir)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }); db.prepare('select 1').get(); db.close();`;
  const result = spawnSync(electronPath, ['-e', probe], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
  if (result.status !== 0) {
    const detail = (result.stderr || result.error?.message || '').split('\n').slice(0, 3).join('\n');
    throw new NativeBuildError(`The new driver does not load in Electron:\n${detail}`);
  }
  return 'verified';
}

/**
 * @param {{ electronVersion: string, driverVersion: string, platform: string, arch: string }} target
 * @param {string[]} failures
 */
function failureMessage(target, failures) {
  return [
    `Could not get the SQLCipher driver (${DRIVER_PACKAGE} ${target.driverVersion}) for Electron ${target.electronVersion} (${target.platform}-${target.arch}).`,
    ...failures.map((f) => `  - ${f}`),
    'This needs, once:',
    '  - network access to github.com (prebuilt binaries) or electronjs.org (Electron headers for compiling),',
    '    or Electron headers already on disk: npm run electron:native -- --nodedir /path/to/electron-headers;',
    '  - to compile: Python 3 and a C++ compiler (Linux: build-essential; macOS: Xcode command line tools;',
    '    Windows: Visual Studio Build Tools with "Desktop development with C++").',
    'Then run: npm run electron:native',
    'Nothing in node_modules was changed: npm test and the command line keep working.',
  ].join('\n');
}

/**
 * Ensures the Electron build of the driver exists. Idempotent: a matching build is left alone.
 * @param {{ projectRoot?: string, force?: boolean, nodedir?: string }} options
 * @returns {{ path: string, status: 'present' | 'built', method?: 'prebuilt' | 'compiled', verified?: boolean }}
 */
export function ensureElectronNative(options = {}) {
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const target = buildTarget(projectRoot);
  const dir = electronNativeDir(projectRoot, target);
  const dest = electronNativeBinding(projectRoot, target);
  if (!options.force && isUpToDate(dir, target)) {
    return { path: dest, status: 'present' };
  }
  log(
    `Building the SQLCipher driver for Electron ${target.electronVersion} (${target.platform}-${target.arch}); the Node build in node_modules stays as it is.`,
  );
  const stage = stagePackage(target.driverDir);
  const failures = [];
  /** @type {'prebuilt' | 'compiled' | null} */
  let method = null;
  try {
    const built = join(stage, 'build', 'Release', NATIVE_FILE);
    if (!options.nodedir) {
      log('Trying a prebuilt binary (prebuild-install)…');
      const prebuildBin = createRequire(join(target.driverDir, 'package.json')).resolve('prebuild-install/bin.js');
      const pre = run(process.execPath, [prebuildBin, ...prebuildInstallArgs(target)], stage);
      if (pre.ok && existsSync(built)) method = 'prebuilt';
      else
        failures.push(
          `Prebuilt download: failed (prebuild-install ${pre.ok ? 'left no binary' : pre.reason}; see its message above).`,
        );
    }
    if (!method) {
      log('Compiling from source (node-gyp); this takes a few minutes…');
      const gyp = findNodeGyp(process.env, projectRoot);
      const args = nodeGypArgs(target, options.nodedir ? { nodedir: resolve(options.nodedir) } : {});
      const compiled = run(gyp.command, [...gyp.args, ...args], stage);
      if (compiled.ok && existsSync(built)) {
        const want = electronAbi(target.driverDir, target.electronVersion);
        const configFile = join(stage, 'build', 'config.gypi');
        const got = existsSync(configFile) ? compiledAbi(readFileSync(configFile, 'utf8')) : null;
        if (want !== null && got !== null && want !== got) {
          failures.push(
            `Compiling from source: the headers used declare ABI ${got}, but Electron ${target.electronVersion} needs ABI ${want} (are --nodedir or an npmrc 'nodedir' pointing at Node's headers?).`,
          );
        } else {
          method = 'compiled';
        }
      } else {
        failures.push(
          `Compiling from source: failed (node-gyp ${compiled.ok ? 'left no binary' : compiled.reason}; see its message above).`,
        );
      }
    }
    if (!method) throw new NativeBuildError(failureMessage(target, failures));
    mkdirSync(dir, { recursive: true });
    const partial = `${dest}.partial-${process.pid}`;
    copyFileSync(built, partial);
    renameSync(partial, dest);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  let verified = false;
  try {
    verified = verifyInElectron(projectRoot, dest, target.driverDir) === 'verified';
  } catch (err) {
    rmSync(dest, { force: true });
    throw err;
  }
  writeFileSync(
    join(dir, NATIVE_INFO_FILE),
    `${JSON.stringify({ ...buildInfo(target), method, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return { path: dest, status: 'built', method, verified };
}

/** @param {string[]} argv */
export function parseArgs(argv) {
  const options = { force: false, nodedir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--nodedir' && argv[i + 1]) options.nodedir = argv[++i];
    else if (arg.startsWith('--nodedir=')) options.nodedir = arg.slice('--nodedir='.length);
    else throw new NativeBuildError(`Unknown option: ${arg}. Options: --force, --nodedir DIR.`);
  }
  return options;
}

function cli() {
  try {
    const result = ensureElectronNative(parseArgs(process.argv.slice(2)));
    if (result.status === 'present') log(`Up to date: ${result.path}`);
    else {
      log(`Done (${result.method}): ${result.path}`);
      if (!result.verified) log('Not test-loaded in Electron, because the Electron binary is not installed.');
    }
  } catch (err) {
    if (err instanceof NativeBuildError) {
      console.error(`\n[electron-native] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) cli();
