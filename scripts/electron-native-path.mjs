// Where the SQLCipher driver built for Electron's ABI lives. Shared by scripts/electron-native.mjs
// (which builds it), scripts/start.mjs and the Electron main process (which loads it).
import { join } from 'node:path';

export const NATIVE_FOLDER = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';
export const NATIVE_INFO_FILE = 'build-info.json';

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const NAME = /^[a-z0-9_]+$/;

/**
 * `<projectRoot>/.electron-native/<electronVersion>-<platform>-<arch>`: one folder per Electron
 * version and machine, so upgrading Electron never loads a driver built for the old one.
 * @param {string} projectRoot
 * @param {{ electronVersion: string, platform: string, arch: string }} target
 * @returns {string}
 */
export function electronNativeDir(projectRoot, target) {
  const version = target.electronVersion.replace(/^v/, '');
  if (!VERSION.test(version)) throw new Error(`Not an Electron version: ${JSON.stringify(target.electronVersion)}`);
  if (!NAME.test(target.platform) || !NAME.test(target.arch)) {
    throw new Error(`Not a platform/arch pair: ${JSON.stringify(target.platform)} ${JSON.stringify(target.arch)}`);
  }
  return join(projectRoot, NATIVE_FOLDER, `${version}-${target.platform}-${target.arch}`);
}

/**
 * The driver file inside that folder (what the main process passes as `nativeBinding`).
 * @param {string} projectRoot
 * @param {{ electronVersion: string, platform: string, arch: string }} target
 * @returns {string}
 */
export function electronNativeBinding(projectRoot, target) {
  return join(electronNativeDir(projectRoot, target), NATIVE_FILE);
}
