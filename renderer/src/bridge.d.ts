import type { DeflectBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the test harness: the window's only way to the backend. */
    readonly deflect: DeflectBridge;
  }
}

export {};
