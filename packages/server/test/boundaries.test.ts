import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadStandardMaterials } from "./support/materials.ts";

/**
 * Bad input gets a 4xx with a stable code and a zh/en message and changes
 * nothing; other accounts' data is "not found"; staff and applicant routes
 * refuse each other; changes need the CSRF token.
 */
for (const engine of engines()) {
  describe(`API boundaries (${engine})`, () => {
    let platform: TestPlatform;
    let owner: ReadyApplicant;
    let orderId: string;
    let version: number;

    before(async () => {
      platform = await startTestPlatform(engine);
      owner = await readyApplicant(platform);
      const created = await owner.client.post("/api/orders", { data: personalOrder(owner) });
      ({ id: orderId, version } = created.body);
      await uploadStandardMaterials(owner.client, orderId);
    });
    after(() => platform.close());

    const snapshot = async () => {
      const row = await platform.ctx.db
        .selectFrom("filing_order")
        .selectAll()
        .where("id", "=", orderId)
        .executeTakeFirstOrThrow();
      const audits = await platform.ctx.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", orderId)
        .execute();
      return {
        version: row.version,
        state: row.state,
        data: platform.ctx.cipher.decrypt(row.data_enc),
        audits: audits.length,
      };
    };

    const assertError = (response: { status: number; body: any }, status: number, code: string) => {
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.equal(response.body.code, code);
      assert.equal(typeof response.body.message?.zh, "string", JSON.stringify(response.body));
      assert.equal(typeof response.body.message?.en, "string");
    };

    test("an unknown field is refused, naming the field, and nothing changes", async () => {
      const before = await snapshot();
      const data = personalOrder(owner) as any;
      data.websites[0].favouriteColour = "red";
      const response = await owner.client.put(`/api/orders/${orderId}/data`, { version, data });
      assertError(response, 400, "VALIDATION_FAILED");
      assert.ok(
        response.body.details.some(
          (detail: { field: string }) => detail.field === "data.websites.0.favouriteColour",
        ),
      );
      assert.deepEqual(await snapshot(), before);
    });

    test("wrong types, oversized strings and malformed JSON are refused and change nothing", async () => {
      const before = await snapshot();
      const badBodies = [
        { version: "1", data: {} },
        { version, data: { subject: { name: "x".repeat(1000) } } },
        { version, data: { websites: "not-a-list" } },
        { version, data: { subject: { divisionCode: "ABC" } } },
        { version },
        [],
        null,
      ];
      for (const body of badBodies)
        assertError(await owner.client.put(`/api/orders/${orderId}/data`, body), 400, "VALIDATION_FAILED");
      const raw = await platform.app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      assert.equal(raw.statusCode, 400);
      assert.equal(JSON.parse(raw.body).code, "VALIDATION_FAILED");
      assert.deepEqual(await snapshot(), before);
    });

    test("a stale version is a conflict and changes nothing", async () => {
      const before = await snapshot();
      assertError(
        await owner.client.put(`/api/orders/${orderId}/data`, {
          version: version + 5,
          data: personalOrder(owner),
        }),
        409,
        "VERSION_CONFLICT",
      );
      assert.deepEqual(await snapshot(), before);
    });

    test("submitting with problems lists them all and changes nothing", async () => {
      const data = personalOrder(owner);
      data.subject!.head!.mobile = "12345";
      data.websites![0]!.remark = "太短";
      const saved = await owner.client.put(`/api/orders/${orderId}/data`, { version, data });
      version = saved.body.version;
      // The factory gives both heads the same person, so both mobiles are wrong.
      assert.deepEqual(saved.body.problems.map((problem: { field: string }) => problem.field).sort(), [
        "subject.head.mobile",
        "websites.0.head.mobile",
        "websites.0.remark",
      ]);
      const before = await snapshot();
      const refused = await owner.client.post(`/api/orders/${orderId}/submit`, { version });
      assertError(refused, 422, "SUBMIT_BLOCKED");
      assert.equal(refused.body.details.problems.length, 3);
      assert.deepEqual(await snapshot(), before);
    });

    test("another account's order and resources are not found", async () => {
      const stranger = await readyApplicant(platform, "李四");
      assertError(await stranger.client.get(`/api/orders/${orderId}`), 404, "NOT_FOUND");
      assertError(
        await stranger.client.put(`/api/orders/${orderId}/data`, { version, data: {} }),
        404,
        "NOT_FOUND",
      );
      assertError(
        await stranger.client.post(`/api/orders/${orderId}/abandon`, { version }),
        404,
        "NOT_FOUND",
      );
      const domains = (await owner.client.get("/api/domains")).body.items;
      assertError(await stranger.client.get(`/api/domains/${domains[0].id}`), 404, "NOT_FOUND");
      const list = await stranger.client.get("/api/orders");
      assert.deepEqual(list.body.items, []);
      // A code of another account cannot be bound: the submit check says why.
      const data = personalOrder(stranger);
      data.websites![0]!.serviceCode = owner.serviceCodes[1];
      const created = await stranger.client.post("/api/orders", { data });
      assert.ok(
        created.body.problems.some(
          (problem: { ruleId: string }) => problem.ruleId === "service_code.not_found",
        ),
      );
    });

    test("applicants cannot use staff routes and staff cannot act as applicants", async () => {
      assertError(await owner.client.get("/api/review/orders"), 403, "FORBIDDEN");
      assertError(
        await owner.client.post(`/api/review/orders/${orderId}/approve`, { version }),
        403,
        "FORBIDDEN",
      );
      const reviewer = await staffClient(platform);
      assertError(await reviewer.get("/api/orders"), 403, "FORBIDDEN");
      assertError(await reviewer.post("/api/orders", {}), 403, "FORBIDDEN");
      assertError(
        await reviewer.post(`/api/review/orders/${orderId}/approve`, { version }),
        409,
        "TRANSITION_NOT_ALLOWED",
      );
    });

    test("signed-out requests get 401 and changes without the CSRF token get 403", async () => {
      const anonymous = new ApiClient(platform.app);
      assertError(await anonymous.get("/api/orders"), 401, "UNAUTHENTICATED");
      assertError(await anonymous.get("/api/session"), 401, "UNAUTHENTICATED");
      const withoutToken = await owner.client.request(
        "PUT",
        `/api/orders/${orderId}/data`,
        { version, data: {} },
        { "x-csrf-token": "forged" },
      );
      assertError(withoutToken, 403, "CSRF_FAILED");
    });

    test("wrong passwords are refused alike for known and unknown e-mails, then rate limited", async () => {
      const anonymous = new ApiClient(platform.app);
      const unknown = await anonymous.post("/api/auth/login", {
        email: "nobody@example.cn",
        password: "whatever-123",
      });
      assertError(unknown, 401, "INVALID_CREDENTIALS");
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await anonymous.post("/api/auth/login", { email: "nobody@example.cn", password: "whatever-123" }))
            .status,
        );
      assert.ok(statuses.includes(429), `statuses ${statuses.join(",")}`);
      const limited = await anonymous.post("/api/auth/login", {
        email: "nobody@example.cn",
        password: "whatever-123",
      });
      assertError(limited, 429, "RATE_LIMITED");
    });

    test("responses carry security headers", async () => {
      const response = await platform.app.inject({ method: "GET", url: "/api/session" });
      assert.match(
        String(response.headers["content-security-policy"]),
        /default-src 'self'.*script-src 'self'/,
      );
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["referrer-policy"], "no-referrer");
    });

    test("health, metrics and the OpenAPI document are served", async () => {
      const health = await platform.app.inject({ method: "GET", url: "/healthz" });
      assert.deepEqual(JSON.parse(health.body), { status: "ok", database: engine });
      const metrics = await platform.app.inject({ method: "GET", url: "/metrics" });
      assert.match(metrics.body, /openbeian_http_requests_total/);
      assert.match(metrics.body, /openbeian_order_transitions_total/);
      const openapi = JSON.parse(
        (await platform.app.inject({ method: "GET", url: "/api/openapi.json" })).body,
      );
      assert.ok(openapi.paths["/api/orders/{id}/submit"]);
      assert.ok(openapi.paths["/api/internal/regulator/events"]);
      const docs = await platform.app.inject({ method: "GET", url: "/api/docs" });
      assert.ok([200, 302].includes(docs.statusCode));
    });
  });
}
