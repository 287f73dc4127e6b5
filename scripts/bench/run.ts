/**
 * `npm run bench`: full first-filing lifecycles per second through the HTTP API
 * on SQLite and on PostgreSQL with 10,000 orders already stored, and, in the same
 * run on the same machine, a bare Fastify JSON route as the baseline. Each
 * figure is one line `name: value`.
 *
 * Sizes: BENCH_STORED_ORDERS (default 10000), BENCH_LIFECYCLES per engine
 * (default 300), BENCH_CONCURRENCY (default 8).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlatformClient } from "@openbeian/regulator-sim";
import autocannon from "autocannon";
import Fastify from "fastify";
import pg from "pg";
import pino from "pino";
import { buildApp } from "../../packages/server/src/http/app.ts";
import { openPlatform } from "../../packages/server/src/platform/bootstrap.ts";
import type { Engine } from "../../packages/server/src/platform/db.ts";
import { benchFooter } from "./footer.ts";
import { benchGateHttp } from "./gate-http.ts";
import { benchGateSet } from "./gate-set.ts";
import { benchLookup } from "./lookup.ts";
import { REQUESTS_PER_LIFECYCLE, prepareApplicants, runLifecycle, staffSession } from "./lifecycle.ts";
import { benchPrecheck } from "./precheck.ts";
import { seedStoredOrders } from "./seed-stored-orders.ts";
import { benchTokenLimit } from "./token-limit.ts";

const STORED = Number(process.env.BENCH_STORED_ORDERS ?? 10_000);
const LIFECYCLES = Number(process.env.BENCH_LIFECYCLES ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const print = (name: string, value: number | string) =>
  console.log(`${name}: ${typeof value === "number" ? round(value) : value}`);
/** Ratios keep four significant digits: they are small numbers that must not round to 0.01. */
const ratio = (value: number, baseline: number) => (value / baseline).toPrecision(4);
const round = (value: number) => (value >= 100 ? Math.round(value) : Math.round(value * 100) / 100);

