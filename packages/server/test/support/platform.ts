import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "@openbeian/core";
import pg from "pg";
import pino, { type Logger } from "pino";
import { buildApp } from "../../src/http/app.ts";
import { openPlatform, type Platform } from "../../src/platform/bootstrap.ts";
import { offlineResolver, type DomainResolver } from "../../src/review/domain-resolver.ts";
import type { Engine } from "../../src/platform/db.ts";
import type { MailSettings, SmsSettings } from "../../src/platform/notify-config.ts";
import type { App } from "../../src/http/types.ts";
import { Worker } from "../../src/worker/worker.ts";

/**
 * Service tests run on both engines. SQLite uses a private in-memory database;
 * PostgreSQL gets a fresh schema per test platform, dropped afterwards. The
 * server under test is reached through Fastify's inject (real routing,
 * validation, hooks and serialisation, without a socket).
 */
export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function engines(): Engine[] {
  return process.env.TEST_ENGINES
    ? (process.env.TEST_ENGINES.split(",") as Engine[])
    : ["sqlite", "postgres"];
}

export interface TestPlatform extends Platform {
  clock: ManualClock;
  app: App;
  worker: Worker;
  regulatorToken: string;
  /** Where uploaded files are stored (tests look at the bytes at rest). */
  storageDir: string;
  /** The database as a second process would open it (the gate's own connections). */
  databaseUrl: string;
  schema?: string;
  /** The key personal data and files are encrypted with. */
  dataKey: Buffer;
}

export interface TestPlatformOptions {
  poolSize?: number;
  /** Stories that move the clock by weeks keep their sessions alive with a longer lifetime. */
  sessionTtlMs?: number;
  /** A regulator (the simulator) for the bridge, and the token both sides share. */
  regulatorUrl?: string;
  regulatorToken?: string;
  /** DNS for the review risk signals; by default every lookup "fails" (no network in tests). */
  domainResolver?: DomainResolver;
  reviewSlaWorkingDays?: number;
  /** Webhooks to private addresses (default true here: the test receivers listen on 127.0.0.1). */
  webhookAllowPrivate?: boolean;
  /** Requests a minute per API token (default the platform's). */
  tokenRateLimitPerMinute?: number;
  /** Where limits count (default the engine's: the database on PostgreSQL, memory on SQLite). */
  rateLimitStore?: "memory" | "database";
  /** E-mail through an SMTP server (a real one the test runs) instead of the development mailbox. */
  mail?: MailSettings;
  /** An SMS provider's endpoint instead of the development SMS table. */
  sms?: SmsSettings;
  /** The portal's public URL (links in e-mails). */
  publicUrl?: string;
  /** Logs (the server's requests included) to this logger instead of none: tests that read the logs. */
  logger?: Logger;
  /**
   * Lay the platform out as `beian` commands find it under --data-dir: the SQLite file
   * `openbeian.sqlite` (instead of a private in-memory database), the uploads in `files`,
   * the data key in `secrets.json`. The directory is the caller's to remove.
   */
  dataDir?: string;
  /** The data key (default a random one) and previous keys still read, as during a key rotation. */
  dataKey?: Buffer;
  previousDataKeys?: Buffer[];
  /**
   * The database and files of another test platform (which removes them when it closes)
   * instead of new ones: that platform restarted, e.g. with other keys. SQLite needs its `dataDir`.
   */
  reopen?: TestPlatform;
}

export async function startTestPlatform(
  engine: Engine,
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const clock = new ManualClock("2026-03-02T01:00:00.000Z");
  const regulatorToken = options.regulatorToken ?? randomBytes(24).toString("base64url");
  const dataKey = options.dataKey ?? randomBytes(32);
  let databaseUrl = options.dataDir ? join(options.dataDir, "openbeian.sqlite") : ":memory:";
  let schema: string | undefined;
  const reopen = options.reopen;
  if (reopen) {
    if (reopen.databaseUrl === ":memory:") throw new Error("reopen: the first platform needs a dataDir");
    ({ databaseUrl, schema } = reopen);
  } else if (engine === "postgres") {
    schema = `t_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    databaseUrl = PG_URL;
  }
  const storageDir =
    reopen?.storageDir ??
    (options.dataDir ? join(options.dataDir, "files") : mkdtempSync(join(tmpdir(), "beian-files-")));
  if (options.dataDir && !reopen) {
    const secrets = { dataKey: dataKey.toString("base64"), regulatorToken };
    writeFileSync(join(options.dataDir, "secrets.json"), JSON.stringify(secrets), { mode: 0o600 });
  }
  const platform = await openPlatform({
    databaseUrl,
    storageDir,
    pgSchema: schema,
    dataKey,
    previousDataKeys: options.previousDataKeys,
    regulatorToken,
    clock,
    logger: options.logger ?? pino({ level: "silent" }),
    poolSize: options.poolSize,
    sessionTtlMs: options.sessionTtlMs,
    regulatorUrl: options.regulatorUrl,
    domainResolver: options.domainResolver ?? offlineResolver,
    reviewSlaWorkingDays: options.reviewSlaWorkingDays,
    webhookAllowPrivate: options.webhookAllowPrivate ?? true,
    tokenRateLimitPerMinute: options.tokenRateLimitPerMinute,
    rateLimitStore: options.rateLimitStore,
    mail: options.mail,
    sms: options.sms,
    publicUrl: options.publicUrl,
  });
  const app = await buildApp(platform.ctx, { logger: options.logger !== undefined });
  await app.ready();
  const worker = new Worker(platform.ctx, { id: "test-worker" });
  return {
    ...platform,
    clock,
    app,
    worker,
    regulatorToken,
    storageDir,
    databaseUrl,
    schema,
    dataKey,
    close: async () => {
      await app.close();
      await platform.close();
      if (reopen) return;
      if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
      if (!options.dataDir) rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
