import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The SMS channel the regulator sends its verification codes through: stored
 * once per message id, encrypted at rest, shown only to the order's owner with
 * the mobile number masked, and refused without the regulator's token.
 */
for (const engine of engines()) {
  describe(`SMS channel (${engine})`, () => {
    let platform: TestPlatform;
    let owner: ReadyApplicant;
    let stranger: ReadyApplicant;
    let order: { id: string; number: string };

    before(async () => {
      platform = await startTestPlatform(engine, { regulatorUrl: "http://127.0.0.1:9/" });
      owner = await readyApplicant(platform);
      stranger = await readyApplicant(platform, "李四");
      order = (await owner.client.post("/api/orders", { data: personalOrder(owner) })).body;
    });
    after(() => platform.close());

    const send = (body: Record<string, unknown>, token = platform.regulatorToken) =>
      new ApiClient(platform.app).request("POST", "/api/internal/sms", body, {
        authorization: `Bearer ${token}`,
      });
    const text = "【工信部】您的ICP备案短信核验码为482913，请在24小时内完成短信核验。";

    test("a text is stored once per message id and shown to the owner with the mobile masked", async () => {
      const message = { messageId: "sms-1", orderNumber: order.number, mobile: owner.mobile, text };
      assert.deepEqual((await send(message)).body, { duplicate: false });
      assert.deepEqual((await send(message)).body, { duplicate: true });
      const listed = await owner.client.get(`/api/orders/${order.id}/sms`);
      assert.equal(listed.status, 200);
      assert.equal(listed.body.items.length, 1);
      assert.equal(listed.body.items[0].text, text);
      assert.equal(
        listed.body.items[0].mobileMasked,
        `${owner.mobile.slice(0, 3)}****${owner.mobile.slice(-4)}`,
      );
      assert.equal(listed.body.verifyUrl, "http://127.0.0.1:9/sms");
    });

    test("at rest neither the code nor the mobile number is readable", async () => {
      const rows = await platform.ctx.db.selectFrom("sms_message").selectAll().execute();
      const raw = JSON.stringify(rows);
      assert.doesNotMatch(raw, /482913/, "the code is encrypted");
      assert.ok(!raw.includes(owner.mobile), "the mobile number is encrypted");
    });

    test("another account's order is not found, and the channel wants the regulator's token", async () => {
      assert.equal((await stranger.client.get(`/api/orders/${order.id}/sms`)).status, 404);
      const refused = await send(
        { messageId: "sms-2", orderNumber: order.number, mobile: owner.mobile, text },
        "x".repeat(32),
      );
      assert.equal(refused.status, 401);
      const malformed = await send({ messageId: "sms-3", orderNumber: order.number, mobile: "abc", text });
      assert.equal(malformed.status, 400);
    });
  });
}
