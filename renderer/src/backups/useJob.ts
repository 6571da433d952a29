import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../shared/contract/backups';
import type { Result } from '../../../shared/contract/procedure';

/**
 * Follows a long store job (backup, restore, key rotation) for its progress bar: starts from the state a
 * start call returned, then asks again every 400 ms until it is done. `poll` must be stable.
 */
export function useJob(poll: () => Promise<Result<{ job: JobState | null }>>, onDone?: (job: JobState) => void) {
  const [job, setJob] = useState<JobState | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  // A job already running (the screen was opened during a scheduled backup) is picked up too.
  useEffect(() => {
    void poll().then((r) => {
      if (r.ok && r.value.job && !r.value.job.done) setJob(r.value.job);
    });
  }, [poll]);

  useEffect(() => {
    if (!job || job.done) return;
    let stopped = false;
    const timer = setTimeout(() => {
      void poll().then((r) => {
        if (stopped || !r.ok || !r.value.job || r.value.job.id !== job.id) return;
        setJob(r.value.job);
        if (r.value.job.done) done.current?.(r.value.job);
      });
    }, 400);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, poll]);

  const follow = useCallback((started: JobState) => setJob(started), []);
  const clear = useCallback(() => setJob(null), []);
  return { job, follow, clear, running: job !== null && !job.done };
}
