import { DAY_MS } from "@openbeian/core";
import type { Executor } from "./db.ts";
import { enqueue } from "./jobs.ts";

/**
 * A job that runs once a day at a set hour (the filing watch, the orphan-file sweep): one
 * job per day, keyed by the day, so several workers schedule it without running it
 * twice. The worker schedules each when it starts, and each run's transaction schedules
 * the next day's (worker.ts).
 */
export interface DailyJob {
  kind: string;
  /** Enqueues the next run after `now`, unless it is queued already. */
  scheduleNext(executor: Executor, now: number): Promise<void>;
}

export function dailyJob(kind: string, hourUtc: number): DailyJob {
  return {
    kind,
    async scheduleNext(executor, now) {
      const at = nextDailyRunAt(now, hourUtc);
      const day = new Date(at).toISOString().slice(0, 10);
      await enqueue(
        executor,
        { kind, payload: { day }, runAt: at, dedupeKey: `${kind}:${day}`, ifAbsent: true },
        now,
      );
    },
  };
}

function nextDailyRunAt(now: number, hourUtc: number): number {
  const today = Math.floor(now / DAY_MS) * DAY_MS + hourUtc * 60 * 60 * 1000;
  return today > now ? today : today + DAY_MS;
}
