import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireApplicant, requireStaff, requireSupervisor } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { activeOverrides } from "../rules/overrides.ts";
import { activeCampaign, createFooterCampaign, summaryOf } from "./campaign.ts";
import { queueCampaign } from "./campaign-schedule.ts";
import { checkFooter } from "./check-footer.ts";
import { footerTarget, targetExpectation, targetUrl } from "./footer-targets.ts";
import { presentFooterCheck } from "./footer-view.ts";
import { recordFooterCheck } from "./record-footer-check.ts";
import { resolverLookup } from "./resolver-lookup.ts";

/**
 * Footer checks over the API: an owner checks their own site again after fixing
 * its footer (which closes the finding when it passes), staff check any site, and
 * supervisors start a campaign over every filed website and follow its progress.
 */
export function registerFooterRoutes(app: App, ctx: AppContext) {
  const tags = ["footer"];
  // Each check fetches a stranger's site: limited per account and website.
  const checkLimit = {
    rateLimit: {
      max: 10,
      timeWindow: "1 minute",
      keyGenerator: (request: { viewer: { accountId: string } | null; params: unknown; ip: string }) =>
        `${request.viewer?.accountId ?? request.ip}:${(request.params as { id?: string }).id ?? ""}`,
    },
  };
  app.post(
    "/api/websites/:id/footer-check",
    {
      config: checkLimit,
      schema: {
        tags,
        summary: "Check your filed website's footer now (ICP number, link, public-security number)",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => checkNow(ctx, request.params.id, requireApplicant(request).accountId),
  );
  app.post(
    "/api/review/websites/:id/footer-check",
    {
      config: checkLimit,
      schema: {
        tags,
        summary: "Check any filed website's footer now (staff)",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      return checkNow(ctx, request.params.id, null);
    },
  );
  app.get(
    "/api/review/footer-campaigns",
    {
      schema: {
        tags,
        summary: "Recent footer campaigns with their progress (staff)",
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      const rows = await ctx.db
        .selectFrom("footer_campaign")
        .selectAll()
        .orderBy("created_at", "desc")
        .limit(20)
        .execute();
      const active = await activeCampaign(ctx);
      return {
        activeId: active?.id ?? null,
        items: rows.map((row) => ({
          ...summaryOf(row),
          trigger: row.trigger,
          createdAt: new Date(row.created_at).toISOString(),
          state: row.finished_at !== null ? "finished" : row.started_at === null ? "queued" : "running",
        })),
      };
    },
  );
  app.post(
    "/api/review/footer-campaigns",
    {
      schema: {
        tags,
        summary: "Start a footer campaign over every filed website now (supervisor)",
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireSupervisor(request);
      if (await activeCampaign(ctx)) throw new AppError("FOOTER_CAMPAIGN_RUNNING");
      const id = await createFooterCampaign(ctx, "staff", viewer.userId);
      await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now().getTime();
        await queueCampaign(trx, id, now);
        await writeAudit(trx, {
          at: now,
          actorKind: viewer.role,
          actorUserId: viewer.userId,
          accountId: null,
          entity: "footer_campaign",
          entityId: id,
          action: "start",
          detail: {},
        });
      });
      return reply.code(201).send({ id });
    },
  );
}

async function checkNow(ctx: AppContext, websiteId: string, accountId: string | null) {
  const target = await footerTarget(ctx.db, websiteId, accountId);
  if (!target) throw new AppError("NOT_FOUND");
  const report = await checkFooter(targetUrl(target), targetExpectation(target), {
    ruleOverrides: await activeOverrides(ctx.db),
    lookup: resolverLookup(ctx.domainResolver),
  });
  const recorded = await recordFooterCheck(ctx, target, report, null);
  return { footer: presentFooterCheck(recorded.row), told: recorded.told };
}
