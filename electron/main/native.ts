import { existsSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

export interface DriverProblem {
  title: string;
  detail: string;
}

const REBUILD = 'npm run electron:native';

/**
 * Loads the SQLCipher driver once, on an in-memory database, before any window opens: a driver
 * that is missing or built for another ABI is reported at start rather than at the first login.
 */
export function checkNativeDriver(nativeBinding: string | undefined): DriverProblem | null {
  if (nativeBinding !== undefined && !existsSync(nativeBinding)) {
    return {
      title: 'The encrypted-database driver for Electron is not built',
      detail:
        `Deflect needs its SQLCipher driver compiled for Electron ${process.versions.electron}, and it is not there yet.\n\n` +
        `In the project folder, run:\n\n    ${REBUILD}\n\nthen start Deflect again (npm start does this for you).\n\nExpected file: ${nativeBinding}`,
    };
  }
  try {
    const db = new Database(':memory:', nativeBinding === undefined ? {} : { nativeBinding });
    db.prepare('SELECT 1').get();
    db.close();
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'unknown error';
    return {
      title: 'The encrypted-database driver could not be loaded',
      detail:
        `The SQLCipher driver did not load in Electron ${process.versions.electron} (${process.platform}-${process.arch}): ${reason}\n\n` +
        `Rebuild it for this Electron version. In the project folder, run:\n\n    ${REBUILD} -- --force\n\nthen start Deflect again.`,
    };
  }
}
