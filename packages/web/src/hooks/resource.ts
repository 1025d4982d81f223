import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { type ApiError, asApiError } from '../api/client.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads what `load` returns, again whenever `key` changes or `reload` is called; the last answer wins.
 * `key` names what is loaded (e.g. the ids and filters `load` reads), so a new key means a new load.
 */
export function useResource<T>(load: () => Promise<T>, key: string | number): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const request = `${key}#${generation}`;
  const [answer, setAnswer] = useState<{ request: string; data?: T; error?: ApiError }>();
  const fetchResource = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    fetchResource()
      .then((data) => current && setAnswer({ request, data }))
      .catch((failure: unknown) => current && setAnswer((previous) => ({
        request,
        data: previous?.data,
        error: asApiError(failure),
      })));
    return () => {
      current = false;
    };
  }, [request]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: answer?.data, error: answer?.error, loading: answer?.request !== request, reload };
}

/** Runs a mutation, keeping its error for the form to show; resolves undefined when it failed. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (failure) {
      setError(asApiError(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [action]);
  return { run, busy, error, clearError: () => setError(undefined) };
}
