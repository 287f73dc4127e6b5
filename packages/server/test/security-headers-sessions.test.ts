import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildApp, type AppOptions } from "../src/http/app.ts";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { HSTS_VALUE } from "../src/http/security-headers.ts";
import type { App } from "../src/http/types.ts";
import { ApiClient } from "./support/client.ts";
import { uniqueEmail } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Issue 11, headers and sessions: every answer (API, errors, the web app's
 * index.html) carries the CSP, frame denial, nosniff and Referrer-Policy; HSTS only
 * over HTTPS, from a TLS listener or a trusted proxy, never from a header anyone
 * can send; the session cookie's flags; a new session at every login with the one
 * from before ended; logout ends the session on the server, logout-all every one.
 */
const PASSWORD = "Passw0rd!2026";

interface CookieSeen {
  name: string;
  value: string;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  maxAge?: number;
}

interface LoginAnswer {
  status: number;
  token: string;
  csrfToken: string;
  cookie: CookieSeen | undefined;
  setCookie: string;
}

/** Each login from its own address, so the per-address login limit stays out of these tests. */
let addresses = 0;
const nextAddress = () => `10.11.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

async function logIn(
  app: App,
  email: string,
  options: { cookie?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LoginAnswer> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: options.remoteAddress ?? nextAddress(),
    headers: {
      "content-type": "application/json",
      ...(options.cookie ? { cookie: `ob_session=${options.cookie}` } : {}),
      ...options.headers,
    },
    payload: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = response.cookies.find((item) => item.name === "ob_session") as CookieSeen | undefined;
  return {
    status: response.statusCode,
    token: cookie?.value ?? "",
    csrfToken: response.statusCode === 200 ? (response.json() as { csrfToken: string }).csrfToken : "",
    cookie,
    setCookie: String(response.headers["set-cookie"] ?? ""),
  };
}

const sessionOf = async (app: App, token: string) =>
  (await app.inject({ method: "GET", url: "/api/session", headers: { cookie: `ob_session=${token}` } }))
    .statusCode;

const post = (app: App, url: string, token: string, csrfToken?: string) =>
  app.inject({
    method: "POST",
    url,
    headers: { cookie: `ob_session=${token}`, ...(csrfToken ? { "x-csrf-token": csrfToken } : {}) },
  });

function assertSecurityHeaders(headers: Record<string, unknown>, what: string) {
  const csp = String(headers["content-security-policy"] ?? "");
  assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: scripts only from this origin`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: no page may frame it`);
  assert.match(csp, /object-src 'none'/, `${what}: no plug-ins`);
  assert.equal(headers["x-frame-options"], "DENY", `${what}: X-Frame-Options`);
  assert.equal(headers["x-content-type-options"], "nosniff", `${what}: nosniff`);
  assert.equal(headers["referrer-policy"], "no-referrer", `${what}: Referrer-Policy`);
}

/** A self-signed certificate for 127.0.0.1, made by openssl in a temporary directory. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  return {
    cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    key: readFileSync(join(dir, "key.pem"), "utf8"),
  };
}

function tlsRequest(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, ca },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

test("BEIAN_TRUST_PROXY names the proxies to believe; unset none, and never everyone", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "beian-trust-"));
  try {
    const load = (value?: string) =>
      loadConfig({ flags: { dataDir }, env: value === undefined ? {} : { BEIAN_TRUST_PROXY: value } })
        .trustProxy;
    assert.deepEqual(load(), [], "unset: no X-Forwarded-* header is believed");
    assert.deepEqual(load("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback"), [
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    for (const value of ["true", "*", "0.0.0.0/33", "proxy.example.cn", "10.0.0.1/8/1"])
      assert.throws(() => load(value), ConfigError, value);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

for (const engine of engines()) {
  describe(`security headers and sessions (${engine})`, () => {
    let platform: TestPlatform;
    let email: string;
    const extraApps: App[] = [];
    let tempDir: string;

    /** The same platform served by another app: with the web app, behind a proxy, over TLS. */
    const appWith = async (options: AppOptions, ctx = platform.ctx) => {
      const app = await buildApp(ctx, { logger: false, ...options });
      extraApps.push(app);
      await app.ready();
      return app;
    };

    before(async () => {
      platform = await startTestPlatform(engine);
      email = uniqueEmail("session");
      await new ApiClient(platform.app).signUp(email, PASSWORD);
      tempDir = mkdtempSync(join(tmpdir(), "beian-security-"));
    });
    after(async () => {
      for (const app of extraApps) await app.close();
      await platform.close();
      rmSync(tempDir, { recursive: true, force: true });
    });

    test("API answers, errors and the web app's pages carry CSP, frame denial, nosniff and Referrer-Policy; no HSTS over HTTP", async () => {
      const webDist = join(tempDir, "web");
      mkdirSync(join(webDist, "assets"), { recursive: true });
      writeFileSync(
        join(webDist, "index.html"),
        "<!doctype html><title>OpenBeian</title><div id=root></div>",
      );
      writeFileSync(join(webDist, "assets", "app.js"), "console.log('portal')");
      const app = await appWith({ webDist });
      const answers = {
        "the session (401)": await app.inject({ method: "GET", url: "/api/session" }),
        "an unknown API route (404)": await app.inject({ method: "GET", url: "/api/nothing-here" }),
        "a refused change (400)": await app.inject({ method: "POST", url: "/api/auth/login", payload: {} }),
        "the health check": await app.inject({ method: "GET", url: "/healthz" }),
        "index.html at /": await app.inject({ method: "GET", url: "/" }),
        "index.html for a page of the app": await app.inject({ method: "GET", url: "/orders/some-order" }),
        "a script of the app": await app.inject({ method: "GET", url: "/assets/app.js" }),
      };
      for (const [what, response] of Object.entries(answers)) {
        assertSecurityHeaders(response.headers, what);
        assert.equal(response.headers["strict-transport-security"], undefined, `${what}: no HSTS over HTTP`);
      }
      assert.match(
        answers["index.html for a page of the app"].body,
        /<div id=root>/,
        "the page is index.html",
      );
      assert.equal(answers["index.html at /"].statusCode, 200);
      assert.equal(answers["a script of the app"].statusCode, 200);
    });

    test("without a trusted proxy X-Forwarded-Proto is ignored: no HSTS, no Secure cookie", async () => {
      const forwarded = { "x-forwarded-proto": "https" };
      const answer = await platform.app.inject({ method: "GET", url: "/api/session", headers: forwarded });
      assert.equal(answer.headers["strict-transport-security"], undefined);
      const login = await logIn(platform.app, email, { headers: forwarded });
      assert.equal(login.status, 200);
      assert.ok(!login.cookie?.secure, `not Secure: ${login.setCookie}`);
    });

    test("behind a trusted proxy, HTTPS answers carry HSTS and a Secure cookie; plain HTTP and strangers' headers do not", async () => {
      const app = await appWith({ trustProxy: ["127.0.0.1"] });
      const overHttps = await app.inject({
        method: "GET",
        url: "/api/session",
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.7" },
      });
      assert.equal(overHttps.headers["strict-transport-security"], HSTS_VALUE);
      assertSecurityHeaders(overHttps.headers, "through the proxy");
      const login = await logIn(app, email, {
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.8" },
      });
      assert.equal(login.status, 200);
      assert.equal(login.cookie?.secure, true, login.setCookie);
      const overHttp = await app.inject({
        method: "GET",
        url: "/api/session",
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-proto": "http" },
      });
      assert.equal(overHttp.headers["strict-transport-security"], undefined, "HTTP at the proxy: no HSTS");
      const stranger = await app.inject({
        method: "GET",
        url: "/api/session",
        remoteAddress: "203.0.113.9",
        headers: { "x-forwarded-proto": "https" },
      });
      assert.equal(stranger.headers["strict-transport-security"], undefined, "not from the trusted proxy");
    });

    test("over the app's own TLS listener: HSTS on every answer and a Secure session cookie", async () => {
      const certificate = selfSignedCertificate(tempDir);
      const app = await appWith({ https: certificate });
      const base = await app.listen({ port: 0, host: "127.0.0.1" });
      assert.match(base, /^https:\/\//);
      const session = await tlsRequest(`${base}/api/session`, certificate.cert);
      assert.equal(session.status, 401);
      assert.equal(session.headers["strict-transport-security"], HSTS_VALUE);
      assertSecurityHeaders(session.headers, "over TLS");
      const login = await tlsRequest(`${base}/api/auth/login`, certificate.cert, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      assert.equal(login.status, 200, login.body);
      assert.equal(login.headers["strict-transport-security"], HSTS_VALUE);
      const setCookie = String(login.headers["set-cookie"]);
      assert.match(setCookie, /^ob_session=[^;]+;/);
      assert.match(setCookie, /; Secure/);
      assert.match(setCookie, /; HttpOnly/);
    });

    test("the session cookie is HttpOnly, SameSite=Lax, Path=/ and lives as long as the session; Secure in production mode", async () => {
      const login = await logIn(platform.app, email);
      assert.equal(login.status, 200);
      const cookie = login.cookie!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      assert.equal(cookie.path, "/");
      assert.equal(cookie.maxAge, platform.ctx.sessionTtlMs / 1000, "Max-Age is the session's lifetime");
      assert.ok(cookie.maxAge! <= 12 * 60 * 60, "at most 12 hours");
      assert.ok(!cookie.secure, "plain HTTP on localhost in demo mode: not Secure, so the demo works");
      assert.ok(login.token.length >= 43, "32 random bytes");

      const production = await appWith({}, { ...platform.ctx, secureCookies: true });
      const secured = await logIn(production, email);
      assert.equal(secured.cookie?.secure, true, secured.setCookie);

      // The server ends the session when the cookie would: the clock passes its lifetime.
      assert.equal(await sessionOf(platform.app, login.token), 200);
      platform.clock.advance(platform.ctx.sessionTtlMs + 1000);
      assert.equal(await sessionOf(platform.app, login.token), 401, "an expired session is refused");
    });

    test("changes need the session's own CSRF token", async () => {
      const mine = await logIn(platform.app, email);
      const other = await logIn(platform.app, email);
      const without = await post(platform.app, "/api/auth/logout", mine.token);
      assert.equal(without.statusCode, 403);
      assert.equal(without.json().code, "CSRF_FAILED");
      const foreign = await post(platform.app, "/api/auth/logout", mine.token, other.csrfToken);
      assert.equal(foreign.statusCode, 403, "another session's token does not do");
      assert.equal(await sessionOf(platform.app, mine.token), 200, "refused changes changed nothing");
      assert.equal(
        (await post(platform.app, "/api/auth/logout", mine.token, mine.csrfToken)).statusCode,
        204,
      );
    });

    test("login starts a new session: the token from before (planted or the previous one) does not survive", async () => {
      const first = await logIn(platform.app, email);
      const second = await logIn(platform.app, email, { cookie: first.token });
      assert.equal(second.status, 200);
      assert.notEqual(second.token, first.token, "a new token at each login");
      assert.notEqual(second.csrfToken, first.csrfToken, "and a new CSRF token");
      assert.equal(
        await sessionOf(platform.app, first.token),
        401,
        "the session the browser came with ended",
      );
      assert.equal(await sessionOf(platform.app, second.token), 200);

      // Session fixation: an attacker plants their own valid session in the victim's browser.
      const attackerEmail = uniqueEmail("attacker");
      await new ApiClient(platform.app).signUp(attackerEmail, PASSWORD);
      const planted = await logIn(platform.app, attackerEmail);
      const victim = await logIn(platform.app, email, { cookie: planted.token });
      assert.notEqual(victim.token, planted.token);
      assert.equal(
        await sessionOf(platform.app, planted.token),
        401,
        "the planted token is worth nothing now",
      );
      // …or a token of their own making: never adopted.
      const invented = "a".repeat(43);
      const fresh = await logIn(platform.app, email, { cookie: invented });
      assert.notEqual(fresh.token, invented);
      assert.equal(await sessionOf(platform.app, invented), 401);

      // Sign-up rotates too.
      const signUp = await platform.app.inject({
        method: "POST",
        url: "/api/auth/signup",
        remoteAddress: "10.12.0.1",
        headers: { "content-type": "application/json", cookie: `ob_session=${fresh.token}` },
        payload: JSON.stringify({
          email: uniqueEmail("newcomer"),
          password: PASSWORD,
          displayName: "李四",
          accountType: "personal",
        }),
      });
      assert.equal(signUp.statusCode, 201);
      assert.equal(await sessionOf(platform.app, fresh.token), 401, "the previous user's session ended");
    });

    test("logout ends the session on the server: a copy of the cookie elsewhere stops working", async () => {
      const login = await logIn(platform.app, email);
      const elsewhere = login.token; // the same cookie, copied to another client
      assert.equal(await sessionOf(platform.app, elsewhere), 200);
      const logout = await post(platform.app, "/api/auth/logout", login.token, login.csrfToken);
      assert.equal(logout.statusCode, 204);
      const cleared = logout.cookies.find((cookie) => cookie.name === "ob_session");
      assert.equal(cleared?.value, "", "the browser's cookie is cleared");
      assert.equal(cleared?.path, "/");
      assert.equal(await sessionOf(platform.app, elsewhere), 401);
      const row = await platform.ctx.db
        .selectFrom("session")
        .select("user_id")
        .where("csrf_token", "=", login.csrfToken)
        .executeTakeFirst();
      assert.equal(row, undefined, "the session row is gone");
    });

    test("logout-all ends every session of the user, this one included, and nobody else's", async () => {
      const laptop = await logIn(platform.app, email);
      const phone = await logIn(platform.app, email);
      const office = await logIn(platform.app, email);
      const otherEmail = uniqueEmail("bystander");
      await new ApiClient(platform.app).signUp(otherEmail, PASSWORD);
      const bystander = await logIn(platform.app, otherEmail);
      const before = await platform.ctx.db
        .selectFrom("session")
        .innerJoin("app_user", "app_user.id", "session.user_id")
        .select("session.id_hash")
        .where("app_user.email", "=", email)
        .execute();

      assert.equal((await post(platform.app, "/api/auth/logout-all", phone.token)).statusCode, 403, "CSRF");
      assert.equal(
        (await platform.app.inject({ method: "POST", url: "/api/auth/logout-all" })).statusCode,
        401,
      );

      const ended = await post(platform.app, "/api/auth/logout-all", phone.token, phone.csrfToken);
      assert.equal(ended.statusCode, 200, ended.body);
      assert.deepEqual(ended.json(), { sessionsEnded: before.length });
      assert.ok(before.length >= 3);
      assert.equal(ended.cookies.find((cookie) => cookie.name === "ob_session")?.value, "");
      for (const token of [laptop.token, phone.token, office.token])
        assert.equal(await sessionOf(platform.app, token), 401);
      assert.equal(await sessionOf(platform.app, bystander.token), 200, "another user stays signed in");

      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .select("detail")
        .where("action", "=", "session.logout_all")
        .execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(JSON.parse(audit[0]!.detail), { sessionsEnded: before.length });

      const again = await logIn(platform.app, email);
      assert.equal(await sessionOf(platform.app, again.token), 200, "logging in again works");
    });
  });
}
