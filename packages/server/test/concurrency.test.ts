import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadStandardMaterials } from "./support/materials.ts";

/** Conflicting actions at once: exactly one wins, the others get 409. */
for (const engine of engines()) {
  describe(`concurrent conflicting actions (${engine})`, () => {
    let platform: TestPlatform;

    before(async () => {
      platform = await startTestPlatform(engine, { poolSize: 8 });
    });
    after(() => platform.close());

    test("two concurrent approvals of one order: one wins, the other gets 409", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      const [first, second] = [await staffClient(platform), await staffClient(platform)];
      const results = await Promise.all(
        [first, second].map((reviewer) =>
          reviewer.post(`/api/review/orders/${created.body.id}/approve`, { version: submitted.body.version }),
        ),
      );
      assert.deepEqual(results.map((result) => result.status).sort(), [200, 409]);
      const conflict = results.find((result) => result.status === 409);
      assert.equal(conflict?.body.code, "VERSION_CONFLICT");
      const approvals = await platform.ctx.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", created.body.id)
        .where("action", "=", "approve")
        .execute();
      assert.equal(approvals.length, 1);
    });

    test("approve and return racing on the same version: one wins", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      const reviewer = await staffClient(platform);
      const results = await Promise.all([
        reviewer.post(`/api/review/orders/${created.body.id}/approve`, { version: submitted.body.version }),
        reviewer.post(`/api/review/orders/${created.body.id}/return`, {
          version: submitted.body.version,
          fields: [{ field: "websites.0.name", reason: "名称不规范" }],
        }),
        applicant.client.post(`/api/orders/${created.body.id}/withdraw`, { version: submitted.body.version }),
      ]);
      assert.equal(results.filter((result) => result.status === 200).length, 1);
      assert.equal(results.filter((result) => result.status === 409).length, 2);
    });

    test("one account creating orders at once gets exactly one", async () => {
      const applicant = await readyApplicant(platform);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => applicant.client.post("/api/orders", {})),
      );
      assert.equal(results.filter((result) => result.status === 201).length, 1);
      assert.ok(
        results
          .filter((result) => result.status !== 201)
          .every((result) => result.body.code === "ACTIVE_ORDER_EXISTS"),
      );
    });

    test("the same regulator message delivered concurrently is applied once", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      await (
        await staffClient(platform)
      ).post(`/api/review/orders/${created.body.id}/approve`, { version: submitted.body.version });
      const send = () =>
        new ApiClient(platform.app).request(
          "POST",
          "/api/internal/regulator/events",
          {
            messageId: `sms-${created.body.id}`,
            orderNumber: created.body.number,
            event: { type: "sms_sent" },
          },
          { authorization: `Bearer ${platform.regulatorToken}` },
        );
      const results = await Promise.all([send(), send(), send()]);
      assert.ok(results.every((result) => result.status === 200));
      assert.equal(results.filter((result) => result.body.duplicate === false).length, 1);
      const smsEvents = await platform.ctx.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", created.body.id)
        .where("action", "=", "sms_sent")
        .execute();
      assert.equal(smsEvents.length, 1);
    });
  });
}
