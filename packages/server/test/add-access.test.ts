import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import type { Simulator } from "@openbeian/regulator-sim";
import type { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { gateOf } from "./support/filed-order.ts";
import { engines, type TestPlatform } from "./support/platform.ts";
import { startSimulatedPlatform } from "./support/simulated-platform.ts";

/**
 * 新增接入 (issue 9) against the simulator over real HTTP: a website filed through
 * another provider is looked up in MIIT's records, the order starts from what
 * they publish, the gate serves the site as soon as the provider's review passes,
 * only the website head verifies by SMS, and the bureau's approval keeps the
 * number the website already had. A domain MIIT does not hold is refused.
 */
for (const engine of engines()) {
  describe(`add access (${engine})`, () => {
    let platform: TestPlatform;
    let simulator: Simulator;
    let close: () => Promise<void>;
    let reviewer: ApiClient;
    let applicant: ReadyApplicant;
    let simNow = Date.parse("2026-03-02T02:00:00Z");
    let elsewhere: { subjectNumber: string; websiteNumber: string };

    const gateOfDomain = (domain: string) => gateOf(platform, domain);
    const stateOf = async (id: string) =>
      (await applicant.client.get(`/api/orders/${id}`)).body.state as string;

    before(async () => {
      ({ platform, simulator, close } = await startSimulatedPlatform(engine, {
        now: () => new Date(simNow),
        platform: { sessionTtlMs: 400 * DAY_MS },
      }));
      reviewer = await staffClient(platform);
      applicant = await readyApplicant(platform);
      // The same person filed this website through another provider last year.
      const filed = simulator.engine.fileElsewhere({
        domain: applicant.domain,
        websiteName: "张三的编程笔记",
        subjectName: "张三",
        certificateNumber: applicant.certificateNumber,
        divisionCode: "330106",
        provider: "某云计算有限公司",
        at: new Date(simNow - 300 * DAY_MS),
      });
      elsewhere = filed;
    });
    after(() => close());

    test("a domain MIIT does not hold cannot be added as access", async () => {
      const refused = await applicant.client.post("/api/orders", {
        type: "add_access",
        data: { websites: [{ domain: "never-filed-anywhere.cn" }] },
      });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.code, "DOMAIN_NOT_FILED");
    });

    test("the website filed elsewhere is served once initial review passes and keeps its number", async () => {
      const data = personalOrder(applicant);
      const created = await applicant.client.post("/api/orders", { type: "add_access", data });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { id, number, version } = created.body as { id: string; number: string; version: number };
      assert.equal(created.body.type, "add_access");
      assert.deepEqual(
        (created.body.problems as Array<{ ruleId: string }>).filter((problem) =>
          problem.ruleId.startsWith("order_type"),
        ),
        [],
        "the records agree: this is an add-access order",
      );
      await uploadStandardMaterials(applicant.client, id);
      const submitted = await applicant.client.post(`/api/orders/${id}/submit`, {
        version: (await applicant.client.get(`/api/orders/${id}`)).body.version ?? version,
        acknowledgeWarnings: true,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const domain = applicant.domain.toLowerCase();
      assert.deepEqual(
        await gateOfDomain(domain),
        { status: "blocked", reason: "in_progress" },
        "blocked while reviewed",
      );
      const approved = await reviewer.post(`/api/review/orders/${id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.deepEqual(
        await gateOfDomain(domain),
        { status: "filed", reason: null },
        "served once initial review passes",
      );

      await platform.worker.runDue(); // delivers the submission to the simulator
      const submission = simulator.store.submissions().find((item) => item.orderNumber === number);
      assert.equal(submission?.orderType, "add_access");
      simNow += 10 * 60 * 1000;
      await simulator.step();
      assert.equal(await stateOf(id), "sms_pending");
      const texts = simulator.engine.session(number)!.messages();
      assert.equal(texts.length, 1, "one person verifies");
      assert.equal(texts[0]!.mobile, applicant.mobile, "the website head");
      const verified = simulator.engine.verify(
        {
          mobile: applicant.mobile,
          code: texts[0]!.code,
          certificateLast6: applicant.certificateNumber.slice(-6),
        },
        new Date(simNow),
      );
      assert.equal(verified.outcome, "all_verified");
      await simulator.step();
      for (let day = 0; day < 30 && (await stateOf(id)) !== "approved"; day++) {
        simNow += DAY_MS;
        await simulator.step();
      }
      assert.equal(await stateOf(id), "approved");
      const websites = (await applicant.client.get("/api/websites")).body.items as Array<{
        domain: string;
        websiteNumber: string;
        subjectNumber: string;
      }>;
      assert.equal(websites[0]?.websiteNumber, elsewhere.websiteNumber, "the number does not change");
      assert.equal(websites[0]?.subjectNumber, elsewhere.subjectNumber);
      assert.deepEqual(await gateOfDomain(domain), { status: "filed", reason: null });
      const record = simulator.engine.record(domain);
      assert.deepEqual(
        record?.providers.sort(),
        ["openbeian", "某云计算有限公司"].sort(),
        "two providers now",
      );

      const again = await applicant.client.post("/api/orders", {
        type: "add_access",
        data: { websites: [{ domain }] },
      });
      assert.equal(again.status, 422);
      assert.equal(again.body.code, "DOMAIN_FILED_HERE");
    });
  });
}
