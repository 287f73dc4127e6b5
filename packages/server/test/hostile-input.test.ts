import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ERROR_CATALOGUE } from "@openbeian/core";
import fc from "fast-check";
import type { RouteEntry } from "../src/http/route-table.ts";
import { ChangeWatch } from "./support/db-digest.ts";
import {
  STAFF_PASSWORD,
  personalOrder,
  readyApplicant,
  staffClient,
  uniqueEmail,
} from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import {
  bodylessAttacks,
  hostileBody,
  hostileQuery,
  hostileSegment,
  overLimitBody,
  validValue,
  type HostileBody,
  type JsonSchema,
} from "./support/schema-fuzz.ts";
import { createUser } from "../src/identity/accounts.ts";

/**
 * Issue 11, hostile input: every route in the app's route table is sent payloads
 * generated from its own schema (wrong types, unknown fields, control characters,
 * lone surrogates, bidi overrides, mixed scripts, 100 KB strings, bodies over the
 * 1 MiB limit, 10,000 levels of nesting, prototype keys, broken JSON, wrong
 * content types; hostile query strings and path segments). Each answer is below
 * 500, each refusal carries a catalogued code with a zh/en message, and a refusal
 * leaves the database exactly as it was (a digest of every table before and after).
 * Requests are made past authentication: an applicant with a draft order, an
 * administrator, the regulator's bearer token.
 *
 * Reproduce a failure with the seed printed in it: HOSTILE_SEED=<seed>.
 */
const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_302);
/** Generated bodies per JSON route (each route also gets one over the body limit). */
const BODY_RUNS = 40;
const QUERY_RUNS = 20;
const OPEN_QUERY_RUNS = 3;
const SEGMENT_RUNS = 10;
/**
 * Tables a refusal may legitimately change: only the limits' attempt counts, which
 * count refused requests too (kept in the database on PostgreSQL, http/attempt-counter.ts).
 */
const MAY_CHANGE_ON_REFUSAL: readonly string[] = ["rate_window"];
/** What a fuzzer has no business poking: the API documentation UI, metrics, health. */
const isApiRoute = (route: RouteEntry) => route.url.startsWith("/api/") && !route.url.startsWith("/api/docs");
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Actor {
  headers: Record<string, string>;
}

interface World {
  applicant: Actor;
  admin: Actor;
  regulator: Actor;
  anonymous: Actor;
  orderId: string;
  materialId: string;
  domainId: string;
  serverId: string;
  serviceCode: string;
  reviewerUserId: string;
}

