import { join } from 'node:path';
import { app } from 'electron';
import { electronNativeBinding } from '../../scripts/electron-native-path.mjs';
import { type DataDirSource, KNOWN_FOLDERS_FILE, profileDirFor, resolveDataDir } from './policy';

/** The built renderer and preload, next to this bundle (out/main/index.js). */
export const RENDERER_ROOT = join(__dirname, '../renderer');
export const PRELOAD_PATH = join(__dirname, '../preload/index.js');

/**
 * Decides the data folder before the app is ready. A data folder other than the default gets
 * its own Chromium profile folder, so the single-instance lock is per data folder. Nothing is created in the
 * data folder here: a folder that cannot be reached is explained by the window (system/dataFolder.ts).
 */
export function configureDataDir(): { dataDir: string; source: DataDirSource; knownFoldersFile: string } {
  const defaultUserData = app.getPath('userData');
  const chosen = {
    ...resolveDataDir(process.argv, process.env, defaultUserData, process.cwd()),
    knownFoldersFile: join(defaultUserData, KNOWN_FOLDERS_FILE),
  };
  if (chosen.source !== 'default') {
    const profile = profileDirFor(defaultUserData, chosen.dataDir);
    app.setPath('userData', profile);
    app.setPath('sessionData', profile);
  }
  return chosen;
}

/**
 * The SQLCipher driver built for this Electron (scripts/electron-native.mjs). A packaged app
 * ships node_modules already rebuilt for Electron by the packager, so it uses the default lookup.
 */
export function nativeBindingPath(): string | undefined {
  if (app.isPackaged) return undefined;
  return electronNativeBinding(app.getAppPath(), {
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
  });
}
