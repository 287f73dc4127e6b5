import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { personalOrder, readyApplicant, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/** The seed's 45-day clean-up with reminders on days 30 and 40, told with a moved clock. */
for (const engine of engines()) {
  describe(`45-day order expiry (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let orderId: string;
    let createdAt: number;

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 365 * DAY_MS });
      applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      orderId = created.body.id;
      createdAt = platform.clock.now().getTime();
      await platform.worker.runDue();
    });
    after(() => platform.close());

    const templates = async () =>
      (await applicant.client.get("/api/notifications")).body.items.map(
        (item: { template: string }) => item.template,
      );
    const state = async () => (await applicant.client.get(`/api/orders/${orderId}`)).body.state;

    test("nothing happens before day 30", async () => {
      platform.clock.set(createdAt + 29 * DAY_MS);
      await platform.worker.runDue();
      assert.deepEqual(await templates(), []);
    });

    test("a reminder on day 30 says 15 days are left", async () => {
      platform.clock.set(createdAt + 30 * DAY_MS + 1);
      await platform.worker.runDue();
      await platform.worker.runDue(); // the reminder's own notify job
      const inbox = (await applicant.client.get("/api/notifications")).body.items;
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0].template, "order.reminder");
      assert.match(inbox[0].title.zh, /15天后过期/);
    });

    test("touching the order moves the deadline: the old day-40 reminder and expiry do not fire", async () => {
      platform.clock.set(createdAt + 35 * DAY_MS);
      const view = await applicant.client.get(`/api/orders/${orderId}`);
      const data = structuredClone(view.body.data);
      data.websites[0].remark = "个人技术博客，记录编程学习笔记、读书心得与开源项目介绍。";
      const saved = await applicant.client.put(`/api/orders/${orderId}/data`, {
        version: view.body.version,
        data,
      });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.expiresAt, new Date(createdAt + (35 + 45) * DAY_MS).toISOString());
      platform.clock.set(createdAt + 46 * DAY_MS);
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.equal(await state(), "draft");
      assert.deepEqual(await templates(), ["order.reminder"]);
    });

    test("days 30 and 40 after the last touch bring reminders, day 45 the clean-up", async () => {
      platform.clock.set(createdAt + (35 + 30) * DAY_MS);
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.deepEqual(await templates(), ["order.reminder", "order.reminder"]);

      platform.clock.set(createdAt + (35 + 40) * DAY_MS);
      await platform.worker.runDue();
      await platform.worker.runDue();
      const inbox = (await applicant.client.get("/api/notifications")).body.items;
      assert.equal(inbox.length, 3);
      assert.match(inbox[0].title.zh, /5天后过期/);
      assert.equal(await state(), "draft");

      platform.clock.set(createdAt + (35 + 45) * DAY_MS);
      await platform.worker.runDue();
      await platform.worker.runDue();
      assert.equal(await state(), "expired");
      assert.deepEqual(await templates(), [
        "order.expire",
        "order.reminder",
        "order.reminder",
        "order.reminder",
      ]);
    });

    test("the expiry is audited once, releases the service code and frees the account", async () => {
      const expiries = await platform.ctx.db
        .selectFrom("audit_log")
        .select("actor_kind")
        .where("entity_id", "=", orderId)
        .where("action", "=", "expire")
        .execute();
      assert.deepEqual(expiries, [{ actor_kind: "system" }]);
      const codes = (await applicant.client.get("/api/service-codes")).body.items;
      assert.ok(codes.every((code: { state: string }) => code.state === "unused"));
      // Running the worker again changes nothing: every timer fired exactly once.
      platform.clock.advance(100 * DAY_MS);
      assert.equal(await platform.worker.runDue(), 0);
      const next = await applicant.client.post("/api/orders", {});
      assert.equal(next.status, 201);
    });
  });
}
