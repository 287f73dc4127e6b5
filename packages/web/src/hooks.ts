import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api } from "./api";
import { useLang } from "./i18n";

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

/**
 * Whether the user asked the system for less motion (an accessibility setting): the console
 * then opens dialogs, menus and messages without their zoom and slide animations. It follows
 * the setting when it changes while the page is open.
 */
export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia(REDUCED_MOTION).matches);
  useEffect(() => {
    const query = window.matchMedia(REDUCED_MOTION);
    const follow = () => setReduced(query.matches);
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, []);
  return reduced;
}

/** Loads one API resource; `reload` fetches it again. */
export function useLoad<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => live && setError(toApiError(caught)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, setData, error, loading, reload };
}

/** Calls `tick` every `intervalMs` while `active`; the latest `tick` is used, so it need not be stable. */
export function usePolling(tick: () => void, active: boolean, intervalMs = 5000) {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "CLIENT", { zh: String(error), en: String(error) });
}

/** Toasts for success and for API errors, in the current language. */
export function useNotify() {
  const { message } = App.useApp();
  const { pick } = useLang();
  return {
    ok: (text: string) => void message.success(text),
    fail: (error: unknown) => void message.error(pick(toApiError(error).localized)),
  };
}
