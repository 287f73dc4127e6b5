import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api";
import type { LocalizedText, OrderData, OrderTypeDecision, Problem } from "../types";

type Check = (data: OrderData) => Problem[];

/** The order type the records call for, for the saved subject and this domain. */
export type DecideOrderType = (domain: string | undefined) => OrderTypeDecision & { label: LocalizedText };

const DEBOUNCE_MS = 200;

/**
 * The pre-check in the browser while the applicant types. Loads the engine
 * (lazily) and the order's pre-check context once, and again on `reload()`
 * (after each save: the context depends on the saved data). `schedule()`
 * re-runs the check on `getData()` ~200 ms after the last change. `problems` is
 * null until the first result, or when the live check is unavailable; the
 * server's check on save and submit stays the authority either way.
 *
 * `decide` (null until the context is loaded) tells the order type the records
 * call for (core's determineOrderType on the context's records); `reload()`
 * resolves to the fresh one, or null when the context could not be loaded.
 * `filing` is the filing as it stands, for an order that acts on one (a change
 * is compared with it); null otherwise or until loaded.
 */
export function useLivePrecheck(orderId: string | null, getData: () => OrderData | null) {
  const [check, setCheck] = useState<Check | null>(null);
  const [decide, setDecide] = useState<DecideOrderType | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [filing, setFiling] = useState<OrderData | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ check, getData });
  // Each load has a number; an answer that a newer load overtook is dropped.
  const generation = useRef(0);

  useEffect(() => {
    latest.current = { check, getData };
  });

  const load = useCallback(async (): Promise<DecideOrderType | null> => {
    if (!orderId) return null;
    const mine = ++generation.current;
    try {
      const [engine, json] = await Promise.all([
        import("./precheckEngine"),
        api.get<Record<string, unknown>>(`/api/orders/${encodeURIComponent(orderId)}/precheck-context`),
      ]);
      if (mine !== generation.current) return null;
      const context = engine.precheckContextFromJson(json, new Date());
      const records = context.records;
      const decideType: DecideOrderType = (domain) => {
        const name = domain?.trim().toLowerCase();
        const decision = engine.determineOrderType(
          records?.subject ?? null,
          name ? (records?.domains?.[name] ?? null) : null,
        );
        return { ...decision, label: engine.ORDER_TYPE_LABELS[decision.type] };
      };
      // "Today" moves on while the form stays open (expiry and age checks).
      setCheck(() => (data: OrderData) => engine.precheck(data, { ...context, today: new Date() }));
      setDecide(() => decideType);
      setFiling((json.filing as OrderData | null | undefined) ?? null);
      return decideType;
    } catch (error) {
      // No live check then (offline, or an engine failure): saving still checks on the server.
      if (mine === generation.current) console.warn("live pre-check unavailable", error);
      return null;
    }
  }, [orderId]);

  useEffect(() => {
    void load();
    return () => {
      generation.current++;
    };
  }, [load]);

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

  return { problems, decide, filing, schedule, reload: load };
}
