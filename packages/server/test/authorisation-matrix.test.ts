import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ERROR_CATALOGUE, type ErrorCode } from "@openbeian/core";
import type { TokenScope } from "../src/agency/scopes.ts";
import type { Role } from "../src/platform/schema.ts";
import { checkTransferTarget } from "../src/filing/transfer.ts";
import { buildAccessFixtures, type AccessFixtures } from "./support/access-fixtures.ts";
import { ApiClient } from "./support/client.ts";
import { APPLICANT_PASSWORD, STAFF_PASSWORD, uniqueEmail } from "./support/factories.ts";
import { Sessions, send, type Answer } from "./support/access-requests.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { ROUTE_ACCESS, type RouteAccess, type Target, type User } from "./support/route-access.ts";

/**
 * The authorisation matrix (issue 11): every route in `app.routeTable` × every kind of
 * caller, the expected outcome derived from the route's entry in route-access.ts.
 *   allowed: anything but 401/403/404 (a 409 from the state machine or a 422 is fine;
 *            a VALIDATION_FAILED means the matrix's own request is wrong);
 *   401 for no credentials, 403 for a role, scope or CSRF header that is missing,
 *   404 for another account's data (never 403, and never its data: A's answers carry
 *   nothing of B's), 403 REVIEW_OWN_ACCOUNT for staff deciding on their own account's order.
 * A route without an entry, or an entry without a route, fails by name.
 */
type Outcome = "allowed" | { status: number; code: ErrorCode };
const ALLOWED = "allowed" as const;
const refused = (code: ErrorCode): Outcome => ({ status: ERROR_CATALOGUE[code].status, code });

type Credential =
  | { kind: "none" }
  | { kind: "session"; user: User; role: Role; csrf: boolean }
  | { kind: "token"; token: string; role: Role; scopes: readonly TokenScope[] }
  | { kind: "revokedToken"; token: string }
  | { kind: "regulator"; token: string; valid: boolean }
  | { kind: "handoff"; token: string; valid: boolean };

