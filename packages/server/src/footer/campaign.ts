import { politenessKey } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import type { FooterCampaignTable } from "../platform/schema.ts";
import { activeOverrides } from "../rules/overrides.ts";
import { checkFooter, type CheckFooterOptions } from "./check-footer.ts";
import { countTargets, pendingTargets, targetExpectation, targetUrl } from "./footer-targets.ts";
import { PolitePool } from "./polite-pool.ts";
import { resolverLookup } from "./resolver-lookup.ts";
import { recordFooterCheck } from "./record-footer-check.ts";

/**
 * A footer campaign: every filed website's home page checked once, with bounded
 * concurrency and per-host politeness (polite-pool.ts), each result stored as it
 * comes (record-footer-check.ts). The campaign row is the lock and the progress
 * report: a runner claims it by its heartbeat, refreshes the heartbeat and the
 * counters as it goes, and a runner that died is taken over after STALE_MS; the
 * new one skips the websites already checked in this campaign.
 */
export type CampaignTrigger = FooterCampaignTable["trigger"];

export interface CampaignProgress {
  campaignId: string;
  total: number;
  checked: number;
  passed: number;
  failed: number;
  unreachable: number;
  notified: number;
}

export interface CampaignSummary extends CampaignProgress {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface CampaignOptions {
  /** Checks at once (default 8). */
  concurrency?: number;
  /** Pause between two checks of the same registrable domain (default 1000 ms). */
  hostIntervalMs?: number;
  /** Fetch options (time-out, size cap; tests point names at localhost). */
  fetch?: CheckFooterOptions;
  /** Called after every check (the CLI's progress bar). */
  onProgress?: (progress: CampaignProgress) => void;
  /** Called when the heartbeat is written (the worker extends its job lease). */
  onHeartbeat?: () => Promise<void>;
}

export const CAMPAIGN_DEFAULTS = { concurrency: 8, hostIntervalMs: 1000 } as const;
/** A running campaign whose heartbeat is older than this is taken over. */
export const STALE_MS = 2 * 60 * 1000;
const HEARTBEAT_MS = 5000;
const PAGE = 500;

export class CampaignBusyError extends Error {
  constructor(readonly campaignId: string) {
    super(`footer campaign ${campaignId} is running elsewhere`);
    this.name = "CampaignBusyError";
  }
}

export async function createFooterCampaign(
  ctx: AppContext,
  trigger: CampaignTrigger,
  requestedBy: string | null,
  id: string = newId(),
): Promise<string> {
  await ctx.db
    .insertInto("footer_campaign")
    .values({
      id,
      trigger,
      requested_by: requestedBy,
      created_at: ctx.clock.now().getTime(),
      started_at: null,
      heartbeat_at: null,
      finished_at: null,
      total: 0,
      checked: 0,
      passed: 0,
      failed: 0,
      unreachable: 0,
      notified: 0,
    })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  return id;
}

/** A campaign that has not finished and whose runner is alive (or has not started yet). */
export async function activeCampaign(ctx: AppContext): Promise<FooterCampaignTable | undefined> {
  const now = ctx.clock.now().getTime();
  return ctx.db
    .selectFrom("footer_campaign")
    .selectAll()
    .where("finished_at", "is", null)
    .where((eb) => eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", ">=", now - STALE_MS)]))
    .where("created_at", ">=", now - 24 * 60 * 60 * 1000)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function runFooterCampaign(
  ctx: AppContext,
  campaignId: string,
  options: CampaignOptions = {},
): Promise<CampaignSummary> {
  const campaign = await claim(ctx, campaignId);
  if (campaign.finished_at !== null) return summaryOf(campaign);
  const progress: CampaignProgress = {
    campaignId,
    total: await countTargets(ctx.db),
    checked: campaign.checked,
    passed: campaign.passed,
    failed: campaign.failed,
    unreachable: campaign.unreachable,
    notified: campaign.notified,
  };
  const fetchOptions: CheckFooterOptions = {
    ruleOverrides: await activeOverrides(ctx.db),
    lookup: resolverLookup(ctx.domainResolver),
    ...options.fetch,
  };
  const pool = new PolitePool({
    concurrency: options.concurrency ?? CAMPAIGN_DEFAULTS.concurrency,
    hostIntervalMs: options.hostIntervalMs ?? CAMPAIGN_DEFAULTS.hostIntervalMs,
  });
  let lastBeat = performance.now();
  const beat = async (finished: boolean) => {
    const now = ctx.clock.now().getTime();
    await ctx.db
      .updateTable("footer_campaign")
      .set({
        heartbeat_at: now,
        total: progress.total,
        checked: progress.checked,
        passed: progress.passed,
        failed: progress.failed,
        unreachable: progress.unreachable,
        notified: progress.notified,
        ...(finished ? { finished_at: now } : {}),
      })
      .where("id", "=", campaignId)
      .execute();
    await options.onHeartbeat?.();
  };
  options.onProgress?.({ ...progress });
  for (let after = ""; ;) {
    const page = await pendingTargets(ctx.db, campaignId, after, PAGE);
    await Promise.all(
      page.map(async (target) => {
        const url = targetUrl(target);
        const report = await pool.run(politenessKey(url), () =>
          checkFooter(url, targetExpectation(target), fetchOptions),
        );
        const recorded = await recordFooterCheck(ctx, target, report, campaignId);
        progress.checked += 1;
        progress[recorded.outcome] += 1;
        if (recorded.told) progress.notified += 1;
        options.onProgress?.({ ...progress });
        if (performance.now() - lastBeat >= HEARTBEAT_MS) {
          lastBeat = performance.now();
          await beat(false);
        }
      }),
    );
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  // The stored checks are the truth (a runner that died after its last heartbeat
  // checked more than its counters say); websites filed meanwhile grow the total.
  const outcomes = await ctx.db
    .selectFrom("footer_check")
    .select(["outcome", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy("outcome")
    .execute();
  progress.passed = progress.failed = progress.unreachable = 0;
  for (const row of outcomes) progress[row.outcome] = Number(row.n);
  progress.checked = progress.passed + progress.failed + progress.unreachable;
  progress.total = Math.max(progress.total, progress.checked);
  await beat(true);
  const done = await ctx.db
    .selectFrom("footer_campaign")
    .selectAll()
    .where("id", "=", campaignId)
    .executeTakeFirstOrThrow();
  ctx.logger.info({ footerCampaign: summaryOf(done) }, "footer campaign done");
  return summaryOf(done);
}

/** Takes the campaign for this runner: unstarted, or its runner's heartbeat is stale. */
async function claim(ctx: AppContext, campaignId: string): Promise<FooterCampaignTable> {
  const now = ctx.clock.now().getTime();
  const result = await ctx.db
    .updateTable("footer_campaign")
    .set((eb) => ({ heartbeat_at: now, started_at: eb.fn.coalesce("started_at", eb.val(now)) }))
    .where("id", "=", campaignId)
    .where("finished_at", "is", null)
    .where((eb) => eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", "<", now - STALE_MS)]))
    .executeTakeFirst();
  const campaign = await ctx.db
    .selectFrom("footer_campaign")
    .selectAll()
    .where("id", "=", campaignId)
    .executeTakeFirst();
  if (!campaign) throw new Error(`no footer campaign ${campaignId}`);
  if (Number(result.numUpdatedRows) !== 1 && campaign.finished_at === null) {
    throw new CampaignBusyError(campaignId);
  }
  return campaign;
}

export function summaryOf(campaign: FooterCampaignTable): CampaignSummary {
  const started = campaign.started_at ?? campaign.created_at;
  const finished = campaign.finished_at ?? started;
  return {
    campaignId: campaign.id,
    total: campaign.total,
    checked: campaign.checked,
    passed: campaign.passed,
    failed: campaign.failed,
    unreachable: campaign.unreachable,
    notified: campaign.notified,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
  };
}
