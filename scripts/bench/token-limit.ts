import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import pino from "pino";
import { createApiToken } from "../../packages/server/src/agency/api-tokens.ts";
import type { AttemptStore } from "../../packages/server/src/http/attempt-counter.ts";
import { buildApp } from "../../packages/server/src/http/app.ts";
import { openPlatform } from "../../packages/server/src/platform/bootstrap.ts";
import type { Engine } from "../../packages/server/src/platform/db.ts";
import { insertUser } from "./lifecycle.ts";

/**
 * What the per-token limit costs when it counts in the database (one upsert into
 * rate_window per request) rather than in the process's memory: API-token reads of the
 * account's order list (`GET /api/orders`, a route with no limit of its own, so the token's
 * count is the only one) per second under autocannon, on each engine with each store, the
 * memory store as the baseline in the same run. The limit is set far above what the run can
 * reach: every answer must be 200, or the bench throws rather than measure refusals.
 *
 * Sizes: BENCH_TOKEN_SECONDS per measurement (default 5), BENCH_CONCURRENCY connections
 * (default 8); the account holds no orders, so the route's own work is one indexed read.
 */
export interface TokenLimitFigures {
  memoryPerSecond: number;
  databasePerSecond: number;
}

const SECONDS = Number(process.env.BENCH_TOKEN_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

export async function benchTokenLimit(engine: Engine, pgUrl: string): Promise<TokenLimitFigures> {
  return {
    memoryPerSecond: await tokenReadsPerSecond(engine, "memory", pgUrl),
    databasePerSecond: await tokenReadsPerSecond(engine, "database", pgUrl),
  };
}

async function tokenReadsPerSecond(engine: Engine, store: AttemptStore, pgUrl: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "beian-token-"));
  const schema = `bench_token_${randomBytes(4).toString("hex")}`;
  if (engine === "postgres") await admin(pgUrl, `CREATE SCHEMA ${schema}`);
  const platform = await openPlatform({
    databaseUrl: engine === "postgres" ? pgUrl : join(dir, "token.sqlite"),
    storageDir: join(dir, "files"),
    pgSchema: engine === "postgres" ? schema : undefined,
    dataKey: randomBytes(32),
    regulatorToken: randomBytes(24).toString("base64url"),
    logger: pino({ level: "silent" }),
    rateLimitStore: store,
    tokenRateLimitPerMinute: 1_000_000_000,
  });
  try {
    const { ctx } = platform;
    const { accountId, userId } = await insertUser(ctx, {
      role: "applicant",
      name: "张三",
      passwordHash: "not used: the token signs in",
    });
    const viewer = {
      userId,
      accountId,
      role: "applicant" as const,
      email: "bench@example.cn",
      displayName: "张三",
      csrfToken: "",
    };
    const { token } = await createApiToken(ctx, viewer, { name: "bench", scopes: ["read"] });
    const app = await buildApp(ctx, { logger: false });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const request = { url: `${base}/api/orders`, headers: { authorization: `Bearer ${token}` } };
    try {
      await autocannon({ ...request, connections: CONCURRENCY, duration: 1 }); // warm-up
      const result = await autocannon({ ...request, connections: CONCURRENCY, duration: SECONDS });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`token bench: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
      if (store === "database") {
        const windows = await ctx.db.selectFrom("rate_window").select("count").execute();
        if (!windows.some((row) => Number(row.count) >= result.requests.total))
          throw new Error("token bench: the database store did not count the requests");
      }
      return result.requests.average;
    } finally {
      await app.close();
    }
  } finally {
    await platform.close();
    if (engine === "postgres") await admin(pgUrl, `DROP SCHEMA ${schema} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function admin(pgUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(statement);
  await client.end();
}
