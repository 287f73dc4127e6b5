import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "@openbeian/core";
import pg from "pg";
import pino from "pino";
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
  /** E-mail through an SMTP server (a real one the test runs) instead of the development mailbox. */
  mail?: MailSettings;
  /** An SMS provider's endpoint instead of the development SMS table. */
  sms?: SmsSettings;
  /** The portal's public URL (links in e-mails). */
  publicUrl?: string;
}

export async function startTestPlatform(
  engine: Engine,
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const clock = new ManualClock("2026-03-02T01:00:00.000Z");
  const regulatorToken = options.regulatorToken ?? randomBytes(24).toString("base64url");
  let databaseUrl = ":memory:";
  let schema: string | undefined;
  if (engine === "postgres") {
    schema = `t_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    databaseUrl = PG_URL;
  }
  const storageDir = mkdtempSync(join(tmpdir(), "beian-files-"));
  const platform = await openPlatform({
    databaseUrl,
    storageDir,
    pgSchema: schema,
    dataKey: randomBytes(32),
    regulatorToken,
    clock,
    logger: pino({ level: "silent" }),
    poolSize: options.poolSize,
    sessionTtlMs: options.sessionTtlMs,
    regulatorUrl: options.regulatorUrl,
    domainResolver: options.domainResolver ?? offlineResolver,
    reviewSlaWorkingDays: options.reviewSlaWorkingDays,
    webhookAllowPrivate: options.webhookAllowPrivate ?? true,
    mail: options.mail,
    sms: options.sms,
    publicUrl: options.publicUrl,
  });
  const app = await buildApp(platform.ctx, { logger: false });
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
    close: async () => {
      await app.close();
      await platform.close();
      if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
      rmSync(storageDir, { recursive: true, force: true });
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
