/**
 * The sandboxed preload: exposes exactly one object, `window.deflect`, with one way in
 * (`call`, on a single channel) and one way out (`onLock`). No ipcRenderer, no process,
 * no generic invoke: the page cannot name a channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeflectBridge, Result } from '../../shared/contract';
import { CALL_CHANNEL, INVALID_PROCEDURE_NAME, isProcedureNameShape, LOCK_CHANNEL } from './channels';

const deflect = {
  call(name: string, input: unknown): Promise<Result<unknown>> {
    if (!isProcedureNameShape(name)) return Promise.resolve(INVALID_PROCEDURE_NAME);
    return ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<Result<unknown>>;
  },

  onLock(listener: (reason: string) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onLock needs a function');
    // The page gets the reason only, never the IpcRendererEvent (which carries `sender`).
    const relay = (_event: IpcRendererEvent, reason: unknown): void => {
      if (typeof reason === 'string') listener(reason);
    };
    ipcRenderer.on(LOCK_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(LOCK_CHANNEL, relay);
    };
  },
} satisfies DeflectBridge;

contextBridge.exposeInMainWorld('deflect', deflect);
