import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';

export type DraftStatus = { kind: 'idle' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/**
 * Loads the user's draft of `formKey` once, then saves `value` to the encrypted store a moment after each
 * change (a crash, a forced quit or a lock loses at most that moment). `ready` is false until loaded.
 */
export function useDraft<T>(formKey: string, value: T, restore: (content: T, savedAt: string) => void, enabled: boolean) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const [debounced] = useDebouncedValue(value, 1200);
  const lastSaved = useRef<string | null>(null);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const current = useRef(value);
  current.current = value;

  useEffect(() => {
    let cancelled = false;
    setReady(false);
    void api.drafts.get({ formKey }).then((r) => {
      if (cancelled) return;
      if (r.ok && r.value.draft) {
        lastSaved.current = JSON.stringify(r.value.draft.content);
        restoreRef.current(r.value.draft.content as T, r.value.draft.savedAt);
      }
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [formKey]);

  useEffect(() => {
    if (!ready || !enabled) return;
    const json = JSON.stringify(debounced);
    // Only a settled value is saved: not one the form has already moved on from (e.g. reset after saving).
    if (json === lastSaved.current || json !== JSON.stringify(current.current)) return;
    lastSaved.current = json;
    void api.drafts.save({ formKey, content: debounced as Record<string, never> }).then((r) => {
      setStatus(r.ok ? { kind: 'saved', at: r.value.savedAt } : { kind: 'failed', message: r.error.message });
    });
  }, [debounced, ready, enabled, formKey]);

  /** After the form is saved or abandoned: nothing more is autosaved until the next change. */
  function forget(next: T) {
    lastSaved.current = JSON.stringify(next);
    setStatus({ kind: 'idle' });
  }

  return { ready, status, forget };
}
