import { DAY_MS } from "@openbeian/core";
import type { Executor } from "./db.ts";
import { enqueue } from "./jobs.ts";

/**
 * A job that runs once a day at a set hour (the filing watch, the orphan-file sweep): one
 * job per day, keyed by the day, so several workers schedule it without running it
 * twice; each run's transaction schedules the next day's.
 */
export function nextDailyRunAt(now: number, hourUtc: number): number {
  const today = Math.floor(now / DAY_MS) * DAY_MS + hourUtc * 60 * 60 * 1000;
  return today > now ? today : today + DAY_MS;
}

export async function scheduleDailyJob(
  executor: Executor,
  kind: string,
  at: number,
  now: number,
): Promise<void> {
  const day = new Date(at).toISOString().slice(0, 10);
  await enqueue(
    executor,
    { kind, payload: { day }, runAt: at, dedupeKey: `${kind}:${day}`, ifAbsent: true },
    now,
  );
}
