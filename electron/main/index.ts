/**
 * Deflect's Electron main process: thin on purpose. It picks the data folder, loads the
 * SQLCipher driver built for Electron, serves the renderer from `app://deflect`, binds the one
 * IPC channel to the backend router and locks the session on OS lock, sleep and idle.
 * No crash reporter is started: crash dumps could hold decrypted records.
 */
import { app, type BrowserWindow, dialog } from 'electron';
import { createBackend } from '../backend';
import { logError } from '../backend/log';
import { bindIpc, forwardLocks } from './ipc';
import { installMenu } from './menu';
import { checkNativeDriver } from './native';
import { configureDataDir, nativeBindingPath, RENDERER_ROOT } from './paths';
import { CommandLineError, devServerUrlFrom } from './policy';
import { watchPower } from './power';
import { registerAppScheme, serveApp } from './protocol';
import { createAppSession, hardenAllWebContents } from './security';
import { createMainWindow, focusWindow, reloadAfterCrash } from './window';

function fail(title: string, detail: string, exitCode: number): void {
  dialog.showErrorBox(title, detail);
  console.error(`[deflect] ${title}\n${detail}`);
  app.exit(exitCode);
}

function main(): void {
  app.enableSandbox();
  registerAppScheme();

  let folder: ReturnType<typeof configureDataDir>;
  try {
    folder = configureDataDir();
  } catch (err) {
    if (err instanceof CommandLineError) return fail('Deflect cannot start', err.message, 2);
    throw err;
  }

  if (!app.requestSingleInstanceLock()) {
    // Another Deflect already has this data folder open; it brings its window forward.
    app.quit();
    return;
  }

  const devServerUrl = devServerUrlFrom(process.env, app.isPackaged);
  hardenAllWebContents(devServerUrl);

  let win: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => win;
  app.on('second-instance', () => focusWindow(win));

  void app.whenReady().then(() => {
    const nativeBinding = nativeBindingPath();
    const problem = checkNativeDriver(nativeBinding);
    if (problem) return fail(problem.title, problem.detail, 1);

    const { backend, router } = createBackend({
      dataDir: folder.dataDir,
      dataDirSource: folder.source,
      knownFoldersFile: folder.knownFoldersFile,
      scheduleBackups: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    // One program per data folder: the command line, a scheduled task or the test harness may hold it.
    try {
      backend.claimFolder();
    } catch (err) {
      return fail('Deflect is already open on this data folder', err instanceof Error ? err.message : String(err), 1);
    }
    const session = createAppSession(devServerUrl);
    serveApp(session, RENDERER_ROOT);
    installMenu(devServerUrl !== undefined);
    bindIpc(getWindow, router, devServerUrl);
    forwardLocks(backend, getWindow);
    const stopWatchingPower = watchPower(backend);

    win = createMainWindow({ session, devServerUrl });
    win.on('closed', () => {
      win = null;
    });
    reloadAfterCrash(win);

    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', () => {
      stopWatchingPower();
      try {
        backend.shutdown();
      } catch (err) {
        logError('shutdown', err);
      }
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

main();
