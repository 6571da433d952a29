import { useEffect, useRef } from 'react';
import { api } from '../api';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
const HEARTBEAT_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 5_000;

/**
 * Locks the session after `minutes` without keyboard or pointer activity. Activity is also
 * reported to the backend (at most once a minute) so its own idle check agrees with the window.
 * Uses Date and setInterval only, so tests can drive it with a fake clock.
 */
export function useIdleLock({ enabled, minutes, onIdle }: { enabled: boolean; minutes: number; onIdle: () => void }) {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!enabled) return;
    const limit = minutes * 60_000;
    let lastActivity = Date.now();
    let lastHeartbeat = Date.now();
    let fired = false;

    const onActivity = () => {
      const now = Date.now();
      if (now - lastActivity >= limit) return; // already past the limit: the check below locks
      lastActivity = now;
      if (now - lastHeartbeat >= HEARTBEAT_EVERY_MS) {
        lastHeartbeat = now;
        void api.auth.heartbeat({});
      }
    };
    const check = () => {
      if (!fired && Date.now() - lastActivity >= limit) {
        fired = true;
        onIdleRef.current();
      }
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(check, Math.min(CHECK_EVERY_MS, limit));
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, minutes]);
}
