import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ERROR_CATALOGUE } from "@openbeian/core";
import type { Simulator } from "@openbeian/regulator-sim";
import { sql } from "kysely";
import { buildApp } from "../src/http/app.ts";
import type { App } from "../src/http/types.ts";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { LOGIN_FAILURE_WINDOW_MS, LOGIN_FAILURES_PER_ACCOUNT } from "../src/identity/login-limits.ts";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, uniqueEmail } from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { startSimulatedPlatform } from "./support/simulated-platform.ts";

/**
 * Issue 11, abuse limits: login per address and per account, password reset, the
 * public lookup, hand-off link pages, transfer acceptance, and the SMS code's five
 * tries at the regulator. Every refusal is 429 RATE_LIMITED with the zh/en message
 * and a Retry-After header; the windows pass on the platform's (injected) clock.
 */
const PASSWORD = "Passw0rd!2026";
const MINUTE = 60_000;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: { code?: string; message?: { zh: string; en: string }; details?: { retryAfterSeconds?: number } };
}

async function call(
  app: App,
  method: "GET" | "POST",
  url: string,
  options: { address: string; body?: unknown; headers?: Record<string, string> },
): Promise<Answer> {
  const response = await app.inject({
    method,
    url,
    remoteAddress: options.address,
    headers: {
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body ? response.json() : {},
  };
}

/** 429, the stable code and message, Retry-After in whole seconds, at most `maxSeconds`. */
function assertRateLimited(answer: Answer, maxSeconds: number, what: string) {
  assert.equal(answer.status, 429, `${what}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.code, "RATE_LIMITED", what);
  assert.deepEqual(
    answer.body.message,
    { zh: ERROR_CATALOGUE.RATE_LIMITED.zh, en: ERROR_CATALOGUE.RATE_LIMITED.en },
    what,
  );
  const retryAfter = Number(answer.headers["retry-after"]);
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds,
    `${what}: Retry-After ${retryAfter}`,
  );
  assert.equal(answer.body.details?.retryAfterSeconds, retryAfter, `${what}: the same wait in the body`);
}

describe("the API token limit's setting", () => {
  test("BEIAN_TOKEN_RATE_LIMIT: 600 by default, 0 turns it off, empty is unset, anything but a whole number is refused", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "beian-token-limit-"));
    try {
      const env = { BEIAN_DATA_DIR: dataDir };
      assert.equal(loadConfig({ env }).tokenRateLimitPerMinute, 600);
      assert.equal(loadConfig({ env: { ...env, BEIAN_TOKEN_RATE_LIMIT: "0" } }).tokenRateLimitPerMinute, 0);
      assert.equal(
        loadConfig({ env: { ...env, BEIAN_TOKEN_RATE_LIMIT: " 120 " } }).tokenRateLimitPerMinute,
        120,
      );
      assert.equal(loadConfig({ env: { ...env, BEIAN_TOKEN_RATE_LIMIT: "" } }).tokenRateLimitPerMinute, 600);
      for (const bad of ["-1", "1.5", "lots"])
        assert.throws(() => loadConfig({ env: { ...env, BEIAN_TOKEN_RATE_LIMIT: bad } }), ConfigError, bad);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

let addressCount = 0;
/** A client address of its own for each caller. */
const freshAddress = () => `10.31.${Math.floor(++addressCount / 250)}.${(addressCount % 250) + 1}`;

for (const engine of engines()) {
  describe(`abuse limits (${engine})`, () => {
    let platform: TestPlatform;
    const extraApps: App[] = [];
    const login = (email: string, password: string, address: string, headers?: Record<string, string>) =>
      call(platform.app, "POST", "/api/auth/login", { address, body: { email, password }, headers });

    before(async () => {
      platform = await startTestPlatform(engine);
    });
    after(async () => {
      for (const app of extraApps) await app.close();
      await platform.close();
    });

    test("login: 10 attempts a minute per address, then 429 until the minute has passed", async () => {
      const address = freshAddress();
      for (let attempt = 0; attempt < 10; attempt++) {
        const answer = await login(uniqueEmail("guess"), "wrong-password", address);
        assert.equal(answer.status, 401, `attempt ${attempt + 1}`);
      }
      assertRateLimited(await login(uniqueEmail("guess"), "wrong-password", address), 60, "the 11th");
      assert.equal(
        (await login(uniqueEmail("guess"), "wrong-password", freshAddress())).status,
        401,
        "others go on",
      );
      platform.clock.advance(MINUTE);
      assert.equal(
        (await login(uniqueEmail("guess"), "wrong-password", address)).status,
        401,
        "a new minute",
      );
    });

    test("login: 10 wrong passwords for one account from many addresses lock it for 15 minutes, the right password too", async () => {
      const email = uniqueEmail("victim");
      await new ApiClient(platform.app).signUp(email, PASSWORD);
      const bystander = uniqueEmail("bystander");
      await new ApiClient(platform.app).signUp(bystander, PASSWORD);
      for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT; attempt++)
        assert.equal((await login(email, `wrong-${attempt}-pass`, freshAddress())).status, 401);
      const windowSeconds = LOGIN_FAILURE_WINDOW_MS / 1000;
      assertRateLimited(
        await login(email, PASSWORD, freshAddress()),
        windowSeconds,
        "the right password, locked",
      );
      assertRateLimited(
        await login(email.toUpperCase(), PASSWORD, freshAddress()),
        windowSeconds,
        "any spelling",
      );
      assert.equal((await login(bystander, PASSWORD, freshAddress())).status, 200, "other accounts log in");

      platform.clock.advance(LOGIN_FAILURE_WINDOW_MS - MINUTE);
      assertRateLimited(await login(email, PASSWORD, freshAddress()), 60, "a minute left");
      platform.clock.advance(MINUTE);
      assert.equal((await login(email, PASSWORD, freshAddress())).status, 200, "the window has passed");
    });

    test("login: an unknown address is limited alike (no account enumeration), and a success clears the count", async () => {
      const unknown = uniqueEmail("nobody");
      for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT; attempt++)
        assert.equal((await login(unknown, "wrong-password", freshAddress())).status, 401);
      assertRateLimited(
        await login(unknown, "wrong-password", freshAddress()),
        LOGIN_FAILURE_WINDOW_MS / 1000,
        "unknown",
      );

      const email = uniqueEmail("typist");
      await new ApiClient(platform.app).signUp(email, PASSWORD);
      for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT - 1; attempt++)
        assert.equal((await login(email, "wrong-password", freshAddress())).status, 401);
      assert.equal((await login(email, PASSWORD, freshAddress())).status, 200, "one short of the limit");
      // Without the clearing this would be the tenth failure, and the right password then refused.
      assert.equal((await login(email, "wrong-password", freshAddress())).status, 401);
      assert.equal((await login(email, PASSWORD, freshAddress())).status, 200, "the count started again");
    });

    test("X-Forwarded-For escapes no limit without a trusted proxy; behind one, each client is counted", async () => {
      const address = freshAddress();
      for (let attempt = 0; attempt < 10; attempt++) {
        const forged = { "x-forwarded-for": `198.51.100.${attempt + 1}` };
        assert.equal((await login(uniqueEmail("spoof"), "wrong-password", address, forged)).status, 401);
      }
      assertRateLimited(
        await login(uniqueEmail("spoof"), "wrong-password", address, { "x-forwarded-for": "198.51.100.99" }),
        60,
        "a forged X-Forwarded-For",
      );

      const proxied = await buildApp(platform.ctx, { logger: false, trustProxy: ["127.0.0.1"] });
      extraApps.push(proxied);
      const viaProxy = (client: string) =>
        call(proxied, "POST", "/api/auth/login", {
          address: "127.0.0.1",
          headers: { "x-forwarded-for": client },
          body: { email: uniqueEmail("proxied"), password: "wrong-password" },
        });
      for (let attempt = 0; attempt < 10; attempt++)
        assert.equal((await viaProxy("203.0.113.200")).status, 401);
      assertRateLimited(await viaProxy("203.0.113.200"), 60, "one client behind the proxy");
      assert.equal((await viaProxy("203.0.113.201")).status, 401, "the next client through the same proxy");
    });

    test("password reset: requests and confirmations 10 a minute per address", async () => {
      const address = freshAddress();
      const ask = () =>
        call(platform.app, "POST", "/api/auth/password-reset", {
          address,
          body: { email: uniqueEmail("reset") },
        });
      for (let attempt = 0; attempt < 10; attempt++) assert.equal((await ask()).status, 202);
      assertRateLimited(await ask(), 60, "the 11th request");

      const confirm = () =>
        call(platform.app, "POST", "/api/auth/password-reset/confirm", {
          address,
          body: { token: `guessed-${Math.random().toString(36).slice(2)}`, password: PASSWORD },
        });
      for (let attempt = 0; attempt < 10; attempt++) {
        const answer = await confirm();
        assert.equal(answer.body.code, "RESET_TOKEN_INVALID");
      }
      assertRateLimited(await confirm(), 60, "the 11th guessed token");
      platform.clock.advance(MINUTE);
      assert.equal((await ask()).status, 202, "a new minute");
      assert.equal((await confirm()).body.code, "RESET_TOKEN_INVALID");
    });

    test("the public lookup: 30 a minute per address", async () => {
      const address = freshAddress();
      const lookup = (from = address) =>
        call(platform.app, "GET", "/api/public/filings?q=example.cn", { address: from });
      for (let attempt = 0; attempt < 30; attempt++) assert.equal((await lookup()).status, 200);
      assertRateLimited(await lookup(), 60, "the 31st lookup");
      assert.equal((await lookup(freshAddress())).status, 200, "another address");
      platform.clock.advance(MINUTE);
      assert.equal((await lookup()).status, 200, "a new minute");
    });

    test("hand-off link pages: 60 lookups and 20 uploads a minute per address, wrong tokens counted", async () => {
      const address = freshAddress();
      const token = { "x-handoff-token": "obh_guessed-token" };
      const page = () => call(platform.app, "GET", "/api/handoff", { address, headers: token });
      for (let attempt = 0; attempt < 60; attempt++)
        assert.equal((await page()).body.code, "HANDOFF_LINK_INVALID");
      assertRateLimited(await page(), 60, "the 61st guess");
      const upload = () =>
        call(platform.app, "POST", "/api/handoff/face-capture", {
          address,
          headers: { ...token, "content-type": "multipart/form-data; boundary=x" },
        });
      for (let attempt = 0; attempt < 20; attempt++) assert.notEqual((await upload()).status, 429);
      assertRateLimited(await upload(), 60, "the 21st upload");
    });

    test("API tokens: each token its own requests a minute on any route, whatever the address", async () => {
      const limited = await startTestPlatform(engine, { tokenRateLimitPerMinute: 5 });
      try {
        const session = new ApiClient(limited.app);
        await session.signUp(uniqueEmail("agency"), PASSWORD);
        const tokenOf = async (name: string) => {
          const created = await session.post("/api/tokens", { name, scopes: ["read", "file"] });
          assert.equal(created.status, 201, JSON.stringify(created.body));
          return { authorization: `Bearer ${created.body.token as string}` };
        };
        const first = await tokenOf("ERP");
        const second = await tokenOf("备用");
        const ask = (headers: Record<string, string>, url = "/api/orders") =>
          call(limited.app, "GET", url, { address: freshAddress(), headers });
        for (let attempt = 0; attempt < 5; attempt++)
          assert.equal((await ask(first, attempt % 2 ? "/api/domains" : "/api/orders")).status, 200);
        assertRateLimited(await ask(first), 60, "the token's 6th request");
        assert.equal((await ask(second)).status, 200, "another token of the account goes on");
        assert.equal((await session.get("/api/orders")).status, 200, "the account's session is not limited");
        limited.clock.advance(MINUTE);
        assert.equal((await ask(first)).status, 200, "a new minute");
      } finally {
        await limited.close();
      }
    });

    test("transfer acceptance: 5 tries per account in 15 minutes, whichever session or address", async () => {
      const receiverEmail = uniqueEmail("receiver");
      const receiver = new ApiClient(platform.app);
      await receiver.signUp(receiverEmail, PASSWORD);
      const tries = (client: ApiClient) =>
        client.binary("POST", "/api/transfers/no-such-transfer/accept", {
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ certificateTail: "12345X" }),
        });
      for (let attempt = 0; attempt < 5; attempt++) assert.equal((await tries(receiver)).status, 404);
      const sixth = await tries(receiver);
      assertRateLimited(
        { status: sixth.status, headers: sixth.headers, body: sixth.json() },
        15 * 60,
        "the 6th",
      );
      const sameAccount = new ApiClient(platform.app);
      await sameAccount.logIn(receiverEmail, PASSWORD);
      assert.equal((await tries(sameAccount)).status, 429, "another session of the account");
      const other = new ApiClient(platform.app);
      await other.signUp(uniqueEmail("other-receiver"), PASSWORD);
      assert.equal((await tries(other)).status, 404, "another account");
      platform.clock.advance(15 * MINUTE);
      assert.equal((await tries(sameAccount)).status, 404, "after 15 minutes");
    });
  });

  describe(`limits shared by API processes on one database (${engine})`, () => {
    let first: TestPlatform;
    let second: TestPlatform;
    let dataDir: string | undefined;

    before(async () => {
      // SQLite shares its file (two connections, as two processes would have).
      dataDir = engine === "sqlite" ? mkdtempSync(join(tmpdir(), "beian-shared-limits-")) : undefined;
      // One data key, as every process of a deployment has (the keys are stored hashed with it).
      const options = {
        rateLimitStore: "database" as const,
        tokenRateLimitPerMinute: 4,
        dataKey: randomBytes(32),
      };
      first = await startTestPlatform(engine, { ...options, ...(dataDir ? { dataDir } : {}) });
      second = await startTestPlatform(engine, { ...options, reopen: first });
    });
    after(async () => {
      await second.close();
      await first.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    test("login per address and per account, and a token's requests, count across both", async () => {
      const address = freshAddress();
      const guess = (platform: TestPlatform) =>
        call(platform.app, "POST", "/api/auth/login", {
          address,
          body: { email: uniqueEmail("guess"), password: "wrong-password" },
        });
      for (let attempt = 0; attempt < 10; attempt++)
        assert.equal((await guess(attempt % 2 ? second : first)).status, 401, `attempt ${attempt + 1}`);
      assertRateLimited(await guess(first), 60, "the 11th, the two processes' attempts together");
      // Each route counts on its own: the same address still has its whole 30 lookups (were the
      // routes counted together, the 11 logins would leave it 19).
      for (let attempt = 0; attempt < 30; attempt++) {
        const lookup = await call(second.app, "GET", "/api/public/filings?q=example.cn", { address });
        assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
      }

      const email = uniqueEmail("victim");
      await new ApiClient(first.app).signUp(email, PASSWORD);
      for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ACCOUNT; attempt++) {
        const platform = attempt % 2 ? second : first;
        const answer = await call(platform.app, "POST", "/api/auth/login", {
          address: freshAddress(),
          body: { email, password: "wrong-password" },
        });
        assert.equal(answer.status, 401);
      }
      const right = await call(second.app, "POST", "/api/auth/login", {
        address: freshAddress(),
        body: { email, password: PASSWORD },
      });
      assertRateLimited(right, LOGIN_FAILURE_WINDOW_MS / 1000, "the account, locked through both");

      const session = new ApiClient(first.app);
      await session.signUp(uniqueEmail("agency"), PASSWORD);
      const created = await session.post("/api/tokens", { name: "ERP", scopes: ["read"] });
      const bearer = { authorization: `Bearer ${created.body.token as string}` };
      for (let request = 0; request < 4; request++) {
        const platform = request % 2 ? second : first;
        const answer = await call(platform.app, "GET", "/api/orders", {
          address: freshAddress(),
          headers: bearer,
        });
        assert.equal(answer.status, 200);
      }
      assertRateLimited(
        await call(second.app, "GET", "/api/orders", { address: freshAddress(), headers: bearer }),
        60,
        "the token's 5th request",
      );

      // What is stored: keyed hashes and counts, no address and no e-mail.
      const stored = JSON.stringify(await first.ctx.db.selectFrom("rate_window").selectAll().execute());
      assert.ok(stored.length > 2, "counts are kept in the database");
      for (const secret of [address, email, "10.31.", "@"]) assert.ok(!stored.includes(secret), secret);
    });

    if (engine === "postgres")
      test("PostgreSQL keeps the counts in an unlogged table: an attempt waits for no WAL flush", async () => {
        const { rows } = await sql<{ relpersistence: string }>`
          select relpersistence from pg_class
          where relname = 'rate_window' and relnamespace = current_schema()::regnamespace`.execute(
          first.ctx.db,
        );
        assert.deepEqual(rows, [{ relpersistence: "u" }]);
      });
  });

  describe(`SMS verification tries at the regulator (${engine})`, () => {
    let platform: TestPlatform;
    let simulator: Simulator;
    let close: () => Promise<void>;
    let simNow = Date.parse("2026-03-02T02:00:00Z");

    before(async () => {
      ({ platform, simulator, close } = await startSimulatedPlatform(engine, {
        now: () => new Date(simNow),
      }));
    });
    after(() => close());

    test("5 wrong codes end the verification (the right one no longer works) and return the order; then 429 with Retry-After", async () => {
      const reviewer = await staffClient(platform);
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      const approved = await reviewer.post(`/api/review/orders/${created.body.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.body.state, "queued_for_bureau", JSON.stringify(approved.body));
      await platform.worker.runDue();
      simNow += 10 * 60 * 1000;
      await simulator.step();
      const texts = await applicant.client.get(`/api/orders/${created.body.id}/sms`);
      const code = /(\d{6})/.exec(texts.body.items.at(-1)?.text ?? "")?.[1];
      assert.ok(code, JSON.stringify(texts.body));
      assert.equal((await applicant.client.get(`/api/orders/${created.body.id}`)).body.state, "sms_pending");

      const base = simulator.server.address() as { port: number };
      const verify = async (entered: string) => {
        const response = await fetch(`http://127.0.0.1:${base.port}/api/sms/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            mobile: applicant.mobile,
            code: entered,
            certificateLast6: applicant.certificateNumber.slice(-6),
          }),
        });
        return {
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: (await response.json()) as Answer["body"],
        };
      };
      const wrong = code === "000000" ? "111111" : "000000";
      const answers = [];
      for (let attempt = 0; attempt < 5; attempt++) answers.push((await verify(wrong)).body.code);
      assert.deepEqual(answers, [
        "SMS_WRONG_CODE",
        "SMS_WRONG_CODE",
        "SMS_WRONG_CODE",
        "SMS_WRONG_CODE",
        "SMS_FAILED",
      ]);
      const late = await verify(code);
      assert.equal(late.status, 404, "the right code after five wrong ones verifies nothing");
      assert.equal(late.body.code, "SMS_NOT_FOUND");
      await simulator.step();
      const order = await applicant.client.get(`/api/orders/${created.body.id}`);
      assert.equal(order.body.state, "regulator_returned", "the order went back to the provider");

      // The verification API itself: 30 requests a minute per address (6 made above).
      for (let attempt = 6; attempt < 30; attempt++) assert.notEqual((await verify(wrong)).status, 429);
      const limited = await verify(wrong);
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, "RATE_LIMITED");
      assert.ok(limited.body.message?.zh && limited.body.message.en, "zh/en message");
      const retryAfter = Number(limited.headers["retry-after"]);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${limited.headers["retry-after"]}`);
      simNow += MINUTE + 1000;
      assert.equal((await verify(wrong)).status, 404, "the next minute");
    });
  });
}
