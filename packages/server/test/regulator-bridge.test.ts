import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createSimulator, type Simulator } from "@openbeian/regulator-sim";
import { deliverSubmission } from "../src/regulator-bridge/outbound.ts";
import type { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadStandardMaterials } from "./support/materials.ts";

/**
 * Approved orders reach the regulator through the bridge: queued in the
 * approving transaction, delivered by the worker over HTTP to the simulator,
 * retried while it is down, never lost and never doubled.
 */
for (const engine of engines()) {
  describe(`regulator bridge (${engine})`, () => {
    const token = randomBytes(24).toString("base64url");
    let simulator: Simulator;
    let port: number;
    let platform: TestPlatform;
    let reviewer: ApiClient;

    before(async () => {
      simulator = createSimulator({ token, domainResolves: async () => null });
      const url = await simulator.listen(0);
      port = Number(new URL(url).port);
      platform = await startTestPlatform(engine, { regulatorUrl: url, regulatorToken: token });
      reviewer = await staffClient(platform);
    });
    after(async () => {
      await simulator.close().catch(() => undefined);
      await platform.close();
    });

    const approvedOrder = async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      const approved = await reviewer.post(`/api/review/orders/${created.body.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.body.state, "queued_for_bureau");
      return approved.body as { id: string; number: string };
    };
    const outbound = (orderId: string) =>
      platform.ctx.db
        .selectFrom("regulator_outbound")
        .selectAll()
        .where("order_id", "=", orderId)
        .executeTakeFirstOrThrow();

    test("an approved order is submitted by the worker and the message is visible to reviewers", async () => {
      const order = await approvedOrder();
      assert.equal((await outbound(order.id)).status, "pending");
      await platform.worker.runDue();
      const received = simulator.store.submissions().filter((item) => item.orderNumber === order.number);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.province, "33");
      assert.equal((received[0]?.payload as { subject: { name: string } }).subject.name, "张三");
      assert.equal((await outbound(order.id)).status, "sent");
      const messages = await reviewer.get(`/api/review/orders/${order.id}/regulator-messages`);
      assert.deepEqual(
        messages.body.items.map((item: { direction: string; status: string }) => [
          item.direction,
          item.status,
        ]),
        [["outbound", "sent"]],
      );
      const stored = await outbound(order.id);
      assert.doesNotMatch(stored.payload, /张三|330106/, "the stored message is encrypted");
    });

    test("while the regulator is down the bridge retries; afterwards it delivers once", async () => {
      await simulator.close();
      const order = await approvedOrder();
      await platform.worker.runDue();
      let row = await outbound(order.id);
      assert.equal(row.status, "pending");
      assert.equal(row.attempts, 1);
      assert.ok(row.last_error);
      platform.clock.advance(5_000);
      await platform.worker.runDue();
      assert.equal((await outbound(order.id)).attempts, 2);

      simulator = createSimulator({ token, domainResolves: async () => null });
      await simulator.listen(port);
      platform.clock.advance(60_000);
      await platform.worker.runDue();
      row = await outbound(order.id);
      assert.equal(row.status, "sent");
      const received = simulator.store.submissions().filter((item) => item.orderNumber === order.number);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.deliveries, 1);
    });

    test("a delivery repeated after a crash is recognised by its message id, not doubled", async () => {
      const order = await approvedOrder();
      const { message_id: messageId } = await outbound(order.id);
      // The worker delivered, then died before it could record it: the job runs again.
      await deliverSubmission(platform.ctx, messageId);
      await platform.worker.runDue();
      const received = simulator.store.submissions().filter((item) => item.orderNumber === order.number);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.deliveries, 2);
      assert.equal((await outbound(order.id)).status, "sent");
      await platform.worker.runDue();
      assert.equal(
        simulator.store.submissions().filter((item) => item.orderNumber === order.number)[0]?.deliveries,
        2,
      );
    });
  });
}
