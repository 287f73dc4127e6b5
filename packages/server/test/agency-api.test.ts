import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { DAY_MS, HOUR_MS, makeResidentId } from "@openbeian/core";
import { createOpenBeianClient, multipart, type OpenBeianClient } from "../client/api-client.ts";
import type { paths } from "../generated/openapi.d.ts";
import { verifySignature } from "../src/webhooks/signature.ts";
import { ApiClient } from "./support/client.ts";
import { regulatorEvent } from "./support/filed-order.ts";
import { personalOrder, staffClient, uniqueEmail } from "./support/factories.ts";
import { photo } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

/**
 * Issue 10 as an agency lives it, over real HTTP: a token made once in the
 * portal, then only the client typed from the OpenAPI document: resources, an
 * order created and submitted with idempotency keys (retries give the same
 * order), the face photo through a hand-off link, signed webhooks for each
 * state change, retries with backoff against a failing endpoint, and the
 * console's redelivery.
 */
let people = 0;

interface Agency {
  session: ApiClient;
  token: string;
  api: OpenBeianClient;
  accountId: string;
}

async function agency(platform: TestPlatform, base: string, scopes: ("read" | "file")[] = ["read", "file"]) {
  const session = new ApiClient(platform.app);
  const signedUp = await session.signUp(uniqueEmail("agency"), "Passw0rd!2026", "张三");
  const created = await session.post("/api/tokens", { name: "ERP 对接", scopes });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return {
    session,
    token: created.body.token as string,
    api: createOpenBeianClient(base, created.body.token),
    accountId: signedUp.user.accountId as string,
  } satisfies Agency;
}

/** A customer the agency files for, with a real-name verified domain and a server, made with the token. */
async function customerResources(platform: TestPlatform, api: OpenBeianClient) {
  const index = ++people;
  const birth = new Date(Date.UTC(1960, 0, 1) + index * DAY_MS).toISOString().slice(0, 10);
  const certificateNumber = makeResidentId("330106", birth, String(900 + (index % 99)).padStart(3, "0"));
  const now = platform.clock.now().getTime();
  const domain = `agency-${Date.now().toString(36)}-${index}.cn`;
  const domainResponse = await api.POST("/api/domains", {
    body: {
      name: domain,
      holderName: "张三",
      holderCertificateNumber: certificateNumber,
      realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
      expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
    },
  });
  assert.equal(domainResponse.response.status, 201, JSON.stringify(domainResponse.error));
  const server = await api.POST("/api/servers", {
    body: {
      instanceId: `i-agency-${Date.now().toString(36)}-${index}`,
      region: "cn-hangzhou",
      product: "ecs.e-c1m2.large",
      billingType: "subscription",
      paidFrom: new Date(now - DAY_MS).toISOString(),
      paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
      autoRenew: false,
      publicIp: "47.96.10.20",
    },
  });
  assert.equal(server.response.status, 201, JSON.stringify(server.error));
  const codes = (server.data as { serviceCodes: { code: string }[] }).serviceCodes.map((code) => code.code);
  return {
    certificateNumber,
    mobile: `139${String(index).padStart(8, "0")}`,
    domain,
    serviceCodes: codes,
  };
}

/** The order data as the API's schema types it (core's OrderData is looser: strings where the schema lists values). */
type OrderBody = NonNullable<paths["/api/orders"]["post"]["requestBody"]>["content"]["application/json"];
const orderData = (customer: Parameters<typeof personalOrder>[0]) =>
  personalOrder(customer) as NonNullable<OrderBody["data"]>;

const jpeg = async () => new Blob([new Uint8Array(await photo())], { type: "image/jpeg" });
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

interface OrderView {
  id: string;
  number: string;
  state: string;
  version: number;
}