for (const engine of engines()) {
  describe(`hostile input (${engine})`, () => {
    let platform: TestPlatform;
    let world: World;
    let watch: ChangeWatch;
    let sent = 0;
    /** Answers by status and code, and the routes that were refused as if signed out. */
    const answers = new Map<string, number>();
    const unauthenticated = new Set<string>();
    let address = 0;

    before(async () => {
      platform = await startTestPlatform(engine);
      world = await prepareWorld(platform);
      watch = await ChangeWatch.start(platform, MAY_CHANGE_ON_REFUSAL);
    });
    after(async () => {
      await watch?.close();
      await platform.close();
    });

    const routes = () => platform.app.routeTable.filter(isApiRoute);
    const schemaOf = (route: RouteEntry, part: "body" | "querystring" | "params") =>
      (route.schema as Record<string, JsonSchema | undefined> | undefined)?.[part];

    const actorFor = (url: string): Actor => {
      if (url.startsWith("/api/internal/")) return world.regulator;
      if (url.startsWith("/api/review/") || url.startsWith("/api/admin/")) return world.admin;
      // Logging in or signing up ends the session the browser came with: these go without one.
      if (url.startsWith("/api/handoff") || /^\/api\/auth\/(login|signup|password-reset)/.test(url)) {
        return world.anonymous;
      }
      return world.applicant;
    };

    /** Real ids where the route names a thing of the applicant's, so requests get past "not found". */
    const knownParam = (url: string, name: string): string => {
      if (name === "materialId") return world.materialId;
      if (name === "document") return "verification-form.pdf";
      if (name === "province") return "33";
      if (name === "code") return world.serviceCode;
      if (/^\/api\/(review\/)?orders\/:id/.test(url)) return world.orderId;
      if (url.startsWith("/api/domains/")) return world.domainId;
      if (url.startsWith("/api/servers/")) return world.serverId;
      if (url.startsWith("/api/admin/staff/")) return world.reviewerUserId;
      return "01hzzzzzzzzzzzzzzzzzzzzzzz";
    };
    const fill = (url: string, override: Record<string, string> = {}) =>
      url.replace(
        /:([A-Za-z]+)/g,
        (_match, name: string) => override[name] ?? encodeURIComponent(knownParam(url, name)),
      );

    /**
     * Sends one request from its own client address (the per-address rate limits
     * would otherwise answer 429 before the schema is even read), checks the
     * answer, and checks that a refusal changed nothing stored.
     */
    const probe = async (
      failures: string[],
      method: string,
      url: string,
      body: HostileBody | null,
      where: string,
    ): Promise<void> => {
      sent++;
      address++;
      const headers = { ...actorFor(url).headers };
      if (body?.contentType) headers["content-type"] = body.contentType;
      const response = await platform.app.inject({
        method: method as "GET",
        url,
        headers,
        remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
        ...(body ? { payload: body.payload } : {}),
      });
      const problem = problemWith(response.statusCode, response.body);
      const code = response.statusCode >= 400 ? codeOf(response.body) : "";
      const answer = `${response.statusCode} ${code}`.trim();
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (code === "UNAUTHENTICATED" || code === "CSRF_FAILED")
        unauthenticated.add(`${method} ${url.slice(0, 80)}`);
      const changedTables = await watch.changedSinceLast();
      // An accepted request may change things; the next refusal is judged from there.
      const changed = response.statusCode >= 400 ? changedTables : [];
      if (problem || changed.length > 0) {
        failures.push(
          `${method} ${url.slice(0, 160)} (${where}; seed ${SEED}): ${problem ?? `refused (${response.statusCode}) yet changed ${changed.join(", ")}`}` +
            `\n    answer: ${response.body.slice(0, 300)}` +
            (body ? `\n    sent (${body.contentType}): ${String(body.payload).slice(0, 300)}` : ""),
        );
      }
    };

    const report = (failures: string[]) =>
      assert.deepEqual(
        failures.slice(0, 25),
        [],
        `${failures.length} problem(s); reproduce with HOSTILE_SEED=${SEED}\n${failures.slice(0, 25).join("\n")}`,
      );

    test("every JSON body: refused with a stable code or accepted, never a 5xx, refusals change nothing", async (t) => {
      const failures: string[] = [];
      const started = sent;
      for (const route of routes().filter((entry) => UNSAFE.has(entry.method))) {
        const schema = schemaOf(route, "body");
        const url = fill(route.url);
        const bodies = schema
          ? [
              ...fc.sample(hostileBody(schema), { seed: routeSeed(route, "body"), numRuns: BODY_RUNS }),
              overLimitBody(),
            ]
          : bodylessAttacks;
        for (const [index, body] of bodies.entries()) {
          await probe(failures, route.method, url, body, `#${index} ${body.label}`);
        }
      }
      t.diagnostic(`${sent - started} bodies sent`);
      report(failures);
    });

    test("every query string: hostile values, repeated and unknown keys, broken escapes", async (t) => {
      const failures: string[] = [];
      const started = sent;
      for (const route of routes().filter((entry) => entry.method === "GET")) {
        const schema = schemaOf(route, "querystring");
        const runs = schema ? QUERY_RUNS : OPEN_QUERY_RUNS;
        const queries = fc.sample(hostileQuery(schema), { seed: routeSeed(route, "query"), numRuns: runs });
        const url = fill(route.url);
        for (const [index, { label, query }] of queries.entries()) {
          await probe(failures, "GET", `${url}?${query}`, null, `#${index} ${label}`);
        }
      }
      t.diagnostic(`${sent - started} query strings sent`);
      report(failures);
    });

    test("every path parameter: hostile segments in place of ids", async (t) => {
      const failures: string[] = [];
      const started = sent;
      for (const route of routes()) {
        const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
        if (names.length === 0) continue;
        const bodySchema = schemaOf(route, "body");
        // A body the schema accepts, so the request reaches the handler with the hostile id.
        const body: HostileBody | null = bodySchema
          ? {
              label: "valid body",
              contentType: "application/json",
              payload: JSON.stringify(
                fc.sample(validValue(bodySchema), { seed: routeSeed(route, "valid"), numRuns: 1 })[0],
              ),
            }
          : null;
        const segments = fc.sample(fc.tuple(fc.constantFrom(...names), hostileSegment), {
          seed: routeSeed(route, "params"),
          numRuns: SEGMENT_RUNS,
        });
        for (const [index, [name, segment]] of segments.entries()) {
          await probe(
            failures,
            route.method,
            fill(route.url, { [name]: segment }),
            body,
            `#${index} :${name}`,
          );
        }
      }
      t.diagnostic(`${sent - started} path parameters sent`);
      report(failures);
    });

    test("the prototype was never polluted; the requests got past authentication; thousands were sent", (t) => {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
      // Only the hand-off routes are sent without credentials (their token is a header of their own).
      assert.deepEqual(
        [...unauthenticated].filter((route) => !route.startsWith("POST /api/handoff")),
        [],
        "requests meant to be signed in were refused as signed out",
      );
      const tally = [...answers].sort((a, b) => b[1] - a[1]).map(([answer, count]) => `${answer}: ${count}`);
      t.diagnostic(`${sent} requests in all (seed ${SEED}); answers: ${tally.join(", ")}`);
      assert.ok(sent >= 2000, `only ${sent} requests`);
    });
  });
}

