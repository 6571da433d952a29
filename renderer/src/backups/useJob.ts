import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../shared/contract/backups';
import type { Result } from '../../../shared/contract/procedure';

/**
 * Follows a long store job (backup, restore, key rotation) for its progress bar: starts from the state a
 * start call returned, then asks again every 400 ms until it is done. `poll` must be stable.
 * With `watchMs`, a job that starts without this screen (the daily backup) is looked for that often
 * while none is followed: followed while it runs, and reported (`onDone`) if it ended between two looks.
 */
export function useJob(
  poll: () => Promise<Result<{ job: JobState | null }>>,
  onDone?: (job: JobState) => void,
  options: { watchMs?: number } = {},
) {
  const [job, setJob] = useState<JobState | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  /** The newest job this screen knows of; undefined until the first look. */
  const known = useRef<string | null | undefined>(undefined);
  const { watchMs } = options;
  const idle = job === null || job.done;

  // A job already running (the screen was opened during a scheduled backup) is picked up too, and, when
  // watching, one that starts later.
  useEffect(() => {
    if (!idle) return;
    let stopped = false;
    const look = () =>
      void poll().then((r) => {
        if (stopped || !r.ok) return;
        const found = r.value.job;
        const first = known.current === undefined;
        if (!found || found.id === known.current) {
          if (first) known.current = found?.id ?? null;
          return;
        }
        known.current = found.id;
        if (!found.done) setJob(found);
        else if (!first && watchMs) {
          setJob(found);
          done.current?.(found);
        }
      });
    look();
    const timer = watchMs ? setInterval(look, watchMs) : null;
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
    };
  }, [poll, idle, watchMs]);

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

  const follow = useCallback((started: JobState) => {
    known.current = started.id;
    setJob(started);
  }, []);
  const clear = useCallback(() => setJob(null), []);
  return { job, follow, clear, running: job !== null && !job.done };
}
