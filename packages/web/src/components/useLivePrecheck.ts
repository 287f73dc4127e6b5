import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api";
import type { OrderData, Problem } from "../types";

type Check = (data: OrderData) => Problem[];

const DEBOUNCE_MS = 200;

/**
 * The pre-check in the browser while the applicant types. Loads the engine
 * (lazily) and the order's pre-check context once, and again on `reload()`
 * (after each save: the context depends on the saved data). `schedule()`
 * re-runs the check on `getData()` ~200 ms after the last change. `problems` is
 * null until the first result, or when the live check is unavailable; the
 * server's check on save and submit stays the authority either way.
 */
export function useLivePrecheck(orderId: string | null, getData: () => OrderData | null) {
  const [check, setCheck] = useState<Check | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ check, getData });

  useEffect(() => {
    latest.current = { check, getData };
  });

  useEffect(() => {
    if (!orderId) return;
    let live = true;
    Promise.all([
      import("./precheckEngine"),
      api.get<Record<string, unknown>>(`/api/orders/${encodeURIComponent(orderId)}/precheck-context`),
    ])
      .then(([engine, json]) => {
        if (!live) return;
        const context = engine.precheckContextFromJson(json, new Date());
        // "Today" moves on while the form stays open (expiry and age checks).
        setCheck(() => (data: OrderData) => engine.precheck(data, { ...context, today: new Date() }));
      })
      .catch((error: unknown) => {
        // No live check then (offline, or an engine failure): saving still checks on the server.
        if (live) console.warn("live pre-check unavailable", error);
      });
    return () => {
      live = false;
    };
  }, [orderId, tick]);

  const run = useCallback(() => {
    const { check: current, getData: read } = latest.current;
    const data = current ? read() : null;
    if (!current || !data) return;
    try {
      setProblems(current(data));
    } catch (error) {
      console.warn("live pre-check failed", error);
      setProblems(null);
    }
  }, []);

  // A (re)loaded context checks the form as it stands.
  useEffect(() => {
    if (check) run();
  }, [check, run]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      run();
    }, DEBOUNCE_MS);
  }, [run]);

  const reload = useCallback(() => setTick((value) => value + 1), []);

  return { problems, schedule, reload };
}
