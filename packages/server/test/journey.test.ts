import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { precheck, precheckContextFromJson } from "@openbeian/core";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadStandardMaterials } from "./support/materials.ts";

/**
 * The first filing of a personal website, end to end through the API: the
 * reviewer returns one field, the applicant fixes it and resubmits, the reviewer
 * approves, the regulator's events arrive and the ICP number is issued.
 */
for (const engine of engines()) {
  describe(`first-filing journey (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    let orderId: string;
    let orderNumber: string;
    let version: number;

    before(async () => {
      platform = await startTestPlatform(engine);
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
    });
    after(() => platform.close());

    const regulator = (messageId: string, event: unknown, token = platform.regulatorToken) =>
      new ApiClient(platform.app).request(
        "POST",
        "/api/internal/regulator/events",
        { messageId, orderNumber, event },
        { authorization: `Bearer ${token}` },
      );

    test("the applicant creates a draft that binds the service code", async () => {
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.state, "draft");
      assert.deepEqual(created.body.stateLabel, { zh: "待完善", en: "Draft" });
      // Only the uploads are missing: the certificate photos and the face check.
      assert.deepEqual(
        created.body.problems.map((problem: { ruleId: string }) => problem.ruleId),
        ["material.missing.id_front", "material.missing.id_back", "material.missing.face_capture"],
      );
      assert.ok(created.body.allowedActions.includes("submit"));
      ({ id: orderId, number: orderNumber, version } = created.body);
      // The browser runs the same engine on the same context and finds the same problems.
      const context = await applicant.client.get(`/api/orders/${orderId}/precheck-context`);
      assert.equal(context.status, 200);
      const inBrowser = precheck(created.body.data, precheckContextFromJson(context.body));
      assert.deepEqual(inBrowser, created.body.problems);
      assert.match(orderNumber, /^OB\d{14}$/);
      const codes = await applicant.client.get("/api/service-codes");
      assert.equal(
        codes.body.items.find((code: { code: string }) => code.code === applicant.serviceCodes[0]).state,
        "bound",
      );
    });

    test("a second order is refused while one is in progress, naming it", async () => {
      const second = await applicant.client.post("/api/orders", {});
      assert.equal(second.status, 409);
      assert.equal(second.body.code, "ACTIVE_ORDER_EXISTS");
      assert.equal(second.body.details.number, orderNumber);
    });

    test("the applicant submits; the code moves to in_filing and a revision is stored", async () => {
      await uploadStandardMaterials(applicant.client, orderId);
      const submitted = await applicant.client.post(`/api/orders/${orderId}/submit`, { version });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.equal(submitted.body.state, "provider_review");
      assert.equal(submitted.body.revision, 1);
      // The progress shows when each step is due, with Zhejiang's 30 working days for the bureau.
      assert.equal(submitted.body.eta.ok, true);
      assert.deepEqual(
        submitted.body.eta.eta.steps.map((step: { step: string }) => step.step),
        ["initial_review", "bureau_submission", "sms_verification", "bureau_review"],
      );
      assert.match(submitted.body.eta.eta.steps[3].label.zh, /30个工作日/);
      assert.deepEqual(submitted.body.allowedActions, ["withdraw"]);
      version = submitted.body.version;
      const codes = await applicant.client.get("/api/service-codes");
      assert.equal(
        codes.body.items.find((code: { code: string }) => code.code === applicant.serviceCodes[0]).state,
        "in_filing",
      );
    });

    test("the reviewer sees it in the queue and returns one field", async () => {
      // The reviewer sees the pre-check result of what was submitted.
      const reviewView = await reviewer.get(`/api/review/orders/${orderId}`);
      assert.ok(Array.isArray(reviewView.body.problems));
      assert.equal(
        reviewView.body.problems.filter((problem: { severity: string }) => problem.severity === "error")
          .length,
        0,
      );
      const queue = await reviewer.get("/api/review/orders");
      assert.ok(queue.body.items.some((item: { id: string }) => item.id === orderId));
      const returned = await reviewer.post(`/api/review/orders/${orderId}/return`, {
        version,
        fields: [
          { field: "websites.0.name", reason: "网站名称不能使用“技术博客”等泛化词语，请使用具体名称" },
        ],
      });
      assert.equal(returned.status, 200, JSON.stringify(returned.body));
      assert.equal(returned.body.state, "returned");
      version = returned.body.version;
    });

    test("the applicant may change only the returned field", async () => {
      const view = await applicant.client.get(`/api/orders/${orderId}`);
      assert.equal(view.body.returnedFields[0].field, "websites.0.name");
      const data = structuredClone(view.body.data);
      data.subject.address = "浙江省杭州市西湖区文三路200号";
      const locked = await applicant.client.put(`/api/orders/${orderId}/data`, { version, data });
      assert.equal(locked.status, 422);
      assert.equal(locked.body.code, "FIELD_LOCKED");
      assert.deepEqual(locked.body.details.fields, ["subject.address"]);

      const fixed = structuredClone(view.body.data);
      fixed.websites[0].name = "张三的读书笔记";
      const saved = await applicant.client.put(`/api/orders/${orderId}/data`, { version, data: fixed });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      version = saved.body.version;
      const resubmitted = await applicant.client.post(`/api/orders/${orderId}/submit`, { version });
      assert.equal(resubmitted.body.state, "resubmitted", JSON.stringify(resubmitted.body));
      assert.equal(resubmitted.body.revision, 2);
      assert.deepEqual(resubmitted.body.returnedFields, []);
      version = resubmitted.body.version;
    });

    test("the reviewer sees the diff to the previous revision and approves", async () => {
      const revisions = await reviewer.get(`/api/review/orders/${orderId}/revisions`);
      assert.deepEqual(revisions.body.items[1].changedSincePrevious, ["websites.0.name"]);
      const approved = await reviewer.post(`/api/review/orders/${orderId}/approve`, { version });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.state, "queued_for_bureau");
    });

    test("regulator events need the token and are applied once per message id", async () => {
      const refused = await regulator("m-1", { type: "sms_sent" }, "wrong-token-wrong-token-00");
      assert.equal(refused.status, 401);
      assert.equal((await regulator("m-1", { type: "sms_sent" })).body.order.state, "sms_pending");
      const again = await regulator("m-1", { type: "sms_sent" });
      assert.equal(again.status, 200);
      assert.equal(again.body.duplicate, true);
      assert.equal((await regulator("m-2", { type: "sms_verified" })).body.order.state, "bureau_review");
      const withdraw = await applicant.client.post(`/api/orders/${orderId}/withdraw`, {
        version: (await applicant.client.get(`/api/orders/${orderId}`)).body.version,
      });
      assert.equal(withdraw.status, 409);
      assert.equal(withdraw.body.code, "TRANSITION_NOT_ALLOWED");
    });

    test("the bureau approves: the ICP number is stored and visible to the applicant", async () => {
      const numbers = {
        subjectNumber: "浙ICP备2026001234号",
        websiteNumbers: { [applicant.domain]: "浙ICP备2026001234号-1" },
      };
      const approved = await regulator("m-3", { type: "bureau_approved", numbers });
      assert.equal(approved.body.order.state, "approved");
      const view = await applicant.client.get(`/api/orders/${orderId}`);
      assert.equal(view.body.state, "approved");
      assert.deepEqual(view.body.stateLabel, { zh: "已备案", en: "Filed" });
      assert.deepEqual(view.body.allowedActions, []);
      assert.equal(view.body.eta, null);
      assert.equal(view.body.records.subjectNumber, "浙ICP备2026001234号");
      assert.deepEqual(view.body.records.websites[0], {
        domain: applicant.domain,
        name: "张三的读书笔记",
        websiteNumber: "浙ICP备2026001234号-1",
        footerNumber: "浙ICP备2026001234号-1",
        footerSnippet:
          '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">浙ICP备2026001234号-1</a>',
      });
      // The public-security filing is due 30 days after the filing (fact base §5.5), on China days.
      const filedDay = new Date(new Date(view.body.records.filedAt).getTime() + 8 * 3600_000);
      filedDay.setUTCDate(filedDay.getUTCDate() + 30);
      assert.equal(view.body.records.psbDueOn, filedDay.toISOString().slice(0, 10));
      assert.equal(view.body.records.psbState, "due");
      assert.equal(view.body.records.psbDaysLeft, 30);
      const codes = await applicant.client.get("/api/service-codes");
      assert.equal(
        codes.body.items.find((code: { code: string }) => code.code === applicant.serviceCodes[0]).state,
        "used",
      );
      const actions = view.body.timeline.map((entry: { action: string }) => entry.action);
      assert.deepEqual(actions, [
        "create",
        "submit",
        "return",
        "edit",
        "submit",
        "approve",
        "sms_sent",
        "sms_verified",
        "bureau_approved",
      ]);
    });

    test("every transition left an audit record and a notification, delivered by the worker", async () => {
      const delivered = await platform.worker.runDue();
      // Each notification job fans out to one e-mail job for the account's one user (issue 10).
      assert.equal(
        delivered,
        7 * 2,
        "one notification and one e-mail per applicant-visible transition; timers are not due yet",
      );
      const inbox = await applicant.client.get("/api/notifications");
      const templates = inbox.body.items.map((item: { template: string }) => item.template).sort();
      assert.deepEqual(templates, [
        "order.approve",
        "order.bureau_approved",
        "order.return",
        "order.sms_sent",
        "order.sms_verified",
        "order.submit",
        "order.submit",
      ]);
      const approvedMail = inbox.body.items.find(
        (item: { template: string }) => item.template === "order.bureau_approved",
      );
      assert.match(approvedMail.body.zh, /浙ICP备2026001234号-1/);
      const audits = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["action", "version"])
        .where("entity_id", "=", orderId)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        audits.map((audit) => audit.version),
        audits.map((_, index) => index + 1),
      );
      const mailbox = await reviewer.get("/api/dev/mailbox");
      assert.ok(
        mailbox.body.items.some((mail: { subject: string }) => mail.subject.includes("浙ICP备2026001234号")),
      );
    });

    test("personal data is encrypted at rest", async () => {
      const row = await platform.ctx.db
        .selectFrom("filing_order")
        .select("data_enc")
        .where("id", "=", orderId)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(row.data_enc, /330106/);
      assert.ok(!row.data_enc.includes(applicant.mobile));
      assert.ok(!row.data_enc.includes(applicant.certificateNumber));
      const subject = await platform.ctx.db.selectFrom("subject").selectAll().executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(subject).includes(applicant.mobile));
      assert.ok(!JSON.stringify(subject).includes(applicant.certificateNumber));
      const domains = await applicant.client.get("/api/domains");
      assert.match(domains.body.items[0].holderCertificateNumber, /^330\*+\d{3}[\dX]$/);
    });

    test("once filed, the account may start its next order", async () => {
      const next = await applicant.client.post("/api/orders", {});
      assert.equal(next.status, 201);
    });
  });
}
