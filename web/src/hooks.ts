import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../../functions/contract.ts';
import { isAbort } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads one resource; re-runs when `deps` change; ignores answers of superseded runs. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((n) => n + 1), []), setData };
}

export interface Paged<T> {
  items: T[];
  /** First page loading (the list is replaced). */
  loading: boolean;
  /** Next page loading (the list grows). */
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replace one item in place (after an edit). */
  replace: (item: T, match: (x: T) => boolean) => void;
  /** Whether the current items answer the latest request (not stale from a previous query). */
  settled: boolean;
}

/** A cursor-paged list ("加载更多"). A new `deps` value starts again from the first page. */
export function usePaged<T>(
  load: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  deps: unknown[],
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState(false);
  const run = useRef<AbortController | null>(null);

  useEffect(() => {
    run.current?.abort();
    const controller = new AbortController();
    run.current = controller;
    setLoading(true);
    setSettled(false);
    setError(null);
    load(null, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setCursor(page.cursor ?? null);
        setLoading(false);
        setSettled(true);
      },
      (err) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setError(err);
        setItems([]);
        setCursor(null);
        setLoading(false);
        setSettled(true);
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);

  const loadMore = () => {
    if (!cursor || loadingMore) return;
    const controller = run.current;
    setLoadingMore(true);
    setError(null);
    load(cursor, controller?.signal ?? new AbortController().signal).then(
      (page) => {
        if (controller?.signal.aborted) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.cursor ?? null);
        setLoadingMore(false);
      },
      (err) => {
        if (controller?.signal.aborted || isAbort(err)) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  };

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: !!cursor,
    loadMore,
    reload: () => setTick((n) => n + 1),
    replace: (item, match) => setItems((prev) => prev.map((x) => (match(x) ? item : x))),
    settled,
  };
}

/** A value that follows `value` after `ms` of quiet (for search-as-you-type). */
export function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}

/** A phone number revealed on request (the server audits each reveal): the number once read, and the call's state. */
export function useRevealedPhone(read: () => Promise<{ phone: string }>) {
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setPhone((await read()).phone);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { phone, busy, error, reveal };
}
