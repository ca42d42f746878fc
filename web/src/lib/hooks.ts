import { useCallback, useEffect, useRef, useState } from "react";
import { streamUrl } from "@/api/client";

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads {@code load()} on mount and every {@code pollMs} (when given; the API's read models change
 * at most once per bar, so pages poll no faster than 5 s) and on {@code reload()}.
 */
export function useApi<T>(load: () => Promise<T>, deps: unknown[] = [], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: Error) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  useEffect(() => {
    if (!pollMs) return;
    const id = setInterval(reload, pollMs);
    return () => clearInterval(id);
  }, [pollMs, reload]);
  return { data, error, loading, reload };
}

/** Calls {@code onMessage} for each message of a WebSocket stream (e.g. "alerts"); reconnects. */
export function useStream(channel: string, onMessage: (msg: { type: string; data: unknown }) => void): boolean {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let ws: WebSocket | undefined;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      ws = new WebSocket(streamUrl(channel));
      ws.onopen = () => setOpen(true);
      ws.onmessage = (e) => {
        try {
          handler.current(JSON.parse(String(e.data)));
        } catch {
          /* not a stream message */
        }
      };
      ws.onclose = () => {
        setOpen(false);
        if (!closed) retry = setTimeout(connect, 5000);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      ws?.close();
    };
  }, [channel]);
  return open;
}

/**
 * A user action with its outcome: {@code run(f)} clears the last notice and error, runs {@code f}
 * (its string result becomes the notice), keeps the API's error, then calls {@code after}.
 */
export function useAction(after?: () => void) {
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<string | void>) => {
    setError(undefined);
    setNotice("");
    setBusy(true);
    try {
      const text = await f();
      if (text) setNotice(text);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
    after?.();
  };
  return { run, notice, error, busy, setError };
}
