import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder, gateOf } from "./support/filed-order.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * 转移备案 (issue 9): the same subject's filing moves from one account to another
 * with no review by the provider or the bureau. The receiving account must hold no
 * subject and have no order in progress, sees only what it needs to decide, and
 * proves it is the same subject with the certificate's last 6 characters. The
 * numbers and the gate do not change; the records follow the subject.
 */
for (const engine of engines()) {
  describe(`transfer of a filing (${engine})`, () => {
    let platform: TestPlatform;
    let reviewer: ApiClient;
    let owner: ReadyApplicant;
    let receiver: ReadyApplicant;
    let filed: Awaited<ReturnType<typeof filedOrder>>;

    const accountIdOf = async (client: ApiClient) =>
      (await client.get("/api/account")).body.account.id as string;
    const startTransfer = (client: ApiClient, toAccountId: string) =>
      client.post("/api/orders", { type: "transfer", toAccountId });
    const send = async (client: ApiClient, toAccountId: string) => {
      const created = await startTransfer(client, toAccountId);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const submitted = await client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      return submitted.body as { id: string; number: string; state: string; version: number };
    };

    before(async () => {
      platform = await startTestPlatform(engine);
      reviewer = await staffClient(platform);
      owner = await readyApplicant(platform);
      receiver = await readyApplicant(platform);
      filed = await filedOrder(platform, owner, reviewer);
    });
    after(() => platform.close());

    test("the receiving account is named by its account ID; unknown, own or filed accounts are refused", async () => {
      const unknown = await startTransfer(owner.client, "no-such-account");
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, "TRANSFER_TARGET_INVALID");
      const own = await startTransfer(owner.client, await accountIdOf(owner.client));
      assert.equal(own.body.code, "TRANSFER_TARGET_INVALID");
      const nothingFiled = await startTransfer(receiver.client, await accountIdOf(owner.client));
      assert.equal(nothingFiled.status, 422);
      assert.equal(nothingFiled.body.code, "NO_FILED_SUBJECT");
      // Refused: no order was left behind in either account.
      assert.equal(((await owner.client.get("/api/orders")).body.items as unknown[]).length, 1);
      assert.deepEqual((await receiver.client.get("/api/orders")).body.items, []);
    });

    test("the receiver declines: the filing stays; the owner may withdraw a pending transfer", async () => {
      const receiverId = await accountIdOf(receiver.client);
      const declined = await send(owner.client, receiverId);
      const decline = await receiver.client.post(`/api/transfers/${declined.id}/decline`, {
        reason: "不是我们",
      });
      assert.equal(decline.status, 200, JSON.stringify(decline.body));
      assert.equal(decline.body.state, "declined");
      const withdrawn = await send(owner.client, receiverId);
      const withdraw = await owner.client.post(`/api/orders/${withdrawn.id}/withdraw`, {
        version: withdrawn.version,
      });
      assert.equal(withdraw.status, 200, JSON.stringify(withdraw.body));
      assert.equal(withdraw.body.state, "withdrawn");
      assert.deepEqual((await receiver.client.get("/api/transfers/incoming")).body.items, []);
      assert.equal((await owner.client.get("/api/filing")).body.subjectNumber, filed.numbers.subjectNumber);
    });

    test("a pending transfer is the owner's order in progress, invisible to third accounts", async () => {
      const hook = await receiver.client.post("/api/webhooks", {
        url: "http://127.0.0.1:9/transfers",
        events: ["transfer.*"],
      });
      assert.equal(hook.status, 201, JSON.stringify(hook.body));
      const pending = await send(owner.client, await accountIdOf(receiver.client));
      assert.equal(pending.state, "awaiting_acceptance");
      const second = await owner.client.post("/api/orders", { type: "change" });
      assert.equal(second.status, 409);
      assert.equal(second.body.code, "ACTIVE_ORDER_EXISTS");
      assert.equal(second.body.details.number, pending.number, "the blocking order is named");
      const stranger = await readyApplicant(platform);
      const peek = await stranger.client.post(`/api/transfers/${pending.id}/accept`, {
        certificateTail: owner.certificateNumber.slice(-6),
      });
      assert.equal(peek.status, 404, "another account's transfer is not found");
      assert.equal((await stranger.client.get(`/api/orders/${pending.id}`)).status, 404);
      // The owner cannot accept for the receiver.
      const self = await owner.client.post(`/api/transfers/${pending.id}/accept`, {
        certificateTail: owner.certificateNumber.slice(-6),
      });
      assert.equal(self.status, 404);

      const incoming = (await receiver.client.get("/api/transfers/incoming")).body.items as Array<
        Record<string, unknown>
      >;
      assert.equal(incoming.length, 1);
      assert.equal(incoming[0]!.number, pending.number);
      assert.deepEqual(incoming[0]!.domains, [owner.domain.toLowerCase()]);
      assert.match(String(incoming[0]!.from), /\*/, "the sender's e-mail is masked");
      assert.ok(!JSON.stringify(incoming).includes(owner.certificateNumber), "no certificate number");

      const wrong = await receiver.client.post(`/api/transfers/${pending.id}/accept`, {
        certificateTail: "00000X",
      });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.code, "TRANSFER_PROOF_MISMATCH");
      assert.equal((await owner.client.get(`/api/orders/${pending.id}`)).body.state, "awaiting_acceptance");

      // The receiver started an order of its own meanwhile: it must finish that first.
      const own = await receiver.client.post("/api/orders", {});
      assert.equal(own.status, 201);
      const busy = await receiver.client.post(`/api/transfers/${pending.id}/accept`, {
        certificateTail: owner.certificateNumber.slice(-6),
      });
      assert.equal(busy.status, 409);
      assert.equal(busy.body.code, "TRANSFER_TARGET_BUSY");
      await receiver.client.post(`/api/orders/${own.body.id}/abandon`, { version: own.body.version });

      const accepted = await receiver.client.post(`/api/transfers/${pending.id}/accept`, {
        certificateTail: owner.certificateNumber.slice(-6).toLowerCase(),
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.state, "approved");
      // The receiving account's own webhook endpoints heard of the transfer, by id and number only.
      const deliveries = await platform.ctx.db
        .selectFrom("webhook_delivery")
        .select(["event_type", "payload"])
        .where("endpoint_id", "=", hook.body.id)
        .orderBy("created_at")
        .execute();
      assert.deepEqual(
        deliveries.map((row) => row.event_type),
        ["transfer.incoming", "transfer.received"],
      );
      for (const row of deliveries) {
        assert.deepEqual(JSON.parse(row.payload).data, {
          transferId: pending.id,
          orderNumber: pending.number,
        });
      }
    });

    test("after acceptance the filing, its numbers and websites are the receiver's; the gate is unchanged", async () => {
      const domain = owner.domain.toLowerCase();
      assert.equal((await owner.client.get("/api/filing")).body.code, "NO_FILED_SUBJECT");
      assert.deepEqual((await owner.client.get("/api/websites")).body.items, []);
      const filing = (await receiver.client.get("/api/filing")).body;
      assert.equal(filing.subjectNumber, filed.numbers.subjectNumber);
      const websites = (await receiver.client.get("/api/websites")).body.items as Array<{
        domain: string;
        websiteNumber: string;
      }>;
      assert.deepEqual(
        websites.map((website) => [website.domain, website.websiteNumber]),
        [[domain, filed.numbers.websiteNumbers[domain]]],
      );
      assert.deepEqual(await gateOf(platform, domain), { status: "filed", reason: null });
      await platform.worker.runDue(); // delivers the notifications
      const titles = (
        (await receiver.client.get("/api/notifications")).body.items as Array<{
          template: string;
        }>
      ).map((item) => item.template);
      assert.ok(titles.includes("transfer.incoming") && titles.includes("transfer.received"), titles.join());
      const ownerTemplates = (
        (await owner.client.get("/api/notifications")).body.items as Array<{
          template: string;
        }>
      ).map((item) => item.template);
      assert.ok(ownerTemplates.includes("order.accept_transfer"), ownerTemplates.join());
      assert.ok(ownerTemplates.includes("order.submit.transfer"), ownerTemplates.join());
      // The receiver now acts on the filing: a change starts from it.
      const change = await receiver.client.post("/api/orders", { type: "change" });
      assert.equal(change.status, 201, JSON.stringify(change.body));
      assert.equal(change.body.data.subject.certificateNumber, owner.certificateNumber);
      await receiver.client.post(`/api/orders/${change.body.id}/abandon`, { version: change.body.version });
      const staff = await startTransfer(receiver.client, await accountIdOf(reviewer));
      assert.equal(
        staff.body.code,
        "TRANSFER_TARGET_INVALID",
        "the provider's staff accounts take no filings",
      );
      // A transfer into an account that holds a filing is refused.
      const other = await readyApplicant(platform);
      await filedOrder(platform, other, reviewer);
      const full = await startTransfer(receiver.client, await accountIdOf(other.client));
      assert.equal(full.status, 409);
      assert.equal(full.body.code, "TRANSFER_TARGET_HAS_FILING");
    });
  });
}