/** A refusal's body: a catalogued UPPER_SNAKE code and a message in Chinese and English. */
function problemWith(status: number, text: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  let body: { code?: unknown; message?: { zh?: unknown; en?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return `refusal ${status} is not JSON`;
  }
  if (
    typeof body.code !== "string" ||
    !/^[A-Z][A-Z0-9_]*$/.test(body.code) ||
    !(body.code in ERROR_CATALOGUE)
  ) {
    return `refusal ${status} without a catalogued code`;
  }
  const { zh, en } = body.message ?? {};
  if (typeof zh !== "string" || zh === "" || typeof en !== "string" || en === "") {
    return `refusal ${status} without a zh/en message`;
  }
  return null;
}

function codeOf(text: string): string {
  try {
    return String((JSON.parse(text) as { code?: unknown }).code);
  } catch {
    return "(not JSON)";
  }
}

/** Each route and part its own seed, stable when other routes are added. */
function routeSeed(route: RouteEntry, part: string): number {
  let hash = SEED | 0;
  for (const char of `${route.method} ${route.url} ${part}`)
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** An applicant with a draft order, materials and resources; an administrator; the regulator. */
async function prepareWorld(platform: TestPlatform): Promise<World> {
  const owner = await readyApplicant(platform);
  const created = await owner.client.post("/api/orders", { data: personalOrder(owner) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const orderId: string = created.body.id;
  await uploadStandardMaterials(owner.client, orderId);
  const materials = await owner.client.get(`/api/orders/${orderId}/materials`);
  const domains = await owner.client.get("/api/domains");
  const servers = await owner.client.get("/api/servers");
  const email: string = (await owner.client.get("/api/session")).body.user.email;

  const adminEmail = uniqueEmail("admin");
  await createUser(platform.ctx, {
    email: adminEmail,
    password: STAFF_PASSWORD,
    displayName: "管理员",
    accountType: "organization",
    role: "admin",
    accountKind: "provider",
  });
  // A reviewer for the staff routes to act on, so the administrator never demotes itself.
  await staffClient(platform, "reviewer");
  const reviewer = await platform.ctx.db
    .selectFrom("app_user")
    .select("id")
    .where("role", "=", "reviewer")
    .executeTakeFirstOrThrow();
  return {
    applicant: await sessionOf(platform, email, "Passw0rd!2026"),
    admin: await sessionOf(platform, adminEmail, STAFF_PASSWORD),
    regulator: { headers: { authorization: `Bearer ${platform.regulatorToken}` } },
    anonymous: { headers: {} },
    orderId,
    materialId: materials.body.items[0].id,
    domainId: domains.body.items[0].id,
    serverId: servers.body.items[0].id,
    serviceCode: owner.serviceCodes[1]!,
    reviewerUserId: reviewer.id,
  };
}

/** A session of its own (cookie and CSRF header), independent of any ApiClient. */
async function sessionOf(platform: TestPlatform, email: string, password: string): Promise<Actor> {
  const response = await platform.app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: "10.255.255.1",
    payload: { email, password },
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((item) => item.name === "ob_session")!;
  return {
    headers: { cookie: `ob_session=${cookie.value}`, "x-csrf-token": JSON.parse(response.body).csrfToken },
  };
}
