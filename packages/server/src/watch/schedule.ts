import type { AppContext } from "../platform/context.ts";
import { nextDailyRunAt, scheduleDailyJob } from "../platform/daily-job.ts";
import type { Executor } from "../platform/db.ts";
import type { JobLease } from "../platform/jobs.ts";
import { runWatchSweep } from "./sweep.ts";

/**
 * The filing watch runs once a day as a job: one job per China calendar day,
 * keyed by the day, so several workers schedule it without running it twice. The
 * sweep itself (DNS lookups, many small transactions) is the job's external step;
 * its in-transaction part schedules the next day's.
 */
export const WATCH_SWEEP_JOB = "watch.sweep";
/** 03:00 China time, when sites are quiet. */
const SWEEP_HOUR_UTC = 19;

export function nextSweepAt(now: number): number {
  return nextDailyRunAt(now, SWEEP_HOUR_UTC);
}

export async function scheduleWatchSweep(executor: Executor, at: number, now: number): Promise<void> {
  await scheduleDailyJob(executor, WATCH_SWEEP_JOB, at, now);
}

export async function sweepStep(ctx: AppContext, lease?: JobLease): Promise<void> {
  const summary = await runWatchSweep(ctx, lease ? { onPage: () => lease.extend() } : {});
  ctx.logger.info({ watch: summary }, "filing watch sweep done");
}
