import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, newIdempotencyKey } from './api';

/**
 * Something loaded asynchronously: its value, the error in words (and the failure itself, for pages
 * that put it in their own words), and a way to load it again.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
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
        setFailure(null);
      }
    } catch (caught) {
      if (call === latest.current) {
        setError(describeError(caught));
        setFailure(caught);
      }
    } finally {
      if (call === latest.current) setLoading(false);
    }
    // The caller names what the load depends on, as with useEffect.
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, setValue, error, failure, loading, reload };
}

/**
 * An action a person starts with a button: `busy` while it runs, its error in words, and one
 * Idempotency-Key per intent. The key is handed to the action and kept while the network fails (a retry
 * is the same intent, so the server answers it once); it is renewed after an answer, good or refused, so
 * the next press is a new intent. `onFailure` sees the refusal (e.g. to reload what it changed).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intent = useRef(newIdempotencyKey());
  const run = useCallback(
    async <T>(
      action: (idempotencyKey: string) => Promise<T>,
      onFailure?: (failure: unknown) => string | void,
    ): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const result = await action(intent.current);
        intent.current = newIdempotencyKey();
        return result;
      } catch (failure) {
        if (!(failure instanceof ApiError && failure.offline)) intent.current = newIdempotencyKey();
        setError(onFailure?.(failure) ?? describeError(failure));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, setError, run };
}
