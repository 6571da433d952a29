import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../shared/contract/procedure';
import { isSessionProblem } from '../api';
import { useLocked } from './lock-context';

/**
 * Loads what a screen shows, and loads it again whenever the workstation is unlocked: a call
 * refused while locked is not an error to show, and data may have changed meanwhile.
 * `fetcher` must be stable (useCallback) and changes when what to load changes.
 */
export function useQuery<T>(fetcher: () => Promise<Result<T>>) {
  const locked = useLocked();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const r = await fetcher();
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else if (!isSessionProblem(r.error.code)) setError(r.error.message);
  }, [fetcher]);

  useEffect(() => {
    if (!locked) void reload();
  }, [reload, locked]);

  return { data, error, reload, setData };
}
