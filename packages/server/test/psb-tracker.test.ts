import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The public-security filing tracker (issue 8): each filed website's 30-day
 * deadline, reminders at 7, 3 and 1 days left and when overdue (timers the
 * worker fires on the injected clock), the opening day moving the deadline, the
 * number recorded (format-checked) ending the reminders, the data card, and
 * other accounts' websites not found.
 */
interface Website {
  id: string;
  domain: string;
  openedOn: string | null;
  psb: {
    state: string;
    number: string | null;
    dueOn: string;
    daysLeft: number | null;
    countsFrom: string;
    card: Record<string, unknown>;
    footerSnippet: string | null;
  };
}

for (const engine of engines()) {
  describe(`public-security filing tracker (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    let website: Website;

    const templates = async () =>
      (
        (await applicant.client.get("/api/notifications")).body.items as {
          template: string;
          title: { zh: string };
        }[]
      )
        .filter((item) => item.template.startsWith("website.psb"))
        .map((item) => `${item.template}: ${item.title.zh}`);

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 90 * DAY_MS });
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
      // 2026-03-02 09:00 China time: the approval day.
      await filedOrder(platform, applicant, reviewer);
      await platform.worker.runDue();
    });
    after(() => platform.close());

    test("the filed website is listed with its deadline 30 days after approval and the data card", async () => {
      const listed = await applicant.client.get("/api/websites");
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      website = listed.body.items[0];
      assert.equal(website.domain, applicant.domain.toLowerCase());
      assert.equal(website.psb.state, "due");
      assert.equal(
        website.psb.countsFrom,
        "2026-03-02",
        "until the opening day is recorded, the approval day counts",
      );
      assert.equal(website.psb.dueOn, "2026-04-01");
      assert.equal(website.psb.daysLeft, 30);
      assert.deepEqual(website.psb.card.accessMethod, {
        zh: "租赁虚拟空间",
        en: "Leased virtual hosting (cloud)",
      });
      assert.deepEqual(website.psb.card.serverLocation, {
        zh: "华东1（杭州）",
        en: "China East 1 (Hangzhou)",
      });
      assert.equal(website.psb.card.accessProvider, "OpenBeian 演示接入商");
      assert.equal(website.psb.footerSnippet, null);
    });

    test("reminders go out 7, 3 and 1 days before the last day, and once overdue", async () => {
      platform.clock.set("2026-03-25T02:00:00.000Z"); // 10:00 on 03-25 China: 7 days before 04-01
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.deepEqual(await templates(), [
        `website.psb_reminder: 请在7天内办理公安联网备案（${website.domain}）`,
      ]);
      platform.clock.set("2026-04-02T00:00:00.000Z"); // 08:00 on 04-02 China: the day after the last day
      await platform.worker.runDue();
      await platform.worker.runDue();
      const sent = await templates();
      assert.equal(sent.length, 4, `7, 3, 1 days and overdue: ${sent.join(" | ")}`);
      assert.ok(
        sent.some((text) => /^website\.psb_overdue: 公安联网备案已逾期/.test(text)),
        `the overdue notice: ${sent.join(" | ")}`,
      );
      const listed = (await applicant.client.get("/api/websites")).body.items[0] as Website;
      assert.equal(listed.psb.state, "overdue");
      assert.equal(listed.psb.daysLeft, -1);
    });

    test("recording the opening day moves the deadline and its reminders", async () => {
      const bad = await applicant.client.put(`/api/websites/${website.id}/opening-day`, {
        openedOn: "2026-02-30",
      });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.code, "OPENING_DAY_INVALID");
      const early = await applicant.client.put(`/api/websites/${website.id}/opening-day`, {
        openedOn: "2026-03-01",
      });
      assert.equal(early.body.details.problem, "before_filing");
      const future = await applicant.client.put(`/api/websites/${website.id}/opening-day`, {
        openedOn: "2026-04-03",
      });
      assert.equal(future.body.details.problem, "future");
      const moved = await applicant.client.put(`/api/websites/${website.id}/opening-day`, {
        openedOn: "2026-03-20",
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.psb.dueOn, "2026-04-19");
      assert.equal(moved.body.psb.state, "due");
      assert.equal(moved.body.psb.daysLeft, 17);
      platform.clock.set("2026-04-12T02:00:00.000Z"); // 7 days before 04-19
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.match((await templates())[0] ?? "", /请在7天内办理公安联网备案/);
    });

    test("recording the number checks its format, shows the footer snippet and ends the reminders", async () => {
      const bad = await applicant.client.put(`/api/websites/${website.id}/psb-number`, {
        psbNumber: "浙公网安备123号",
      });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.code, "PSB_NUMBER_INVALID");
      const before = (await templates()).length;
      const recorded = await applicant.client.put(`/api/websites/${website.id}/psb-number`, {
        psbNumber: "浙公网安备 33010602011234号",
      });
      assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
      assert.equal(recorded.body.psb.state, "recorded");
      assert.equal(recorded.body.psb.number, "浙公网安备33010602011234号");
      assert.equal(recorded.body.psb.daysLeft, null);
      assert.match(
        recorded.body.psb.footerSnippet,
        /beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=33010602011234/,
      );
      platform.clock.set("2026-04-25T02:00:00.000Z");
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.equal((await templates()).length, before, "no reminder after the number is recorded");
    });

    test("another account's website is not found, and staff do not use the applicant routes", async () => {
      const other = await readyApplicant(platform, "李四");
      assert.deepEqual((await other.client.get("/api/websites")).body.items, []);
      const foreign = await other.client.put(`/api/websites/${website.id}/psb-number`, {
        psbNumber: "浙公网安备33010602011234号",
      });
      assert.equal(foreign.status, 404);
      assert.equal((await reviewer.get("/api/websites")).status, 403);
    });
  });
}