interface Caller {
  name: string;
  credential: Credential;
  /** Whose data the request names: the caller's (staff: A's), B's, or the provider's own order. */
  on: "own" | "other" | "ownAccount";
  user: User;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const RANK: Record<Role, number> = { applicant: 0, reviewer: 1, supervisor: 2, admin: 3 };

function expectedOutcome(entry: RouteAccess, method: string, caller: Caller): Outcome {
  const credential = caller.credential;
  let role: Role | null = null;
  if (credential.kind === "revokedToken") return refused("TOKEN_INVALID");
  if (credential.kind === "token") {
    if (entry.token === "session") return refused("TOKEN_SESSION_REQUIRED");
    if (!credential.scopes.includes(entry.token)) return refused("TOKEN_SCOPE_MISSING");
    role = credential.role;
  }
  if (credential.kind === "session") {
    if (UNSAFE.has(method) && !entry.csrfExempt && !credential.csrf) return refused("CSRF_FAILED");
    role = credential.role;
  }
  switch (entry.access) {
    case "public":
      return ALLOWED;
    case "regulator":
      return credential.kind === "regulator" && credential.valid ? ALLOWED : refused("UNAUTHENTICATED");
    case "handoff":
      // The link's token is a required header: without one the schema refuses the request.
      if (credential.kind !== "handoff") return refused("VALIDATION_FAILED");
      return credential.valid ? ALLOWED : refused("HANDOFF_LINK_INVALID");
  }
  if (role === null) return refused("UNAUTHENTICATED");
  if (entry.access === "signedIn") return caller.on === "other" ? refused("NOT_FOUND") : ALLOWED;
  if (entry.access === "applicant") {
    if (role !== "applicant") return refused("FORBIDDEN");
    return caller.on === "other" ? refused("NOT_FOUND") : ALLOWED;
  }
  if (RANK[role] < RANK[entry.access]) return refused("FORBIDDEN");
  if (caller.on === "ownAccount" && entry.ownAccount === "refused") return refused("REVIEW_OWN_ACCOUNT");
  return ALLOWED;
}

/** The callers a route is tried with: each kind once, and the variants its entry calls for. */
function callersFor(entry: RouteAccess, method: string, setup: AccessFixtures): Caller[] {
  const { fx, tokens, handoffToken, regulatorToken } = setup;
  const a = fx.a.user;
  const session = (user: User, role: Role, csrf = true): Credential => ({
    kind: "session",
    user,
    role,
    csrf,
  });
  const staff = (["reviewer", "supervisor", "admin"] as const).map((role) => ({
    name: role,
    credential: session(fx.staff[role], role),
    on: "own" as const,
    user: fx.staff[role],
  }));
  const callers: Caller[] = [
    { name: "anonymous", credential: { kind: "none" }, on: "own", user: a },
    { name: "applicant A", credential: session(a, "applicant"), on: "own", user: a },
    ...staff,
    ...(
      [
        ["A's read token", tokens.applicantRead, "applicant", ["read"]],
        ["A's file token", tokens.applicantFile, "applicant", ["file"]],
        ["the reviewer's read token", tokens.staffRead, "reviewer", ["read"]],
        ["the reviewer's review token", tokens.staffReview, "reviewer", ["review"]],
      ] as const
    ).map(([name, token, role, scopes]) => ({
      name,
      credential: { kind: "token", token, role, scopes } as const,
      on: "own" as const,
      user: role === "applicant" ? a : fx.staff.reviewer,
    })),
    {
      name: "A's revoked token",
      credential: { kind: "revokedToken", token: tokens.applicantRevoked },
      on: "own",
      user: a,
    },
    {
      name: "the regulator",
      credential: { kind: "regulator", token: regulatorToken, valid: true },
      on: "own",
      user: a,
    },
    {
      name: "A's hand-off link",
      credential: { kind: "handoff", token: handoffToken, valid: true },
      on: "own",
      user: a,
    },
  ];
  if (entry.scoped) {
    callers.push({
      name: "applicant A on B's data",
      credential: session(a, "applicant"),
      on: "other",
      user: fx.b.user,
    });
  }
  if (UNSAFE.has(method)) {
    callers.push({
      name: "applicant A without the CSRF header",
      credential: session(a, "applicant", false),
      on: "own",
      user: a,
    });
  }
  if (entry.ownAccount) {
    for (const caller of staff)
      callers.push({ ...caller, name: `${caller.name} on their own account's order`, on: "ownAccount" });
  }
  if (entry.access === "regulator") {
    const forged = "x".repeat(regulatorToken.length);
    callers.push({
      name: "a forged regulator token",
      credential: { kind: "regulator", token: forged, valid: false },
      on: "own",
      user: a,
    });
  }
  if (entry.access === "handoff") {
    callers.push({
      name: "a forged hand-off link",
      credential: { kind: "handoff", token: `obh_${"x".repeat(43)}`, valid: false },
      on: "own",
      user: a,
    });
  }
  return callers;
}

/** Where the request points: A's data (staff work on A's orders), B's, or the provider's own order. */
function targetOf(caller: Caller, setup: AccessFixtures): Target {
  const { fx } = setup;
  if (caller.on === "other") return { data: fx.b, user: fx.b.user, fx };
  if (caller.on === "ownAccount") {
    const { order, materialId } = fx.provider;
    return { data: { ...fx.a, order, filed: order, materialId }, user: caller.user, fx };
  }
  return { data: fx.a, user: caller.user, fx };
}

interface Said {
  status: number;
  code: string | undefined;
  message: { zh?: unknown; en?: unknown } | undefined;
}

/** What an answer says; for a bulk action, what its first item's result says. */
function saidBy(entry: RouteAccess, answer: Answer): Said {
  const item = answer.status < 300 && entry.itemError ? entry.itemError(answer.body ?? {}) : undefined;
  if (item) {
    const status = ERROR_CATALOGUE[item.code as ErrorCode]?.status ?? 500;
    return { status, code: item.code, message: item.message };
  }
  return { status: answer.status, code: answer.body?.code, message: answer.body?.message };
}

const AUTHORISATION_ANSWERS = new Set([401, 403, 404]);

/** Why the answer does not match the expected outcome, or null. */
function mismatch(expected: Outcome, entry: RouteAccess, answer: Answer): string | null {
  const { status, code, message } = saidBy(entry, answer);
  const said = `${status}${code ? ` ${code}` : ""}`;
  if (expected === ALLOWED) {
    if (AUTHORISATION_ANSWERS.has(status)) return `allowed expected, got ${said}`;
    if (code === "VALIDATION_FAILED") return `the matrix's request is invalid: ${answer.text.slice(0, 300)}`;
    if (status === 429 || code === "INTERNAL") return `allowed expected, got ${said}`;
    return null;
  }
  if (status !== expected.status || code !== expected.code) {
    return `${expected.status} ${expected.code} expected, got ${said}`;
  }
  // A refusal is an error and nothing else: the stable code and its zh/en message.
  if (typeof message?.zh !== "string" || typeof message.en !== "string")
    return `${said} without a zh/en message`;
  return null;
}

/** Anything that names B's account or its things, which no answer to A may carry. */
function markersOf(setup: AccessFixtures): string[] {
  const { b } = setup.fx;
  return [
    b.accountId,
    b.user.id,
    b.user.email,
    b.certificateNumber,
    b.order.id,
    b.order.number,
    b.filed.id,
    b.filed.number,
    b.domain,
    b.websiteId,
    b.webhookId,
    b.deliveryId,
    b.recipientId,
  ];
}

class Matrix {
  private readonly sessions: Sessions;

