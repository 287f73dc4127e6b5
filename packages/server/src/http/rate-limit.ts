import type { FastifyRateLimitStore, RateLimitPluginOptions } from "@fastify/rate-limit";
import { AppError } from "@openbeian/core";
import type { AttemptCounter } from "./attempt-counter.ts";

/**
 * Settings for @fastify/rate-limit: per-route limits only (each route names its own
 * in `config.rateLimit`), counted by the platform's AttemptCounter (on its clock; in
 * memory, or in the database so that every API process sees the same counts), and
 * refused like every other error: 429, code RATE_LIMITED with a zh/en message,
 * `Retry-After` in seconds (the plugin's header) and the same number in
 * `details.retryAfterSeconds`.
 */
export function rateLimitSettings(attempts: AttemptCounter): RateLimitPluginOptions {
  return {
    global: false,
    store: attemptStore(attempts),
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl),
  };
}

/** The refusal for too many attempts, whichever limiter counted them. */
export function rateLimited(retryAfterMs: number): AppError {
  return new AppError("RATE_LIMITED", { retryAfterSeconds: retryAfterSecondsOf(retryAfterMs) });
}

export const retryAfterSecondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * The plugin's store interface over the AttemptCounter: a route's store (`child`) counts in
 * a namespace of its own, the route's method and URL, so each route has its own limit.
 */
function attemptStore(attempts: AttemptCounter) {
  return class AttemptStore implements FastifyRateLimitStore {
    namespace = "route";

    incr(key: string, callback: Answer, timeWindow: number): void {
      attempts.hit(this.namespace, key, timeWindow).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Answer, timeWindow: number): void {
      attempts.peek(this.namespace, key, timeWindow).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (error: Error) => callback(error),
      );
    }

    child(options: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // At run time the plugin passes its merged settings, with the route's options as routeInfo.
      const route = (options as unknown as { routeInfo?: { method?: string | string[]; url?: string } })
        .routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(",") : (route?.method ?? "");
      const store = new AttemptStore();
      store.namespace = `route:${method} ${route?.url ?? ""}`;
      return store;
    }
  };
}
