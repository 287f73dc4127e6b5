import type { AppContext } from "../platform/context.ts";
import { nextDailyRunAt, scheduleDailyJob } from "../platform/daily-job.ts";
import type { Executor } from "../platform/db.ts";
import type { JobLease } from "../platform/jobs.ts";
import { sweepOrphanFiles } from "./orphan-files.ts";

/** The orphan-file sweep runs once a day as a job (see daily-job.ts); the sweep is its external step. */
export const ORPHAN_SWEEP_JOB = "storage.orphan_sweep";
/** 04:00 China time, after the filing watch. */
const ORPHAN_SWEEP_HOUR_UTC = 20;

export function nextOrphanSweepAt(now: number): number {
  return nextDailyRunAt(now, ORPHAN_SWEEP_HOUR_UTC);
}

export async function scheduleOrphanSweep(executor: Executor, at: number, now: number): Promise<void> {
  await scheduleDailyJob(executor, ORPHAN_SWEEP_JOB, at, now);
}

export async function orphanSweepStep(ctx: AppContext, lease?: JobLease): Promise<void> {
  await sweepOrphanFiles(ctx, lease ? { onBatch: () => lease.extend() } : {});
}