  constructor(
    private readonly platform: TestPlatform,
    private readonly setup: AccessFixtures,
  ) {
    this.sessions = new Sessions(platform.app);
  }

  /** Every caller on the route; returns what went wrong, one line each. */
  async check(key: string, entry: RouteAccess): Promise<string[]> {
    const [method = "", url = ""] = key.split(" ");
    const problems: string[] = [];
    const markers = markersOf(this.setup);
    for (const caller of callersFor(entry, method, this.setup)) {
      const expected = expectedOutcome(entry, method, caller);
      const req = (await entry.request?.(targetOf(caller, this.setup))) ?? {};
      const headers = await this.credentialHeaders(caller, entry);
      const answer = await send(this.platform.app, { method, url, req, headers });
      if (entry.endsSession === "all") this.sessions.forgetAll();
      const wrong = mismatch(expected, entry, answer);
      if (wrong) problems.push(`${caller.name}: ${wrong}`);
      // Whatever A is answered, allowed or refused, carries nothing of B's beyond what A sent.
      if (caller.user === this.setup.fx.a.user || caller.on === "other") {
        const sent = `${JSON.stringify(req)}`;
        const leaked = markers.filter((marker) => !sent.includes(marker) && answer.text.includes(marker));
        if (leaked.length > 0) problems.push(`${caller.name}: the answer carries B's ${leaked.join(", ")}`);
      }
    }
    return problems;
  }

