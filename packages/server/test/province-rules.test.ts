import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { makeResidentId } from "@openbeian/core";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import type { ApiClient } from "./support/client.ts";

/** Province rules are data an administrator can override, audited, and the pre-check follows at once. */
for (const engine of engines()) {
  describe(`province rule overrides (${engine})`, () => {
    let platform: TestPlatform;
    let admin: ApiClient;
    let applicant: ReadyApplicant;
    let orderId: string;

    before(async () => {
      platform = await startTestPlatform(engine);
      admin = await staffClient(platform, "admin");
      applicant = await readyApplicant(platform);
      const data = personalOrder(applicant);
      // A 17-year-old: under Zhejiang's minimum age of 18.
      const young = makeResidentId("330106", "2009-01-15", "321");
      data.subject!.certificateNumber = young;
      data.subject!.head!.certificateNumber = young;
      data.websites![0]!.head!.certificateNumber = young;
      orderId = (await applicant.client.post("/api/orders", { data })).body.id;
    });
    after(() => platform.close());

    const problemIds = async () =>
      (await applicant.client.get(`/api/orders/${orderId}`)).body.problems.map(
        (problem: { ruleId: string }) => problem.ruleId,
      );

    test("an administrator sees a province's rules with their sources; others may not", async () => {
      const view = await admin.get("/api/admin/province-rules/33");
      assert.equal(view.status, 200);
      assert.equal(view.body.rules.bureauReviewWorkingDays, 30);
      assert.ok(view.body.sources.bureauReviewWorkingDays.length > 0);
      assert.ok(view.body.rows.some((row: { province: string }) => row.province === "33"));
      assert.equal((await applicant.client.get("/api/admin/province-rules/33")).status, 403);
      assert.equal(
        (await (await staffClient(platform, "reviewer")).get("/api/admin/province-rules/33")).status,
        403,
      );
      assert.equal((await admin.get("/api/admin/province-rules/99")).status, 404);
    });

    test("an override changes the pre-check at once and is audited; revoking restores the rule", async () => {
      assert.ok((await problemIds()).includes("person.too_young"));
      const created = await admin.post("/api/admin/province-rules/overrides", {
        province: "33",
        rule: "minAge",
        value: 16,
        reason: "管局2026年通知：16周岁以上可备案",
        effectiveFrom: "2026-01-01",
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.ok(!(await problemIds()).includes("person.too_young"));
      const view = await admin.get("/api/admin/province-rules/33");
      assert.equal(view.body.rules.minAge, 16);
      assert.deepEqual(view.body.sources.minAge, ["admin"]);
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", "province_rule")
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.action, "override");

      const revoked = await admin.post(`/api/admin/province-rules/overrides/${created.body.id}/revoke`, {
        reason: "通知已撤回",
      });
      assert.equal(revoked.status, 204);
      assert.ok((await problemIds()).includes("person.too_young"));
      assert.equal(
        (
          await admin.post(`/api/admin/province-rules/overrides/${created.body.id}/revoke`, {
            reason: "again",
          })
        ).status,
        404,
      );
    });

    test("unknown rules and values of the wrong type are refused", async () => {
      const unknown = await admin.post("/api/admin/province-rules/overrides", {
        province: "33",
        rule: "noSuchRule",
        value: 1,
        reason: "x",
        effectiveFrom: "2026-01-01",
      });
      assert.equal(unknown.status, 400);
      const wrongType = await admin.post("/api/admin/province-rules/overrides", {
        province: "33",
        rule: "minAge",
        value: "sixteen",
        reason: "x",
        effectiveFrom: "2026-01-01",
      });
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.body.code, "VALIDATION_FAILED");
    });
  });
}
