import { powerMonitor } from 'electron';
import type { Backend } from '../backend';
import { shouldIdleLock } from './policy';

const IDLE_POLL_MS = 30_000;

/**
 * Locks the session when the OS screen locks, the machine sleeps or the user switches away
 * (macOS), and when the OS has seen no input for the workstation's idle-lock minutes, even if
 * the window is in the background. Returns a function that stops watching.
 */
export function watchPower(backend: Backend): () => void {
  const lockForOs = (): void => backend.lock('os');
  powerMonitor.on('lock-screen', lockForOs);
  powerMonitor.on('suspend', lockForOs);
  powerMonitor.on('user-did-resign-active', lockForOs);
  const timer = setInterval(() => {
    const session = backend.session;
    if (!session || session.locked) return;
    if (shouldIdleLock(powerMonitor.getSystemIdleTime(), backend.idleLockMinutes())) backend.lock('idle');
  }, IDLE_POLL_MS);
  return () => {
    clearInterval(timer);
    powerMonitor.off('lock-screen', lockForOs);
    powerMonitor.off('suspend', lockForOs);
    powerMonitor.off('user-did-resign-active', lockForOs);
  };
}