  private async credentialHeaders(caller: Caller, entry: RouteAccess): Promise<Record<string, string>> {
    const credential = caller.credential;
    switch (credential.kind) {
      case "none":
        return {};
      case "session": {
        const { email, password } = credential.user;
        const session = entry.endsSession
          ? await this.sessions.fresh(email, password)
          : await this.sessions.of(email, password);
        return { cookie: session.cookie, ...(credential.csrf ? { "x-csrf-token": session.csrfToken } : {}) };
      }
      case "token":
      case "revokedToken":
      case "regulator":
        return { authorization: `Bearer ${credential.token}` };
      case "handoff":
        return { "x-handoff-token": credential.token };
    }
  }
}

for (const engine of engines()) {
  describe(`authorisation matrix (${engine})`, () => {
    let platform: TestPlatform;
    let setup: AccessFixtures;
    let matrix: Matrix;
    const routes = () => new Set(platform.app.routeTable.map((route) => `${route.method} ${route.url}`));

    before(async () => {
      platform = await startTestPlatform(engine);
      setup = await buildAccessFixtures(platform);
      matrix = new Matrix(platform, setup);
    });
    after(() => platform.close());

    test("every route has an entry in route-access.ts, and every entry a route", () => {
      const registered = routes();
      const missing = [...registered].filter((route) => !(route in ROUTE_ACCESS));
      const stale = Object.keys(ROUTE_ACCESS).filter((route) => !registered.has(route));
      assert.deepEqual(
        missing,
        [],
        `routes without an entry in test/support/route-access.ts: ${missing.join(", ")}`,
      );
      assert.deepEqual(stale, [], `entries for routes that no longer exist: ${stale.join(", ")}`);
    });

    // "A reviewer cannot decide on an order of their own account": such orders cannot arise through
    // the API at all; the rule (review/decisions.ts) guards the one made in code, route by route below.
    test("the provider's own orders: no route makes one, and staff see one but never decide on it", async () => {
      const { fx } = setup;
      const as = async (user: User) => {
        const client = new ApiClient(platform.app);
        await client.logIn(user.email, user.password);
        return client;
      };
      // Sign-up makes a customer account with an applicant, whatever kind of account is asked for.
      const newcomer = new ApiClient(platform.app);
      const signedUp = await newcomer.request("POST", "/api/auth/signup", {
        email: uniqueEmail("organisation"),
        password: APPLICANT_PASSWORD,
        displayName: "某某科技有限公司",
        accountType: "organization",
      });
      assert.equal(signedUp.status, 201, JSON.stringify(signedUp.body));
      assert.equal(signedUp.body.user.role, "applicant");
      const account = await platform.ctx.db
        .selectFrom("account")
        .select("kind")
        .where("id", "=", signedUp.body.user.accountId)
        .executeTakeFirstOrThrow();
      assert.equal(account.kind, "customer");
      // Staff are made in the provider's account with a staff role; "applicant" is none of them.
      const admin = await as(fx.staff.admin);
      const asApplicant = {
        email: uniqueEmail("insider"),
        displayName: "内部",
        role: "applicant",
        password: STAFF_PASSWORD,
      };
      assert.equal((await admin.post("/api/admin/staff", asApplicant)).status, 400);
      assert.equal(
        (await admin.post(`/api/admin/staff/${fx.spareStaffId}/role`, { role: "applicant" })).status,
        400,
      );
      // …and an applicant never becomes staff: to the staff page, customers' users do not exist.
      const promote = await admin.post(`/api/admin/staff/${fx.a.user.id}/role`, { role: "reviewer" });
      assert.equal(promote.status, 404);
      assert.equal(promote.body.code, "NOT_FOUND");
      // Neither a transfer nor a granted service code reaches a provider account.
      await assert.rejects(checkTransferTarget(platform.ctx.db, fx.b.accountId, fx.provider.accountId), {
        code: "TRANSFER_TARGET_INVALID",
      });
      const a = await as(fx.a.user);
      const grant = await a.post(`/api/service-codes/${fx.a.serviceCode}/grant`, {
        email: fx.staff.reviewer.email,
      });
      assert.equal(grant.status, 404);
      assert.equal(grant.body.code, "GRANTEE_NOT_FOUND");
      // Made in code anyway (the fixture's insider), staff see the order and are offered nothing;
      // the matrix refuses every decision on it with REVIEW_OWN_ACCOUNT.
      const view = await (await as(fx.staff.supervisor)).get(`/api/review/orders/${fx.provider.order.id}`);
      assert.equal(view.status, 200, JSON.stringify(view.body));
      assert.equal(view.body.ownAccount, true);
      assert.deepEqual(view.body.allowedActions, []);
    });

    for (const [key, entry] of Object.entries(ROUTE_ACCESS)) {
      test(key, async () => {
        assert.ok(routes().has(key), `${key} is not a route (any more)`);
        const problems = await matrix.check(key, entry);
        if (problems.length > 0) assert.fail(`${key}:\n  ${problems.join("\n  ")}`);
      });
    }
  });
}
