import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { ApiClient } from "./support/client.ts";
import { readyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import {
  namedStaff,
  regulatorEvent,
  submittedOrder,
  versionOf,
  type NamedStaff,
  type SubmittedOrder,
} from "./support/review-history.ts";

/**
 * The dashboard numbers over a history told through the API with a moved clock
 * (all times China time, SLA one working day):
 *
 * Mon 03-02 09:00  A and B submitted
 *          11:00  王审核 rejects B (2 h), the reason quoting a phone number
 *          12:00  李审核 returns A (3 h)
 * Tue 03-03 09:00  A resubmitted
 * Wed 03-04 09:00  C submitted; 15:00 王审核 approves C (6 h); 16:00 C's SMS verified
 * Thu 03-05 09:00  李审核 approves A (48 h: late since Thu 00:00); 10:00 A's SMS verified
 * Fri 03-06 09:00  D submitted, never decided (late since Tue 03-10 00:00)
 *          16:00  the bureau rejects C (2 days)
 * Sat 03-07 10:00  李审核 claims D
 * Mon 03-09 10:00  the bureau approves A (4 days); 李审核 releases D
 * Tue 03-10 09:00  赵主管 assigns D to 王审核
 *          12:00  now
 */
const china = (time: string) => Date.parse(`${time}+08:00`);

for (const engine of engines()) {
  describe(`review dashboard statistics (${engine})`, () => {
    let platform: TestPlatform;
    let li: NamedStaff;
    let wang: NamedStaff;
    let supervisor: NamedStaff;

    const at = (time: string) => platform.clock.set(china(time));
    const decide = async (staff: NamedStaff, order: SubmittedOrder, action: string, body: object = {}) => {
      const response = await staff.client.post(`/api/review/orders/${order.id}/${action}`, {
        version: await versionOf(staff.client, order.id),
        ...body,
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };
    const hold = async (staff: NamedStaff, order: SubmittedOrder, action: string, body?: object) => {
      const response = await staff.client.post(`/api/review/orders/${order.id}/${action}`, body);
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };
    const stats = (query: string, client = supervisor.client) => client.get(`/api/review/stats?${query}`);

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 60 * DAY_MS });
      at("2026-03-02T08:00:00");
      li = await namedStaff(platform, "reviewer", "李审核");
      wang = await namedStaff(platform, "reviewer", "王审核");
      supervisor = await namedStaff(platform, "supervisor", "赵主管");

      at("2026-03-02T09:00:00");
      const a = await submittedOrder(platform);
      const b = await submittedOrder(platform);
      at("2026-03-02T11:00:00");
      await decide(wang, b, "reject", { reason: "联系电话13800138000无法接通" });
      at("2026-03-02T12:00:00");
      await decide(li, a, "return", {
        fields: [{ field: "websites.0.name", reason: "网站名称不能使用泛化词语" }],
      });

      at("2026-03-03T09:00:00");
      const view = await a.applicant.client.get(`/api/orders/${a.id}`);
      const data = structuredClone(view.body.data);
      data.websites[0].name = "张三的读书笔记";
      const saved = await a.applicant.client.put(`/api/orders/${a.id}/data`, {
        version: view.body.version,
        data,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const resubmitted = await a.applicant.client.post(`/api/orders/${a.id}/submit`, {
        version: saved.body.version,
      });
      assert.equal(resubmitted.body.state, "resubmitted", JSON.stringify(resubmitted.body));

      at("2026-03-04T09:00:00");
      const c = await submittedOrder(platform);
      at("2026-03-04T15:00:00");
      await decide(wang, c, "approve");
      at("2026-03-04T16:00:00");
      await regulatorEvent(platform, c.number, { type: "sms_sent" });
      await regulatorEvent(platform, c.number, { type: "sms_verified" });

      at("2026-03-05T09:00:00");
      await decide(li, a, "approve");
      at("2026-03-05T10:00:00");
      await regulatorEvent(platform, a.number, { type: "sms_sent" });
      await regulatorEvent(platform, a.number, { type: "sms_verified" });

      at("2026-03-06T09:00:00");
      const d = await submittedOrder(platform);
      at("2026-03-06T16:00:00");
      await regulatorEvent(platform, c.number, {
        type: "bureau_rejected",
        reasons: ["网站名称与备案内容不符"],
      });
      at("2026-03-07T10:00:00");
      await hold(li, d, "claim");

      at("2026-03-09T10:00:00");
      await regulatorEvent(platform, a.number, {
        type: "bureau_approved",
        numbers: {
          subjectNumber: "浙ICP备2026004321号",
          websiteNumbers: { [a.applicant.domain]: "浙ICP备2026004321号-1" },
        },
      });
      await hold(li, d, "release");
      at("2026-03-10T09:00:00");
      await hold(supervisor, d, "assign", { userId: wang.id });
      at("2026-03-10T12:00:00");
    });
    after(() => platform.close());

    test("day by day: the queue, the SLA breaches when they happened, times and reasons", async () => {
      const response = await stats("from=2026-03-02&to=2026-03-10&bucket=day");
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const body = response.body;
      // D is held by a reviewer from Saturday to Monday morning and again from Tuesday.
      assert.deepEqual(
        body.queueSize.map((point: { at: string; waiting: number; inReview: number }) => [
          point.at,
          point.waiting,
          point.inReview,
        ]),
        [
          ["2026-03-02", 0, 0],
          ["2026-03-03", 1, 0],
          ["2026-03-04", 1, 0],
          ["2026-03-05", 0, 0],
          ["2026-03-06", 1, 0],
          ["2026-03-07", 0, 1],
          ["2026-03-08", 0, 1],
          ["2026-03-09", 1, 0],
          ["2026-03-10", 0, 1],
        ],
      );
      assert.deepEqual(
        body.slaBreaches.filter((point: { breaches: number }) => point.breaches > 0),
        [
          { at: "2026-03-05", breaches: 1 },
          { at: "2026-03-10", breaches: 1 },
        ],
      );
      assert.equal(body.slaBreaches.length, 9);
      assert.deepEqual(body.reviewTimePerReviewer, [
        { reviewer: { id: li.id, displayName: "李审核" }, decisions: 2, medianHours: 25.5, p90Hours: 43.5 },
        { reviewer: { id: wang.id, displayName: "王审核" }, decisions: 2, medianHours: 4, p90Hours: 5.6 },
      ]);
      assert.deepEqual(body.bureauTimePerProvince, [{ province: "33", decided: 2, medianDays: 3 }]);
      assert.deepEqual(body.topReturnReasons, [{ reason: "网站名称不能使用泛化词语", count: 1 }]);
      // The reviewer's free text quoted a phone number: it leaves the server masked.
      assert.deepEqual(body.topRejectionReasons, [
        { reason: "网站名称与备案内容不符", count: 1, by: "bureau" },
        { reason: "联系电话138****8000无法接通", count: 1, by: "provider" },
      ]);
    });

    test("weekly buckets start on Monday and end with the range", async () => {
      const body = (await stats("from=2026-03-02&to=2026-03-10&bucket=week")).body;
      assert.deepEqual(body.queueSize, [
        { at: "2026-03-02", waiting: 0, inReview: 1 },
        { at: "2026-03-09", waiting: 0, inReview: 1 },
      ]);
      assert.deepEqual(body.slaBreaches, [
        { at: "2026-03-02", breaches: 1 },
        { at: "2026-03-09", breaches: 1 },
      ]);
      // A mid-week start: the first bucket runs from Wednesday to Sunday.
      const midWeek = (await stats("from=2026-03-04&to=2026-03-10&bucket=week")).body;
      assert.deepEqual(
        midWeek.queueSize.map((point: { at: string }) => point.at),
        ["2026-03-04", "2026-03-09"],
      );
    });

    test("a range starting mid-history takes over the orders in review and at the bureau", async () => {
      const body = (await stats("from=2026-03-05&to=2026-03-09")).body;
      assert.deepEqual(
        body.queueSize.map((point: { waiting: number; inReview: number }) => point.waiting + point.inReview),
        [0, 1, 1, 1, 1],
      );
      // A's resubmission arrived on Tuesday, before the range: its 48 hours still count.
      assert.deepEqual(body.reviewTimePerReviewer, [
        { reviewer: { id: li.id, displayName: "李审核" }, decisions: 1, medianHours: 48, p90Hours: 48 },
      ]);
      assert.deepEqual(
        body.slaBreaches.filter((point: { breaches: number }) => point.breaches > 0),
        [{ at: "2026-03-05", breaches: 1 }],
      );
      // C's bureau review began on Wednesday, before the range.
      assert.deepEqual(body.bureauTimePerProvince, [{ province: "33", decided: 2, medianDays: 3 }]);
      assert.deepEqual(body.topReturnReasons, []);
      assert.deepEqual(body.topRejectionReasons, [
        { reason: "网站名称与备案内容不符", count: 1, by: "bureau" },
      ]);
    });

    test("a range starting while an order is held takes over its holder", async () => {
      const body = (await stats("from=2026-03-08&to=2026-03-09")).body;
      assert.deepEqual(body.queueSize, [
        { at: "2026-03-08", waiting: 0, inReview: 1 },
        { at: "2026-03-09", waiting: 1, inReview: 0 },
      ]);
    });

    test("without dates: the 30 days up to today, by day", async () => {
      const body = (await stats("")).body;
      assert.equal(body.queueSize.length, 30);
      assert.equal(body.queueSize.at(-1).at, "2026-03-10");
      assert.equal(body.queueSize[0].at, "2026-02-09");
    });

    test("bad ranges are refused", async () => {
      for (const query of [
        "from=2026-03-10&to=2026-03-02",
        "from=2026-02-30&to=2026-03-02",
        "from=2025-01-01&to=2026-03-02",
        "from=2026-03-01&to=2026-03-02&bucket=month",
        "from=20260301&to=2026-03-02",
        "from=2026-03-01&extra=1",
      ]) {
        const response = await stats(query);
        assert.equal(response.status, 400, query);
        assert.equal(response.body.code, "VALIDATION_FAILED", query);
      }
    });

    test("supervisors and admins only", async () => {
      assert.equal((await stats("", li.client)).status, 403);
      assert.equal((await stats("", li.client)).body.code, "FORBIDDEN");
      const admin = await namedStaff(platform, "admin", "钱管理");
      assert.equal((await stats("", admin.client)).status, 200);
      const applicant = await readyApplicant(platform);
      assert.equal((await stats("", applicant.client)).status, 403);
      assert.equal((await stats("", new ApiClient(platform.app))).status, 401);
    });
  });
}
