import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS, type OrderData } from "@openbeian/core";
import type { Simulator } from "@openbeian/regulator-sim";
import { PROVIDER_AT_REGULATOR } from "../src/regulator-bridge/port.ts";
import type { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder, gateOf } from "./support/filed-order.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, type TestPlatform } from "./support/platform.ts";
import { startSimulatedPlatform } from "./support/simulated-platform.ts";

/**
 * 认领备案 (issue 9) against the simulator over real HTTP: a website MIIT lists with
 * this provider as its access provider, filed in the provider's older system and
 * held by no account here, is claimed into an account. The order starts from MIIT's
 * record, the reviewer checks it, and the provider's approval finishes it with the
 * numbers MIIT issued (nothing goes to MIIT). Domains filed elsewhere, not filed,
 * or held by an account here are refused with their own errors.
 */
for (const engine of engines()) {
  describe(`claim a filing (${engine})`, () => {
    let platform: TestPlatform;
    let simulator: Simulator;
    let close: () => Promise<void>;
    let reviewer: ApiClient;
    let applicant: ReadyApplicant;
    let legacy: { subjectNumber: string; websiteNumber: string };
    const simNow = Date.parse("2026-03-02T02:00:00Z");

    const fileAt = (applicantOf: ReadyApplicant, provider: string) =>
      simulator.engine.fileElsewhere({
        domain: applicantOf.domain,
        websiteName: "张三的编程笔记",
        subjectName: "张三",
        certificateNumber: applicantOf.certificateNumber,
        divisionCode: "330106",
        provider,
        at: new Date(simNow - 3 * 365 * DAY_MS),
      });
    /** The claim's data: the filing as originally made, no service code (its access is the old one). */
    const claimData = (applicantOf: ReadyApplicant, name = "张三"): OrderData => {
      const data = personalOrder(applicantOf, name);
      return {
        ...data,
        websites: (data.websites ?? []).map(({ serviceCode: _code, ...website }) => website),
      };
    };

    before(async () => {
      ({ platform, simulator, close } = await startSimulatedPlatform(engine, {
        now: () => new Date(simNow),
      }));
      reviewer = await staffClient(platform);
      applicant = await readyApplicant(platform);
      // Filed through this provider years ago, before the platform existed.
      legacy = fileAt(applicant, PROVIDER_AT_REGULATOR);
    });
    after(() => close());

    test("domains MIIT does not hold, or holds with another provider, cannot be claimed", async () => {
      const unknown = await applicant.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain: "never-filed-anywhere.cn" }] },
      });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, "DOMAIN_NOT_FILED");
      const other = await readyApplicant(platform, "李四");
      fileAt(other, "某云计算有限公司");
      const elsewhere = await other.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain: other.domain }] },
      });
      assert.equal(elsewhere.status, 422);
      assert.equal(elsewhere.body.code, "CLAIM_NOT_HOSTED_HERE");
    });

    test("the claim starts from MIIT's record, is reviewed, and brings the filing in with MIIT's numbers", async () => {
      const domain = applicant.domain.toLowerCase();
      assert.equal((await gateOf(platform, domain)) ?? null, null, "unknown to the gate: blocked as unfiled");
      const created = await applicant.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain: applicant.domain }] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.type, "claim");
      assert.equal(created.body.data.subject.name, "张三", "from MIIT's record");
      assert.equal(created.body.data.websites[0].name, "张三的编程笔记");
      const id = created.body.id as string;
      const edited = await applicant.client.put(`/api/orders/${id}/data`, {
        version: created.body.version,
        data: claimData(applicant),
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const problems = edited.body.problems as Array<{ ruleId: string; field: string }>;
      assert.deepEqual(
        problems.filter(
          (problem) => problem.ruleId.startsWith("order_type") || problem.field.endsWith("serviceCode"),
        ),
        [],
        "the records agree it is a claim, and it needs no service code",
      );
      await uploadStandardMaterials(applicant.client, id);
      const submitted = await applicant.client.post(`/api/orders/${id}/submit`, {
        version: (await applicant.client.get(`/api/orders/${id}`)).body.version,
        acknowledgeWarnings: true,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.equal(submitted.body.state, "provider_review");
      const eta = submitted.body.eta?.eta?.steps as Array<{ step: string }> | undefined;
      assert.deepEqual(
        eta?.map((step) => step.step),
        ["initial_review"],
        "a claim ends with the provider's review",
      );

      const approved = await reviewer.post(`/api/review/orders/${id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const view = (await applicant.client.get(`/api/orders/${id}`)).body;
      assert.equal(view.state, "approved");
      await platform.worker.runDue();
      assert.equal(
        simulator.store.submissions().some((item) => item.orderNumber === view.number),
        false,
        "nothing is sent to MIIT",
      );
      const filing = (await applicant.client.get("/api/filing")).body;
      assert.equal(filing.subjectNumber, legacy.subjectNumber);
      assert.deepEqual(filing.websiteNumbers, { [domain]: legacy.websiteNumber });
      assert.deepEqual(await gateOf(platform, domain), { status: "filed", reason: null });

      const again = await applicant.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain }] },
      });
      assert.equal(again.status, 422);
      assert.equal(again.body.code, "DOMAIN_FILED_HERE");
      const someoneElse = await readyApplicant(platform, "王五");
      const theirs = await someoneElse.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain }] },
      });
      assert.equal(theirs.status, 409);
      assert.equal(theirs.body.code, "FILING_HELD_BY_OTHER_ACCOUNT", "the holder must transfer it");
    });

    test("a claim that does not match MIIT's record cannot be approved, and nothing is written", async () => {
      const claimant = await readyApplicant(platform, "赵六");
      fileAt(claimant, PROVIDER_AT_REGULATOR);
      const created = await claimant.client.post("/api/orders", {
        type: "claim",
        data: { websites: [{ domain: claimant.domain }] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // MIIT's record names 张三 as the subject; the claimant fills in 赵六 throughout.
      const renamed = claimData(claimant, "赵六");
      const edited = await claimant.client.put(`/api/orders/${created.body.id}/data`, {
        version: created.body.version,
        data: renamed,
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      await uploadStandardMaterials(claimant.client, created.body.id);
      const submitted = await claimant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: (await claimant.client.get(`/api/orders/${created.body.id}`)).body.version,
        acknowledgeWarnings: true,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const approve = await reviewer.post(`/api/review/orders/${created.body.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approve.status, 422);
      assert.equal(approve.body.code, "CLAIM_RECORD_MISMATCH");
      assert.equal(
        (await claimant.client.get(`/api/orders/${created.body.id}`)).body.state,
        "provider_review",
      );
      assert.equal((await claimant.client.get("/api/filing")).body.code, "NO_FILED_SUBJECT");
    });

    test("a subject filed here under another account is a transfer, not a claim", async () => {
      const holder = await readyApplicant(platform);
      await filedOrder(platform, holder, reviewer);
      const copy = await readyApplicant(platform);
      const first = await copy.client.post("/api/orders", {
        data: { ...personalOrder(copy), subject: personalOrder(holder).subject },
      });
      const problems = first.body.problems as Array<{ ruleId: string }>;
      assert.ok(
        problems.some((problem) => problem.ruleId === "order_type.claim_or_transfer"),
        problems.map((problem) => problem.ruleId).join(),
      );
    });
  });
}