async function benchLifecycles(engine: Engine): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "beian-bench-"));
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  if (engine === "postgres") await admin(`CREATE SCHEMA ${schema}`);
  const regulatorToken = randomBytes(24).toString("base64url");
  const platform = await openPlatform({
    databaseUrl: engine === "postgres" ? PG_URL : join(dir, "bench.sqlite"),
    storageDir: join(dir, "files"),
    pgSchema: engine === "postgres" ? schema : undefined,
    dataKey: randomBytes(32),
    regulatorToken,
    logger: pino({ level: "silent" }),
  });
  try {
    const storedApproved = await seedStoredOrders(platform.ctx, STORED);
    const applicants = await prepareApplicants(platform.ctx, LIFECYCLES);
    const reviewer = await staffSession(platform.ctx);
    const app = await buildApp(platform.ctx, { logger: false });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const regulator = new PlatformClient({ baseUrl: base, token: regulatorToken });
    await runLifecycle(base, applicants.pop()!, reviewer, regulator); // warm-up
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < applicants.length; index = next++) {
          await runLifecycle(base, applicants[index]!, reviewer, regulator);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const approved = await platform.ctx.db
      .selectFrom("filing_order")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("state", "=", "approved")
      .executeTakeFirstOrThrow();
    await app.close();
    // Every lifecycle ended approved: the stored ones, the measured ones and the warm-up.
    const expected = storedApproved + applicants.length + 1;
    if (Number(approved.n) !== expected)
      throw new Error(`expected ${expected} approved orders, found ${approved.n}`);
    return applicants.length / seconds;
  } finally {
    await platform.close();
    if (engine === "postgres") await admin(`DROP SCHEMA ${schema} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBareFastify(): Promise<number> {
  const app = Fastify();
  app.get("/json", async () => ({ hello: "world" }));
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const result = await autocannon({ url: `${base}/json`, connections: CONCURRENCY, duration: 5 });
  await app.close();
  return result.requests.average;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

const precheckFigures = await benchPrecheck();
print(
  "precheck.order",
  "typical personal first filing, Zhejiang, one website (scripts/bench/typical-order.ts)",
);
print("baseline.json_roundtrip_order.per_second", precheckFigures.baselinePerSecond);
print("precheck.node.per_second_one_core", precheckFigures.perSecond);
print(
  "precheck.node.ratio_to_json_roundtrip",
  ratio(precheckFigures.perSecond, precheckFigures.baselinePerSecond),
);
print("precheck.browser.bundle_bytes", precheckFigures.bundleBytes);
print("precheck.browser.mean_microseconds", precheckFigures.browserMeanMicroseconds ?? "n/a");

// The gate's filed-domain table (issue 7): fingerprints against a plain Set of the same names.
for (const count of [1_000_000, 5_000_000]) {
  const figures = benchGateSet(count);
  const size = `${count / 1_000_000}m`;
  print(`gate.set.${size}.load_ms`, Math.round(figures.loadMs));
  print(`gate.set.${size}.table_bytes_per_domain`, figures.tableBytesPerDomain.toFixed(2));
  print(`gate.set.${size}.heap_bytes_per_domain`, figures.heapBytesPerDomain.toFixed(2));
  print(`gate.set.${size}.lookups_per_second`, Math.round(figures.lookupsPerSecond));
  print(`baseline.js_set.${size}.lookups_per_second`, Math.round(figures.baselineSetLookupsPerSecond));
  print(
    `gate.set.${size}.ratio_to_js_set`,
    ratio(figures.lookupsPerSecond, figures.baselineSetLookupsPerSecond),
  );
  print(`gate.set.${size}.update_visible_microseconds`, figures.updateVisibleMicroseconds.toFixed(0));
}

// The public lookup (issue 8) with a million filings stored on SQLite, against a primary-key read.
const lookup = await benchLookup(Number(process.env.BENCH_LOOKUP_FILINGS ?? 1_000_000));
print("lookup.filings", lookup.filings);
print("baseline.sqlite_primary_key_read.microseconds", round(lookup.baselineMicroseconds));
print("lookup.by_domain.microseconds", round(lookup.domainMicroseconds));
print("lookup.by_number.microseconds", round(lookup.numberMicroseconds));
print("lookup.by_initials.microseconds", round(lookup.initialsMicroseconds));
print("lookup.by_name_substring.microseconds", round(lookup.substringMicroseconds));
print(
  "lookup.by_domain.ratio_to_primary_key_read",
  ratio(lookup.domainMicroseconds, lookup.baselineMicroseconds),
);

// The footer check (issue 8) against home pages on local servers, against plain fetches of the same pages.
await benchFooter(print);

// The gate over HTTP (issue 7): against bare node:http and nginx with the gate's own export, under wrk.
for (const count of [1_000_000, 5_000_000]) {
  const figures = await benchGateHttp(count);
  const size = `${count / 1_000_000}m`;
  print(`gate.http.${size}.requests_per_second`, Math.round(figures.gateRequestsPerSecond));
  print(`gate.http.${size}.p99_ms`, figures.gateP99Ms);
  print(`baseline.bare_node_http.${size}.requests_per_second`, Math.round(figures.bareNodeRequestsPerSecond));
  print(`baseline.bare_node_http.${size}.p99_ms`, figures.bareNodeP99Ms);
  print(`baseline.nginx_map.${size}.requests_per_second`, Math.round(figures.nginxRequestsPerSecond));
  print(`baseline.nginx_map.${size}.p99_ms`, figures.nginxP99Ms);
  print(`baseline.nginx_map.${size}.load_ms`, Math.round(figures.nginxLoadMs));
  print(`baseline.nginx_map.${size}.rss_bytes`, figures.nginxRssBytes);
  print(
    `gate.http.${size}.ratio_to_bare_node`,
    ratio(figures.gateRequestsPerSecond, figures.bareNodeRequestsPerSecond),
  );
  print(
    `gate.http.${size}.ratio_to_nginx`,
    ratio(figures.gateRequestsPerSecond, figures.nginxRequestsPerSecond),
  );
  print(`gate.http.${size}.load_ms`, Math.round(figures.gateLoadMs));
  print(`gate.http.${size}.rss_bytes_per_domain`, figures.gateRssBytesPerDomain.toFixed(2));
  print(`gate.http.${size}.update_visible_ms`, figures.gateUpdateVisibleMs.toFixed(1));
}

// The per-token limit (issue 10) counted in the database against counting in memory.
for (const engine of ["sqlite", "postgres"] as const) {
  const figures = await benchTokenLimit(engine, PG_URL);
  print(`api_token.${engine}.memory_limit.requests_per_second`, figures.memoryPerSecond);
  print(`api_token.${engine}.database_limit.requests_per_second`, figures.databasePerSecond);
  print(
    `api_token.${engine}.database_limit.ratio_to_memory_limit`,
    ratio(figures.databasePerSecond, figures.memoryPerSecond),
  );
}

print("bench.stored_orders", STORED);
print("bench.lifecycles_per_engine", LIFECYCLES);
print("bench.concurrency", CONCURRENCY);
print("bench.requests_per_lifecycle", REQUESTS_PER_LIFECYCLE);
const bare = await benchBareFastify();
print("baseline.bare_fastify_json.requests_per_second", bare);
for (const engine of ["sqlite", "postgres"] as const) {
  const perSecond = await benchLifecycles(engine);
  print(`lifecycle.${engine}.per_second`, perSecond);
  print(`lifecycle.${engine}.api_requests_per_second`, perSecond * REQUESTS_PER_LIFECYCLE);
  print(`lifecycle.${engine}.ratio_to_bare_fastify`, ratio(perSecond * REQUESTS_PER_LIFECYCLE, bare));
}
