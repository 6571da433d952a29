import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/contract';
import type { Backend, Router } from '../backend';
import { CALL_CHANNEL, LOCK_CHANNEL } from '../preload/channels';
import { FORBIDDEN_SENDER, INVALID_PROCEDURE_NAME, isProcedureNameShape, isTrustedSender } from './policy';

/**
 * Binds the single call channel to the router. Every call is checked first: it must come from
 * the main window's top frame while that frame shows the app; anything else gets `forbidden`.
 */
export function bindIpc(getWindow: () => BrowserWindow | null, router: Router, devServerUrl: string | undefined): void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<Result<unknown>> => {
    const win = getWindow();
    const frame = event.senderFrame;
    const fromMainWindow = win !== null && !win.isDestroyed() && event.sender === win.webContents;
    // Distinct WebFrameMain objects can stand for one frame: compare its process and token.
    const main = fromMainWindow ? win.webContents.mainFrame : null;
    const facts = {
      fromMainWindow,
      isTopFrame:
        main !== null &&
        frame !== null &&
        frame.parent === null &&
        frame.processId === main.processId &&
        frame.frameToken === main.frameToken,
      url: frame?.url ?? '',
    };
    if (!isTrustedSender(facts, devServerUrl)) return FORBIDDEN_SENDER;
    if (!isProcedureNameShape(name)) return INVALID_PROCEDURE_NAME;
    return router.call(name, input);
  });
}

/** Tells the window when the backend locks (idle, OS lock, manual), so it shows the lock screen. */
export function forwardLocks(backend: Backend, getWindow: () => BrowserWindow | null): () => void {
  return backend.onLock((reason) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(LOCK_CHANNEL, reason);
  });
}
