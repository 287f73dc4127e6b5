import type { FastifyRateLimitStore, RateLimitPluginOptions } from "@fastify/rate-limit";
import { AppError, type Clock } from "@openbeian/core";
import { WindowCounter } from "./window-counter.ts";

/**
 * Settings for @fastify/rate-limit: per-route limits only (each route names its own
 * in `config.rateLimit`), counted on the platform's clock, and refused like every
 * other error: 429, code RATE_LIMITED with a zh/en message, `Retry-After` in seconds
 * (the plugin's header) and the same number in `details.retryAfterSeconds`.
 *
 * The counts live in this process's memory: behind a load balancer with N API
 * processes each counts on its own, so up to N times the limit gets through. (The
 * SMS code's 5 tries are counted by the regulator, and reset e-mails per user in
 * the database; those hold across processes.)
 */
export function rateLimitSettings(clock: Clock): RateLimitPluginOptions {
  return {
    global: false,
    store: clockStore(clock),
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl),
  };
}

/** The refusal for too many attempts, whichever limiter counted them. */
export function rateLimited(retryAfterMs: number): AppError {
  return new AppError("RATE_LIMITED", { retryAfterSeconds: retryAfterSecondsOf(retryAfterMs) });
}

export const retryAfterSecondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The plugin's store interface over a WindowCounter; one counter per route (`child`). */
function clockStore(clock: Clock) {
  return class ClockStore implements FastifyRateLimitStore {
    private readonly counter = new WindowCounter(clock);

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const { count, resetInMs } = this.counter.hit(key, timeWindow);
      callback(null, { current: count, ttl: resetInMs });
    }

    read(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const { count, resetInMs } = this.counter.peek(key, timeWindow);
      callback(null, { current: count, ttl: resetInMs });
    }

    child(): FastifyRateLimitStore {
      return new ClockStore();
    }
  };
}
