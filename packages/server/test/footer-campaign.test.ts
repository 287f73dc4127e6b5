import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import {
  CampaignBusyError,
  createFooterCampaign,
  runFooterCampaign,
  type CampaignProgress,
} from "../src/footer/campaign.ts";
import type { DomainResolver } from "../src/review/domain-resolver.ts";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Footer campaigns (issue 8) over real HTTP: three filed websites, served by one
 * local server by Host header (a compliant footer, an unlinked number) and one
 * whose domain does not resolve. A campaign records each, opens a finding with a
 * 15-day deadline for the failing one and tells its owner once; the owner fixes
 * the footer and checks again, which closes it; a second campaign moves no
 * deadline; a runner that died is taken over and checks only what is left; staff
 * start one from the console and a second is refused while it runs.
 */
const MIIT = "https://beian.miit.gov.cn/";

class MapResolver implements DomainResolver {
  readonly addresses = new Map<string, string[]>();
  async resolve4(domain: string) {
    return this.addresses.get(domain.toLowerCase()) ?? [];
  }
}

interface Site {
  applicant: ReadyApplicant;
  websiteId: string;
  websiteNumber: string;
}

for (const engine of engines()) {
  describe(`footer campaign (${engine})`, () => {
    let platform: TestPlatform;
    let reviewer: ApiClient;
    let server: http.Server;
    let port = 0;
    const resolver = new MapResolver();
    const footers = new Map<string, string>();
    const hits: string[] = [];
    let good: Site;
    let unlinked: Site;
    let offline: Site;

    const fileSite = async (): Promise<Site> => {
      const applicant = await readyApplicant(platform);
      const { numbers } = await filedOrder(platform, applicant, reviewer);
      const websites = (await applicant.client.get("/api/websites")).body.items as Array<{ id: string }>;
      const websiteNumber = numbers.websiteNumbers[applicant.domain.toLowerCase()]!;
      // The filing's home URL, on the test server's port (the campaign fetches it when it is on the domain).
      await platform.ctx.db
        .updateTable("website")
        .set({ home_url: `http://${applicant.domain}:${port}/` })
        .where("id", "=", websites[0]!.id)
        .execute();
      return { applicant, websiteId: websites[0]!.id, websiteNumber };
    };
    const serve = (site: Site, footer: string) => {
      footers.set(site.applicant.domain, footer);
      resolver.addresses.set(site.applicant.domain, ["127.0.0.1"]);
    };
    const findings = async (site: Site) =>
      ((await site.applicant.client.get("/api/watch")).body.items as Array<Record<string, unknown>>).filter(
        (finding) => finding.kind === "footer_noncompliant",
      );
    const told = async (site: Site) => {
      await platform.worker.runDue();
      const items = (await site.applicant.client.get("/api/notifications")).body.items as Array<{
        template: string;
        body: { zh: string };
      }>;
      return items.filter((item) => item.template === "watch.footer_failed");
    };

    before(async () => {
      server = http.createServer((request, response) => {
        const host = (request.headers.host ?? "").replace(/:\d+$/, "");
        hits.push(host);
        const footer = footers.get(host);
        response.writeHead(footer === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
        response.end(
          `<!doctype html><html><body><h1>博客</h1><footer>${footer ?? ""}</footer></body></html>`,
        );
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
      platform = await startTestPlatform(engine, { domainResolver: resolver, sessionTtlMs: 400 * DAY_MS });
      reviewer = await staffClient(platform);
      good = await fileSite();
      unlinked = await fileSite();
      offline = await fileSite();
      serve(good, `<a href="${MIIT}" target="_blank">${good.websiteNumber}</a>`);
      serve(unlinked, `<p>${unlinked.websiteNumber}</p>`);
    });
    after(async () => {
      await platform.close();
      server.close();
    });

    test("a campaign checks every filed website, tells the failing owner with a 15-day deadline", async () => {
      const id = await createFooterCampaign(platform.ctx, "cli", null);
      const progress: CampaignProgress[] = [];
      const summary = await runFooterCampaign(platform.ctx, id, {
        hostIntervalMs: 0,
        onProgress: (step) => progress.push(step),
      });
      assert.deepEqual(
        { total: summary.total, checked: summary.checked, passed: summary.passed },
        { total: 3, checked: 3, passed: 1 },
        JSON.stringify(summary),
      );
      assert.equal(summary.failed, 1, "the unlinked number fails");
      assert.equal(summary.unreachable, 1, "the domain that does not resolve is unreachable");
      assert.equal(summary.notified, 1, "only the failing owner is told");
      assert.equal(progress.at(-1)?.checked, 3, "progress reaches every website");

      const [finding, ...more] = await findings(unlinked);
      assert.equal(more.length, 0);
      const now = platform.clock.now().getTime();
      assert.equal(finding?.dueAt, new Date(now + 15 * DAY_MS).toISOString(), "15 days to fix the footer");
      assert.match(
        String((finding?.detail as { en: string }).en),
        /link/i,
        "the reason names the missing link",
      );
      assert.deepEqual(await findings(good), [], "a compliant footer opens nothing");
      assert.deepEqual(await findings(offline), [], "an unreachable site opens nothing");
      const messages = await told(unlinked);
      assert.equal(messages.length, 1, "the owner is told once");
      assert.ok(
        messages[0]!.body.zh.includes("2026-03-17"),
        `the deadline is in the message: ${messages[0]!.body.zh}`,
      );

      const websites = (await unlinked.applicant.client.get("/api/websites")).body.items as Array<{
        footer: { outcome: string; icpNumber: string; icpLinked: boolean; evidence: string };
      }>;
      assert.equal(websites[0]!.footer.outcome, "failed");
      assert.equal(websites[0]!.footer.icpNumber, unlinked.websiteNumber, "the number found on the page");
      assert.equal(websites[0]!.footer.icpLinked, false);
      assert.ok(websites[0]!.footer.evidence.includes(unlinked.websiteNumber), "evidence shows the snippet");
      const offlineView = (await offline.applicant.client.get("/api/websites")).body.items[0];
      assert.equal(offlineView.footer.outcome, "unreachable");
    });

    test("a second campaign keeps the deadline and does not tell the owner again", async () => {
      const before = (await findings(unlinked))[0]!.dueAt;
      platform.clock.advance(2 * DAY_MS);
      const summary = await runFooterCampaign(
        platform.ctx,
        await createFooterCampaign(platform.ctx, "schedule", null),
        { hostIntervalMs: 0 },
      );
      assert.equal(summary.notified, 0, JSON.stringify(summary));
      assert.equal((await findings(unlinked))[0]!.dueAt, before, "the deadline runs from the first failure");
      assert.equal((await told(unlinked)).length, 1, "still one message");
    });

    test("the owner fixes the footer and checks again: the finding closes; others' sites are not found", async () => {
      serve(unlinked, `<a href="${MIIT}">${unlinked.websiteNumber}</a>`);
      const checked = await unlinked.applicant.client.post(
        `/api/websites/${unlinked.websiteId}/footer-check`,
        {},
      );
      assert.equal(checked.status, 200, JSON.stringify(checked.body));
      assert.equal(checked.body.footer.outcome, "passed", JSON.stringify(checked.body.footer.problems));
      assert.equal(checked.body.footer.linkTarget, MIIT);
      assert.deepEqual(await findings(unlinked), [], "the finding is closed");
      const foreign = await unlinked.applicant.client.post(
        `/api/websites/${good.websiteId}/footer-check`,
        {},
      );
      assert.equal(foreign.status, 404, "another account's website is not found");
      assert.equal(foreign.body.code, "NOT_FOUND");
      const staff = await reviewer.post(`/api/review/websites/${good.websiteId}/footer-check`, {});
      assert.equal(staff.status, 200, "staff check any website");
      assert.equal(staff.body.footer.outcome, "passed");
    });

    test("a runner that died is taken over and checks only what is left; a live one is not", async () => {
      const id = await createFooterCampaign(platform.ctx, "schedule", null);
      const now = platform.clock.now().getTime();
      // A runner checked the good site, then stopped sending heartbeats three minutes ago.
      await platform.ctx.db
        .updateTable("footer_campaign")
        .set({ started_at: now - 5 * 60_000, heartbeat_at: now - 3 * 60_000, checked: 1, passed: 1 })
        .where("id", "=", id)
        .execute();
      await platform.ctx.db
        .updateTable("footer_check")
        .set({ campaign_id: id })
        .where("website_id", "=", good.websiteId)
        .execute();
      hits.length = 0;
      const summary = await runFooterCampaign(platform.ctx, id, { hostIntervalMs: 0 });
      assert.deepEqual(
        hits.sort(),
        [unlinked.applicant.domain],
        "only the sites not yet checked are fetched",
      );
      assert.equal(summary.checked, 3, JSON.stringify(summary));
      assert.equal(summary.passed, 2);
      assert.equal(summary.unreachable, 1);

      const live = await createFooterCampaign(platform.ctx, "schedule", null);
      await platform.ctx.db
        .updateTable("footer_campaign")
        .set({ started_at: now, heartbeat_at: now })
        .where("id", "=", live)
        .execute();
      await assert.rejects(runFooterCampaign(platform.ctx, live), CampaignBusyError);
      await platform.ctx.db
        .updateTable("footer_campaign")
        .set({ finished_at: now })
        .where("id", "=", live)
        .execute();
      const finished = await runFooterCampaign(platform.ctx, live);
      assert.equal(finished.campaignId, live, "a finished campaign answers with its summary");
    });

    test("a supervisor starts a campaign from the console; a second is refused while it runs", async () => {
      const supervisor = await staffClient(platform, "supervisor");
      const refused = await reviewer.post("/api/review/footer-campaigns", {});
      assert.equal(refused.status, 403, "reviewers do not start campaigns");
      const started = await supervisor.post("/api/review/footer-campaigns", {});
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const again = await supervisor.post("/api/review/footer-campaigns", {});
      assert.equal(again.status, 409);
      assert.equal(again.body.code, "FOOTER_CAMPAIGN_RUNNING");
      const queued = await reviewer.get("/api/review/footer-campaigns");
      assert.equal(queued.body.activeId, started.body.id);
      await platform.worker.runDue();
      const list = await reviewer.get("/api/review/footer-campaigns");
      const campaign = (list.body.items as Array<Record<string, unknown>>).find(
        (item) => item.campaignId === started.body.id,
      );
      assert.equal(campaign?.state, "finished", JSON.stringify(list.body));
      assert.equal(campaign?.checked, 3);
      assert.equal(campaign?.trigger, "staff");
      assert.equal(list.body.activeId, null);
    });
  });
}
