import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics, one registry per app instance so tests stay independent. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  transitions: Counter<"event" | "to">;
  jobs: Counter<"kind" | "result">;
}

export function createMetrics(withDefaults = true): Metrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: "openbeian_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "openbeian_http_requests_total",
      help: "HTTP requests by route and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "openbeian_http_request_duration_seconds",
      help: "HTTP request duration",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    transitions: new Counter({
      name: "openbeian_order_transitions_total",
      help: "Filing order state transitions",
      labelNames: ["event", "to"],
      registers: [registry],
    }),
    jobs: new Counter({
      name: "openbeian_jobs_total",
      help: "Background jobs processed",
      labelNames: ["kind", "result"],
      registers: [registry],
    }),
  };
}
