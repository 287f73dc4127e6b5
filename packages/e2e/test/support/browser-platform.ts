import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Worker,
  buildApp,
  openPlatform,
  seedDemo,
  type Platform,
  type PlatformOptions,
} from "@openbeian/server";
import { chromium, type Browser, type Page } from "playwright-core";
import pino from "pino";
import { PG_URL, ROOT, adminQuery } from "./processes.ts";

/**
 * What the browser journeys start from: the platform in-process on a fresh database (a SQLite
 * file, or on PostgreSQL a schema of its own) with the demo seeded and the built web app served,
 * and Debian's chromium to drive it.
 */
const WEB_DIST = join(ROOT, "packages/web/dist");
export const CHROMIUM = "/usr/bin/chromium";

export interface BrowserPlatformOptions {
  /** Names the temporary directory (openbeian-<name>-…). */
  name: string;
  /** "postgres" for a schema of its own at TEST_DATABASE_URL; anything else a SQLite file. */
  engine?: string;
  /** The platform's clock and DNS, where a test moves time or points domains at itself. */
  platform?: Pick<PlatformOptions, "clock" | "domainResolver">;
  /** A worker polling every 200 ms, for the jobs a test waits for (notifications). */
  worker?: boolean;
  /** chromium flags beside the usual ones. */
  chromiumArgs?: string[];
  /** The pages' default time-out (10 s unless given). */
  pageTimeout?: number;
}

export interface BrowserPlatform {
  platform: Platform;
  baseUrl: string;
  regulatorToken: string;
  browser: Browser;
  /** The script errors of every page opened by newPage. */
  pageErrors: string[];
  /**
   * A desktop page in its own context, in Chinese on Beijing time; `permissions` granted for
   * the platform. The system asks for reduced motion unless `reducedMotion` says otherwise.
   */
  newPage(options?: { permissions?: string[]; reducedMotion?: "reduce" | "no-preference" }): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the web app when packages/web/dist is missing. */
function ensureWebBuilt() {
  if (existsSync(join(WEB_DIST, "index.html"))) return;
  const build = spawnSync("npm", ["run", "build", "-w", "@openbeian/web"], { cwd: ROOT, stdio: "inherit" });
  assert.equal(build.status, 0, "building the web app failed");
}

export async function startBrowserPlatform(options: BrowserPlatformOptions): Promise<BrowserPlatform> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), `openbeian-${options.name}-`));
  let schema: string | undefined;
  if (options.engine === "postgres") {
    schema = `e2e_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
  }
  const regulatorToken = randomBytes(24).toString("base64url").slice(0, 32);
  const platform = await openPlatform({
    databaseUrl: schema ? PG_URL : join(dataDir, "e2e.sqlite"),
    pgSchema: schema,
    storageDir: join(dataDir, "files"),
    dataKey: randomBytes(32),
    regulatorToken,
    logger: pino({ level: "silent" }),
    ...options.platform,
  });
  await seedDemo(platform.ctx);
  const app = await buildApp(platform.ctx, { webDist: WEB_DIST, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  assert.ok(address && typeof address === "object", "the platform listens on a TCP port");
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const worker = options.worker ? new Worker(platform.ctx) : null;
  worker?.start(200);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      ...(options.chromiumArgs ?? []),
    ],
  });
  const pageErrors: string[] = [];
  return {
    platform,
    baseUrl,
    regulatorToken,
    browser,
    pageErrors,
    newPage: async ({ permissions, reducedMotion = "reduce" } = {}) => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        // The console honours the system's reduced-motion setting: dialogs and menus appear
        // at once, so no click lands on one still zooming in (reduced-motion.test.ts tries
        // both settings).
        reducedMotion,
      });
      if (permissions) await context.grantPermissions(permissions, { origin: baseUrl });
      const page = await context.newPage();
      page.setDefaultTimeout(options.pageTimeout ?? 10_000);
      page.on("pageerror", (error) => pageErrors.push(error.message));
      return page;
    },
    close: async () => {
      await browser.close();
      await worker?.stop();
      await app.close();
      await platform.close();
      if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
