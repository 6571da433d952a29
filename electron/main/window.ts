import { BrowserWindow, type Session } from 'electron';
import { logError } from '../backend/log';
import { PRELOAD_PATH } from './paths';
import { APP_ENTRY_URL } from './policy';

export interface WindowOptions {
  session: Session;
  /** `ELECTRON_RENDERER_URL` from `electron-vite dev`; unset in production. */
  devServerUrl: string | undefined;
}

/** The one window: sandboxed, isolated, no Node, no spell-check service, DevTools only in dev. */
export function createMainWindow({ session, devServerUrl }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Deflect',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: devServerUrl !== undefined,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

const MAX_CRASH_RELOADS = 3;

/** A crashed or out-of-memory renderer is reloaded (a few times at most) rather than left blank. */
export function reloadAfterCrash(win: BrowserWindow): void {
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    logError('window renderer gone', new Error(details.reason));
    if (win.isDestroyed() || (details.reason !== 'crashed' && details.reason !== 'oom')) return;
    if (reloads++ < MAX_CRASH_RELOADS) win.webContents.reload();
  });
}