for (const engine of engines()) {
  describe(`agency API (${engine})`, () => {
    let platform: TestPlatform;
    let base: string;
    let receiver: WebhookReceiver;

    before(async () => {
      platform = await startTestPlatform(engine);
      await platform.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;
      receiver = await startWebhookReceiver();
    });
    after(async () => {
      await receiver.close();
      await platform.close();
    });

    test("an agency files an order end to end with the typed client and a token", async () => {
      const { api, accountId } = await agency(platform, base);
      const customer = await customerResources(platform, api);

      // Webhooks first: every order event to one endpoint, approvals also to one that fails.
      const hook = await api.POST("/api/webhooks", {
        body: { url: receiver.url("/ok"), events: ["order.*"], description: "ERP" },
      });
      assert.equal(hook.response.status, 201, JSON.stringify(hook.error));
      const secret = hook.data!.secret;
      assert.match(secret, /^whsec_/);
      receiver.answer("/fail", 500);
      const failing = await api.POST("/api/webhooks", {
        body: { url: receiver.url("/fail"), events: ["order.approve"] },
      });
      assert.equal(failing.response.status, 201);

      // Create with an idempotency key; the retry answers the same order and makes no second one.
      const data = orderData(customer);
      const create = () =>
        api.POST("/api/orders", { params: { header: { "idempotency-key": "create-0001" } }, body: { data } });
      const first = await create();
      assert.equal(first.response.status, 201, JSON.stringify(first.error));
      const order = first.data as OrderView;
      const retried = await create();
      assert.equal(retried.response.status, 201);
      assert.equal(retried.response.headers.get("idempotency-replayed"), "true");
      assert.equal((retried.data as OrderView).id, order.id);
      const list = await api.GET("/api/orders");
      assert.equal((list.data as { items: unknown[] }).items.length, 1);

      // The ID photos by the agency; the face photo by the person, through a hand-off link.
      for (const kind of ["id_front", "id_back"]) {
        const upload = await api.POST("/api/orders/{id}/materials", {
          params: { path: { id: order.id } },
          body: { kind, file: await jpeg() },
          bodySerializer: multipart,
        });
        assert.equal(upload.response.status, 201, JSON.stringify(upload.error));
      }
      const handoff = await api.POST("/api/orders/{id}/handoff-links", {
        params: { path: { id: order.id } },
      });
      assert.equal(handoff.response.status, 201, JSON.stringify(handoff.error));
      const links = handoff.data!.links;
      assert.deepEqual(links.map((link) => link.purpose).sort(), ["face_check", "sms_verification"]);
      const sms = links.find((link) => link.purpose === "sms_verification")!;
      // The same person heads the subject and the website: one text, one link.
      assert.deepEqual(sms.person?.roles, ["subject_head", "website_head"]);
      assert.equal(sms.person?.mobile, `139****${customer.mobile.slice(-4)}`);
      for (const link of links) {
        assert.match(link.url, new RegExp(`^${base}/handoff#obh_`));
        assert.match(link.qrSvg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      }
      const person = createOpenBeianClient(base); // the person's phone: no login, no token
      const faceToken = links.find((link) => link.purpose === "face_check")!.url.split("#")[1]!;
      const face = await person.POST("/api/handoff/face-capture", {
        params: { header: { "x-handoff-token": faceToken } },
        body: { kind: "face_capture", file: await jpeg() },
        bodySerializer: multipart,
      });
      assert.equal(face.response.status, 201, JSON.stringify(face.error));
      assert.equal(face.data!.faceCaptured, true);
      const smsPage = await person.GET("/api/handoff", {
        params: { header: { "x-handoff-token": sms.url.split("#")[1]! } },
      });
      assert.equal(smsPage.data!.purpose, "sms_verification");
      assert.equal(smsPage.data!.person?.name, "张*");
      assert.equal(smsPage.data!.orderNumber, order.number);

      // Submit with a key, twice: one submission.
      const submit = () =>
        api.POST("/api/orders/{id}/submit", {
          params: { path: { id: order.id }, header: { "idempotency-key": "submit-0001" } },
          body: { version: order.version },
        });
      const submitted = await submit();
      assert.equal(submitted.response.status, 200, JSON.stringify(submitted.error));
      assert.equal((submitted.data as OrderView).state, "provider_review");
      const again = await submit();
      assert.equal(again.response.status, 200);
      assert.deepEqual(again.data, submitted.data);

      await platform.worker.runDue();
      const submitHook = receiver
        .on("/ok")
        .find((item) => item.headers["x-openbeian-event"] === "order.submit");
      assert.ok(submitHook, "order.submit delivered");
      assertSigned(submitHook, secret);
      const event = JSON.parse(submitHook.body);
      assert.deepEqual(event.data, {
        orderId: order.id,
        orderNumber: order.number,
        kind: "first_filing",
        from: "draft",
        to: "provider_review",
        state: "provider_review",
      });
      assert.match(event.id, /^evt_/);
      for (const personal of [customer.certificateNumber, customer.mobile, "张三"])
        assert.ok(!submitHook.body.includes(personal), "no personal data in webhooks");
      assert.equal(receiver.on("/fail").length, 0, "the failing endpoint wants approvals only");

      // A reviewer approves with a review-scoped token of their own.
      const reviewer = await staffClient(platform, "reviewer");
      const reviewToken = await reviewer.post("/api/tokens", {
        name: "审核脚本",
        scopes: ["read", "review"],
      });
      assert.equal(reviewToken.status, 201, JSON.stringify(reviewToken.body));
      const console = createOpenBeianClient(base, reviewToken.body.token);
      const inReview = await console.GET("/api/review/orders/{id}", { params: { path: { id: order.id } } });
      const approved = await console.POST("/api/review/orders/{id}/approve", {
        params: { path: { id: order.id } },
        body: { version: (inReview.data as OrderView).version },
      });
      assert.equal(approved.response.status, 200, JSON.stringify(approved.error));

      await platform.worker.runDue();
      const approveHook = receiver
        .on("/ok")
        .find((item) => item.headers["x-openbeian-event"] === "order.approve");
      assert.ok(approveHook, "order.approve delivered");
      assertSigned(approveHook, secret);
      assert.equal(JSON.parse(approveHook.body).data.to, "queued_for_bureau");

      // MIIT texts the person, who verifies on MIIT's page: the SMS link has done its job.
      const links0 = await api.GET("/api/orders/{id}/handoff-links", { params: { path: { id: order.id } } });
      assert.deepEqual(links0.data!.links.map((link) => [link.purpose, link.status]).sort(), [
        ["face_check", "used"],
        ["sms_verification", "active"],
      ]);
      for (const event of [{ type: "sms_sent" }, { type: "sms_verified" }]) {
        const sent = await regulatorEvent(platform, order.number, event);
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
      }
      const links1 = await api.GET("/api/orders/{id}/handoff-links", { params: { path: { id: order.id } } });
      assert.deepEqual(links1.data!.links.map((link) => [link.purpose, link.status]).sort(), [
        ["face_check", "used"],
        ["sms_verification", "used"],
      ]);
      const smsUse = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["actor_kind", "detail"])
        .where("entity", "=", "handoff_link")
        .where("entity_id", "=", sms.id)
        .where("action", "=", "use")
        .execute();
      assert.equal(smsUse.length, 1);
      assert.equal(smsUse[0]!.actor_kind, "regulator");

      // The failing endpoint: 1 min, 5 min, 30 min, 2 h, 12 h, then failed.
      assert.equal(receiver.on("/fail").length, 1);
      platform.clock.advance(59_000);
      await platform.worker.runDue();
      assert.equal(receiver.on("/fail").length, 1, "not before the minute is up");
      for (const [delay, count] of [
        [1_000, 2],
        [5 * 60_000, 3],
        [30 * 60_000, 4],
        [2 * HOUR_MS, 5],
        [12 * HOUR_MS, 6],
      ] as const) {
        platform.clock.advance(delay);
        await platform.worker.runDue();
        assert.equal(receiver.on("/fail").length, count, `attempt ${count}`);
      }
      platform.clock.advance(DAY_MS);
      await platform.worker.runDue();
      assert.equal(receiver.on("/fail").length, 6, "no attempt after the last");
      const attempts = receiver.on("/fail");
      assert.equal(new Set(attempts.map((item) => item.headers["x-openbeian-delivery"])).size, 1);
      assert.equal(new Set(attempts.map((item) => JSON.parse(item.body).id)).size, 1, "one event id");
      const log = await api.GET("/api/webhooks/{id}/deliveries", {
        params: { path: { id: failing.data!.id }, query: { status: "failed" } },
      });
      assert.equal(log.data!.items.length, 1);
      const dead = log.data!.items[0]!;
      assert.equal(dead.attempts, 6);
      assert.equal(dead.lastStatusCode, 500);

      // The console finds it among every account's deliveries and sends it again.
      receiver.answer("/fail", 204);
      const staffView = await console.GET("/api/review/webhook-deliveries", {
        params: { query: { accountId, status: "failed" } },
      });
      assert.deepEqual(
        staffView.data!.items.map((item) => item.id),
        [dead.id],
      );
      const redelivered = await console.POST("/api/review/webhook-deliveries/{id}/redeliver", {
        params: { path: { id: dead.id } },
      });
      assert.equal(redelivered.response.status, 202, JSON.stringify(redelivered.error));
      await platform.worker.runDue();
      assert.equal(receiver.on("/fail").length, 7);
      const after = await api.GET("/api/webhooks/{id}/deliveries", {
        params: { path: { id: failing.data!.id } },
      });
      const again2 = after.data!.items.find((item) => item.id === redelivered.data!.id)!;
      assert.equal(again2.status, "delivered");
      assert.equal(again2.redeliveryOf, dead.id);
      assert.equal(again2.eventId, dead.eventId);
    });

    test("token scopes: read cannot write, tokens cannot manage tokens, revoked and expired are refused, only the hash is stored", async () => {
      const reader = await agency(platform, base, ["read"]);
      const refused = await reader.api.POST("/api/orders", { body: {} });
      assert.equal(refused.response.status, 403);
      assert.equal(refused.error?.code, "TOKEN_SCOPE_MISSING");
      const read = await reader.api.GET("/api/orders");
      assert.equal(read.response.status, 200);
      const minting = await reader.api.GET("/api/tokens");
      assert.equal(minting.error?.code, "TOKEN_SESSION_REQUIRED");

      const filer = await agency(platform, base, ["file"]);
      const blind = await filer.api.GET("/api/orders");
      assert.equal(blind.error?.code, "TOKEN_SCOPE_MISSING");
      // No CSRF header is needed with a token; the typed client never sends one.
      const made = await filer.api.POST("/api/orders", { body: {} });
      assert.equal(made.response.status, 201, JSON.stringify(made.error));

      const review = await reader.session.post("/api/tokens", { name: "x", scopes: ["review"] });
      assert.equal(review.body.code, "TOKEN_SCOPE_INVALID");

      const raw = await platform.ctx.db
        .selectFrom("api_token")
        .selectAll()
        .where("account_id", "=", reader.accountId)
        .execute();
      assert.equal(raw.length, 1);
      assert.equal(raw[0]!.token_hash, sha256(reader.token));
      assert.ok(!JSON.stringify(raw).includes(reader.token.slice(12)), "the secret is not stored");
      assert.ok(reader.token.startsWith(raw[0]!.prefix));

      const listed = await reader.session.get("/api/tokens");
      assert.equal(listed.body.items[0].prefix, raw[0]!.prefix);
      assert.equal(listed.body.items[0].token, undefined);
      assert.equal((await reader.session.delete(`/api/tokens/${raw[0]!.id}`)).status, 204);
      const revoked = await reader.api.GET("/api/orders");
      assert.equal(revoked.response.status, 401);
      assert.equal(revoked.error?.code, "TOKEN_INVALID");

      const expiring = await reader.session.post("/api/tokens", {
        name: "一天",
        scopes: ["read"],
        expiresInDays: 1,
      });
      const shortLived = createOpenBeianClient(base, expiring.body.token);
      assert.equal((await shortLived.GET("/api/orders")).response.status, 200);
      platform.clock.advance(DAY_MS);
      assert.equal((await shortLived.GET("/api/orders")).error?.code, "TOKEN_INVALID");
      const bogus = createOpenBeianClient(base, "obt_not-a-real-token");
      assert.equal((await bogus.GET("/api/orders")).response.status, 401);

      const staff = await staffClient(platform, "reviewer");
      const readOnly = await staff.post("/api/tokens", { name: "只读", scopes: ["read"] });
      const readOnlyApi = createOpenBeianClient(base, readOnly.body.token);
      const decide = await readOnlyApi.POST("/api/review/orders/{id}/approve", {
        params: { path: { id: "00000000000000000000" } },
        body: { version: 1 },
      });
      assert.equal(decide.error?.code, "TOKEN_SCOPE_MISSING");
      const fileScope = await staff.post("/api/tokens", { name: "x", scopes: ["file"] });
      assert.equal(fileScope.body.code, "TOKEN_SCOPE_INVALID");
    });

    test("idempotency: another body with a used key is refused; ten concurrent creations make one order", async () => {
      const { api } = await agency(platform, base);
      const customer = await customerResources(platform, api);
      const data = orderData(customer);
      const created = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.POST("/api/orders", { params: { header: { "idempotency-key": "burst" } }, body: { data } }),
        ),
      );
      assert.deepEqual(
        created.map((answer) => answer.response.status),
        Array(10).fill(201),
        JSON.stringify(created.map((answer) => answer.error)),
      );
      assert.equal(new Set(created.map((answer) => (answer.data as OrderView).id)).size, 1);
      assert.equal(((await api.GET("/api/orders")).data as { items: unknown[] }).items.length, 1);

      const reused = await api.POST("/api/orders", {
        params: { header: { "idempotency-key": "burst" } },
        body: { type: "first_filing", data },
      });
      assert.equal(reused.response.status, 422);
      assert.equal(reused.error?.code, "IDEMPOTENCY_KEY_REUSED");
      const tooLong = await api.POST("/api/orders", {
        params: { header: { "idempotency-key": "k".repeat(101) } },
        body: {},
      });
      assert.equal(tooLong.error?.code, "VALIDATION_FAILED");
      // An error answer does not keep the key: the second order is refused now, and may be retried later.
      const refused = await api.POST("/api/orders", {
        params: { header: { "idempotency-key": "second" } },
        body: {},
      });
      assert.equal(refused.error?.code, "ACTIVE_ORDER_EXISTS");
      const stored = await platform.ctx.db
        .selectFrom("idempotency_key")
        .select("idem_key")
        .where("idem_key", "=", "second")
        .execute();
      assert.equal(stored.length, 0);
    });

    test("idempotency: the request's hash is kept sealed; a plain one from before still matches a retry", async () => {
      const { api } = await agency(platform, base);
      const data = orderData(await customerResources(platform, api));
      const create = () =>
        api.POST("/api/orders", { params: { header: { "idempotency-key": "digest" } }, body: { data } });
      const created = await create();
      assert.equal(created.response.status, 201);
      const request = JSON.stringify(["POST /api/orders", {}, { data }]);
      const plain = createHash("sha256").update(request).digest("hex");
      const row = platform.ctx.db.selectFrom("idempotency_key").where("idem_key", "=", "digest");
      const { request_hash: stored } = await row.select("request_hash").executeTakeFirstOrThrow();
      assert.ok(
        platform.ctx.cipher.isSealed(stored),
        "not a hash anyone who guesses the body could recompute",
      );
      assert.equal(platform.ctx.cipher.decrypt(stored), plain);

      // A key claimed before the hashes were sealed (rows live 24 hours) still replays its answer.
      await platform.ctx.db
        .updateTable("idempotency_key")
        .set({ request_hash: plain })
        .where("idem_key", "=", "digest")
        .execute();
      const retried = await create();
      assert.equal(retried.response.headers.get("idempotency-replayed"), "true");
      assert.equal((retried.data as OrderView).id, (created.data as OrderView).id);
    });

    test("webhook URLs: private and loopback targets are refused unless allowed, when saved and when sent", async () => {
      const { api } = await agency(platform, base);
      platform.ctx.webhookAllowPrivate = false;
      try {
        for (const url of [
          "http://127.0.0.1:8080/hook",
          "http://10.1.2.3/hook",
          "http://172.16.0.1/",
          "http://192.168.1.1/",
          "http://169.254.169.254/latest/meta-data",
          "http://[::1]/",
          "http://[::ffff:127.0.0.1]/",
          "http://[fd00::1]/",
          "http://localhost:3000/",
          "http://0.0.0.0/",
        ]) {
          const answer = await api.POST("/api/webhooks", { body: { url } });
          assert.equal(answer.error?.code, "WEBHOOK_URL_PRIVATE", url);
        }
        for (const url of ["ftp://hooks.example.cn/", "javascript:alert(1)", "not a url"]) {
          const answer = await api.POST("/api/webhooks", { body: { url } });
          assert.equal(answer.error?.code, "WEBHOOK_URL_INVALID", url);
        }
        const publicUrl = await api.POST("/api/webhooks", {
          body: { url: "https://hooks.example.cn/openbeian" },
        });
        assert.equal(publicUrl.response.status, 201);
      } finally {
        platform.ctx.webhookAllowPrivate = true;
      }
      // Saved while allowed, sent after the setting was turned off: refused at connect time.
      const saved = await api.POST("/api/webhooks", { body: { url: receiver.url("/private") } });
      platform.ctx.webhookAllowPrivate = false;
      try {
        const ping = await api.POST("/api/webhooks/{id}/test", { params: { path: { id: saved.data!.id } } });
        assert.equal(ping.data!.status, "failed");
        assert.match(ping.data!.lastError ?? "", /refused/);
        assert.equal(receiver.on("/private").length, 0);
      } finally {
        platform.ctx.webhookAllowPrivate = true;
      }
      const ping = await api.POST("/api/webhooks/{id}/test", { params: { path: { id: saved.data!.id } } });
      assert.equal(ping.data!.status, "delivered");
      assertSigned(receiver.on("/private")[0]!, saved.data!.secret);
      assert.equal(receiver.on("/private")[0]!.headers["x-openbeian-event"], "ping");
    });

    test("another account's webhooks, deliveries, tokens, orders and hand-off links are not found", async () => {
      const owner = await agency(platform, base);
      const other = await agency(platform, base);
      const hook = await owner.api.POST("/api/webhooks", { body: { url: receiver.url("/owner") } });
      const ping = await owner.api.POST("/api/webhooks/{id}/test", {
        params: { path: { id: hook.data!.id } },
      });
      const order = await owner.api.POST("/api/orders", { body: {} });
      const id = hook.data!.id;
      const answers = [
        await other.api.GET("/api/webhooks/{id}/deliveries", { params: { path: { id } } }),
        await other.api.PATCH("/api/webhooks/{id}", { params: { path: { id } }, body: { active: false } }),
        await other.api.DELETE("/api/webhooks/{id}", { params: { path: { id } } }),
        await other.api.POST("/api/webhooks/{id}/test", { params: { path: { id } } }),
        await other.api.POST("/api/webhooks/deliveries/{id}/redeliver", {
          params: { path: { id: ping.data!.id } },
        }),
        await other.api.POST("/api/orders/{id}/handoff-links", {
          params: { path: { id: (order.data as OrderView).id } },
        }),
      ];
      for (const answer of answers) assert.equal(answer.response.status, 404, answer.response.url);
      const tokens = await owner.session.get("/api/tokens");
      const revoke = await other.session.delete(`/api/tokens/${tokens.body.items[0].id}`);
      assert.equal(revoke.status, 404);
      assert.equal((await owner.api.GET("/api/webhooks")).data!.items.length, 1);
    });

    test("hand-off links: one step of one order, 24 hours, audited", async () => {
      const { api, accountId, token } = await agency(platform, base);
      const customer = await customerResources(platform, api);
      const order = (await api.POST("/api/orders", { body: { data: orderData(customer) } }))
        .data as OrderView;
      const links = (await api.POST("/api/orders/{id}/handoff-links", { params: { path: { id: order.id } } }))
        .data!.links;
      const person = createOpenBeianClient(base);
      const smsToken = links.find((link) => link.purpose === "sms_verification")!.url.split("#")[1]!;
      const wrongStep = await person.POST("/api/handoff/face-capture", {
        params: { header: { "x-handoff-token": smsToken } },
        body: { kind: "face_capture", file: await jpeg() },
        bodySerializer: multipart,
      });
      assert.equal(wrongStep.response.status, 403);
      const faceToken = links.find((link) => link.purpose === "face_check")!.url.split("#")[1]!;
      // Whatever kind the form names, the link stores the face photo only.
      const face = await person.POST("/api/handoff/face-capture", {
        params: { header: { "x-handoff-token": faceToken } },
        body: { kind: "id_front", file: await jpeg() },
        bodySerializer: multipart,
      });
      assert.equal(face.response.status, 201, JSON.stringify(face.error));
      const kinds = await platform.ctx.db
        .selectFrom("material")
        .select("kind")
        .where("order_id", "=", order.id)
        .execute();
      assert.deepEqual(
        kinds.map((row) => row.kind),
        ["face_capture"],
      );
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "handoff_link")
        .where("account_id", "=", accountId)
        .execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), ["create", "create", "use"]);

      // The account sees its links (never their tokens) and revokes the SMS one: it stops at once.
      const listed = (await api.GET("/api/orders/{id}/handoff-links", { params: { path: { id: order.id } } }))
        .data!.links;
      assert.deepEqual(listed.map((link) => [link.purpose, link.status]).sort(), [
        ["face_check", "used"],
        ["sms_verification", "active"],
      ]);
      assert.ok(!JSON.stringify(listed).includes("obh_"), "no token in the list");
      const smsLink = listed.find((link) => link.purpose === "sms_verification")!;
      const revoked = await api.DELETE("/api/orders/{id}/handoff-links/{linkId}", {
        params: { path: { id: order.id, linkId: smsLink.id } },
      });
      assert.equal(revoked.data?.status, "revoked");
      const afterRevoke = await person.GET("/api/handoff", {
        params: { header: { "x-handoff-token": smsToken } },
      });
      assert.equal(afterRevoke.error?.code, "HANDOFF_LINK_INVALID");
      const again = await api.DELETE("/api/orders/{id}/handoff-links/{linkId}", {
        params: { path: { id: order.id, linkId: smsLink.id } },
      });
      assert.equal(again.data?.revokedAt, revoked.data?.revokedAt, "revoking twice changes nothing");
      const stillOpen = await person.GET("/api/handoff", {
        params: { header: { "x-handoff-token": faceToken } },
      });
      assert.equal(stillOpen.response.status, 200, "the other link still opens");
      const revokeAudit = await platform.ctx.db
        .selectFrom("audit_log")
        .select("entity_id")
        .where("entity", "=", "handoff_link")
        .where("action", "=", "revoke")
        .where("account_id", "=", accountId)
        .execute();
      assert.deepEqual(
        revokeAudit.map((row) => row.entity_id),
        [smsLink.id],
      );
      // One step only: the wizard's face step asks for its own link, no SMS link nobody sees.
      const faceOnly = await api.POST("/api/orders/{id}/handoff-links", {
        params: { path: { id: order.id }, query: { purpose: "face_check" } },
      });
      assert.deepEqual(
        faceOnly.data!.links.map((link) => link.purpose),
        ["face_check"],
      );
      const unknownPurpose = await platform.app.inject({
        method: "POST",
        url: `/api/orders/${order.id}/handoff-links?purpose=bank_transfer`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(unknownPurpose.statusCode, 400);
      const stranger = await agency(platform, base);
      const foreign = await stranger.api.DELETE("/api/orders/{id}/handoff-links/{linkId}", {
        params: { path: { id: order.id, linkId: smsLink.id } },
      });
      assert.equal(foreign.response.status, 404);

      const unknown = await person.GET("/api/handoff", {
        params: { header: { "x-handoff-token": "obh_nope" } },
      });
      assert.equal(unknown.error?.code, "HANDOFF_LINK_INVALID");
      platform.clock.advance(DAY_MS);
      const expired = await person.GET("/api/handoff", {
        params: { header: { "x-handoff-token": faceToken } },
      });
      assert.equal(expired.response.status, 401);
      assert.equal(expired.error?.code, "HANDOFF_LINK_INVALID");
    });

    test("an order's creation is an event too", async () => {
      const { api } = await agency(platform, base);
      await api.POST("/api/webhooks", { body: { url: receiver.url("/created"), events: ["order.create"] } });
      const order = (await api.POST("/api/orders", { body: {} })).data as OrderView;
      await platform.worker.runDue();
      const events = receiver.on("/created").map((item) => JSON.parse(item.body));
      const mine = events.find((event) => event.data.orderId === order.id);
      assert.ok(mine, JSON.stringify(events));
      assert.equal(mine.type, "order.create");
      assert.equal(mine.data.state, "draft");
      assert.equal(mine.data.orderNumber, order.number);
    });

    test("deadline warnings reach webhooks: an order's validity running out", async () => {
      const { api } = await agency(platform, base);
      await api.POST("/api/webhooks", { body: { url: receiver.url("/deadlines"), events: ["deadline.*"] } });
      const order = (await api.POST("/api/orders", { body: {} })).data as OrderView;
      platform.clock.advance(30 * DAY_MS);
      await platform.worker.runDue();
      const warnings = receiver.on("/deadlines").map((item) => JSON.parse(item.body));
      const mine = warnings.find((event) => event.data.orderId === order.id);
      assert.ok(mine, JSON.stringify(warnings));
      assert.equal(mine.type, "deadline.order_expiring");
      assert.equal(mine.data.daysLeft, 15);
    });
  });
}

function assertSigned(hook: { headers: Record<string, unknown>; body: string }, secret: string) {
  const signature = hook.headers["x-openbeian-signature"] as string;
  const timestamp = Number(hook.headers["x-openbeian-timestamp"]);
  assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.ok(verifySignature(secret, signature, hook.body, timestamp), "the signature verifies");
  assert.ok(!verifySignature(secret, signature, hook.body + " ", timestamp), "a changed body does not");
  assert.ok(!verifySignature(secret, signature, hook.body, timestamp + 3600), "an old delivery does not");
}
