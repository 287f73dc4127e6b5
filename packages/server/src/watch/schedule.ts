import type { AppContext } from "../platform/context.ts";
import { dailyJob } from "../platform/daily-job.ts";
import type { JobLease } from "../platform/jobs.ts";
import { runWatchSweep } from "./sweep.ts";

/**
 * The filing watch runs once a day as a job (platform/daily-job.ts), at 03:00 China time
 * when sites are quiet. The sweep itself (DNS lookups, many small transactions) is the
 * job's external step; its in-transaction part schedules the next day's.
 */
export const WATCH_SWEEP = dailyJob("watch.sweep", 19);

export async function sweepStep(ctx: AppContext, lease?: JobLease): Promise<void> {
  const summary = await runWatchSweep(ctx, lease ? { onPage: () => lease.extend() } : {});
  ctx.logger.info({ watch: summary }, "filing watch sweep done");
}
