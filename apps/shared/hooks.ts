import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './api';

/** Something loaded asynchronously: its value, the error in words, and a way to load it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const result = await load();
      if (call === latest.current) {
        setValue(result);
        setError(null);
      }
    } catch (failure) {
      if (call === latest.current) setError(describeError(failure));
    } finally {
      if (call === latest.current) setLoading(false);
    }
    // The caller names what the load depends on, as with useEffect.
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, setValue, error, loading, reload };
}

/**
 * An action a person starts with a button: `busy` while it runs, its error in words, and one
 * idempotency key per intent, kept across retries until the action succeeds.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(describeError(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
