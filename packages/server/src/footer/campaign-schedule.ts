import { DAY_MS } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { enqueue, type JobLease } from "../platform/jobs.ts";
import { createFooterCampaign, runFooterCampaign } from "./campaign.ts";

/**
 * Footer campaigns run as jobs: one every week (Monday 04:00 China time, keyed by
 * the day so several workers schedule it once), and one whenever staff start it
 * from the console. The campaign itself is the job's external step; it extends the
 * job's lease with each heartbeat, since checking thousands of sites takes longer
 * than a lease.
 */
export const FOOTER_CAMPAIGN_JOB = "footer.campaign";

export interface FooterCampaignPayload {
  campaignId: string;
  /** A weekly campaign schedules the next week's when it is done. */
  weekly?: boolean;
}

/** Sunday 20:00 UTC is Monday 04:00 in China. */
const WEEKLY_DAY_UTC = 0;
const WEEKLY_HOUR_UTC = 20;

export function nextWeeklyCampaignAt(now: number): number {
  const day = Math.floor(now / DAY_MS);
  // 1970-01-01 was a Thursday (day 4 of the week, Sunday = 0).
  const weekday = (day + 4) % 7;
  const at = (day + ((WEEKLY_DAY_UTC - weekday + 7) % 7)) * DAY_MS + WEEKLY_HOUR_UTC * 60 * 60 * 1000;
  return at > now ? at : at + 7 * DAY_MS;
}

export async function scheduleWeeklyCampaign(executor: Executor, at: number, now: number): Promise<void> {
  const day = new Date(at).toISOString().slice(0, 10);
  const payload: FooterCampaignPayload = { campaignId: `weekly-${day}`, weekly: true };
  await enqueue(
    executor,
    {
      kind: FOOTER_CAMPAIGN_JOB,
      payload,
      runAt: at,
      dedupeKey: `${FOOTER_CAMPAIGN_JOB}:${day}`,
      ifAbsent: true,
    },
    now,
  );
}

/** Staff asked for a campaign now: the job that runs the campaign row they created. */
export async function queueCampaign(executor: Executor, campaignId: string, now: number): Promise<void> {
  const payload: FooterCampaignPayload = { campaignId };
  await enqueue(
    executor,
    { kind: FOOTER_CAMPAIGN_JOB, payload, runAt: now, dedupeKey: `${FOOTER_CAMPAIGN_JOB}:${campaignId}` },
    now,
  );
}

export async function campaignStep(
  ctx: AppContext,
  payload: FooterCampaignPayload,
  lease: JobLease,
): Promise<void> {
  if (payload.weekly) await createFooterCampaign(ctx, "schedule", null, payload.campaignId);
  await runFooterCampaign(ctx, payload.campaignId, { onHeartbeat: () => lease.extend() });
}

/** The in-transaction part: a weekly campaign schedules the next one. */
export async function afterCampaign(
  executor: Executor,
  payload: FooterCampaignPayload,
  now: number,
): Promise<void> {
  if (payload.weekly) await scheduleWeeklyCampaign(executor, nextWeeklyCampaignAt(now), now);
}
