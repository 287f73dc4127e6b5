import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";

/**
 * The `beian` command as operators run it: a real process on a real SQLite file.
 * (PostgreSQL takes the same code path through DATABASE_URL; the service tests
 * cover it.)
 */
const BIN = join(import.meta.dirname, "../bin/beian.mjs");
const dataDir = mkdtempSync(join(tmpdir(), "beian-cli-"));
const env = { ...process.env, BEIAN_MODE: "demo", DATABASE_URL: "", LOG_LEVEL: "warn" };
delete (env as Record<string, string | undefined>).DATABASE_URL;

const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args, "--data-dir", dataDir], { env, encoding: "utf8" });

describe("beian CLI", () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("help lists the commands", () => {
    const result = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    assert.equal(result.status, 0);
    for (const command of ["start", "migrate", "worker", "seed-demo"])
      assert.match(result.stdout, new RegExp(command));
  });

  test("migrate is idempotent", () => {
    const first = run("migrate");
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /applied: 0001_initial/);
    const second = run("migrate");
    assert.match(second.stdout, /schema is up to date/);
  });

  test("seed-demo creates the demo data once", () => {
    assert.match(run("seed-demo").stdout, /demo data created/);
    assert.match(run("seed-demo").stdout, /demo data already present/);
  });

  test("workdays answers from the shipped holiday table (JSON-free contract: one line)", () => {
    const add = run("workdays", "add", "2026-02-13", "2");
    assert.equal(add.status, 0, add.stderr);
    assert.equal(add.stdout, "2026-02-24\n");
    assert.equal(run("workdays", "is", "2026-02-14").stdout, "true\n");
    assert.equal(run("workdays", "is", "2026-02-15").stdout, "false\n");
    const noData = run("workdays", "is", "2031-01-02");
    assert.equal(noData.status, 1);
    assert.match(noData.stderr, /CALENDAR_NO_DATA/);
    assert.equal(run("workdays", "add", "2026-02-13").status, 2);
  });

  test("an unknown command fails with the usage", () => {
    const result = run("frobnicate");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /unknown command/);
  });

  test("production mode without secrets refuses to start and says how to fix it", () => {
    const result = spawnSync(process.execPath, [BIN, "migrate", "--data-dir", dataDir], {
      env: { ...env, BEIAN_MODE: "production" },
      encoding: "utf8",
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /BEIAN_DATA_KEY/);
  });

  test("production start without an SMTP server refuses: e-mails would land in the dev mailbox", () => {
    const production = {
      ...env,
      BEIAN_MODE: "production",
      BEIAN_DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
      BEIAN_REGULATOR_TOKEN: "x".repeat(32),
      BEIAN_PUBLIC_URL: "https://beian.example.cn",
    };
    for (const command of ["start", "worker"]) {
      const result = spawnSync(process.execPath, [BIN, command, "--data-dir", dataDir], {
        env: production,
        encoding: "utf8",
        timeout: 30_000,
      });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /BEIAN_SMTP_URL/);
      assert.match(result.stderr, /BEIAN_SMS_URL is not set/);
    }
  });

  test("start serves health and the demo login, prints URLs and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [BIN, "start", "--port", "0", "--sim-port", "0", "--gate-port", "0", "--data-dir", dataDir],
      { env },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start banner: ${output}`)), 30_000);
      child.stdout.on("data", () => {
        const match = /API 文档 API docs\s+(http:\/\/[^/\s]+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    assert.match(output, /zhang\.san@demo\.openbeian\.cn/);
    // The regulator simulator runs alongside, and the banner says how to change its speed.
    const simulator = /短信核验 SMS verification\s+(http:\/\/\S+)\/sms/.exec(output)?.[1];
    assert.ok(simulator, `simulator in the banner: ${output}`);
    assert.match(output, /--sim-speed <n> or BEIAN_SIM_SPEED/);
    assert.equal((await fetch(`${simulator}/healthz`)).status, 200);
    // The access gate runs alongside too: an address that is no filed domain gets the block page.
    const gate = /接入网关 Gate\s+(http:\/\/\S+)/.exec(output)?.[1];
    assert.ok(gate, `gate in the banner: ${output}`);
    const blocked = await fetch(`${gate}/`);
    assert.equal(blocked.status, 451);
    assert.match(await blocked.text(), /网站暂时无法访问/);
    const health = (await (await fetch(`${base}/healthz`)).json()) as { status: string };
    assert.equal(health.status, "ok");
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "zhang.san@demo.openbeian.cn", password: "Demo@2026" }),
    });
    assert.equal(login.status, 200);
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });

  test("gate export-nginx writes the map, the snippet and the block pages", () => {
    const out = join(dataDir, "nginx");
    const result = run("gate", "export-nginx", out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /beian-map\.conf.*beian-gate\.conf.*: \d+ filed domains/);
    assert.match(readFileSync(join(out, "beian-map.conf"), "utf8"), /default never_filed;/);
    assert.match(readFileSync(join(out, "beian-gate.conf"), "utf8"), /error_page 451 @beian_block;/);
    assert.equal(run("gate", "export-nginx").status, 2, "the directory is required");
    assert.equal(run("gate", "frobnicate").status, 2);
  });

  test("gate serve --workers 2 runs two processes on one port and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [BIN, "gate", "serve", "--gate-port", "0", "--workers", "2", "--data-dir", dataDir],
      { env },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const urls = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no two gate banners: ${output}`)), 30_000);
      child.stdout.on("data", () => {
        const found = [...output.matchAll(/接入网关 Gate (http:\/\/\S+):/g)].map((match) => match[1]!);
        if (found.length === 2) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const pids = new Set([...output.matchAll(/\(pid (\d+)\)/g)].map((match) => match[1]));
    assert.equal(pids.size, 2, `two worker processes: ${output}`);
    assert.equal(urls[0], urls[1], "the workers share one port");
    const blocked = await fetch(`${urls[0]}/`);
    assert.equal(blocked.status, 451);
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });

  test("demo files one order end to end on its own temporary platform and prints the JSON contract", () => {
    // Guangdong: the province that wants a signed commitment letter, which the demo prints and uploads.
    const result = spawnSync(process.execPath, [BIN, "demo", "--json", "--province", "粤"], {
      env,
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const last = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
    assert.equal(last.finalState, "approved");
    assert.equal(last.province, "44");
    assert.match(String(last.icpWebsiteNumber), /^粤ICP备\d{10}号-1$/);
    assert.match(result.stderr, /短信核验/, "progress goes to stderr with --json");
  });

  test("demo --type app files a first filing, then the app on it, and adds the type's keys to the JSON", () => {
    const result = spawnSync(process.execPath, [BIN, "demo", "--type", "app", "--json"], {
      env,
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const last = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(last).slice(0, 11),
      [
        "orderId",
        "domain",
        "finalState",
        "icpSubjectNumber",
        "icpWebsiteNumber",
        "province",
        "steps",
        "type",
        "regulatorType",
        "appNumber",
        "firstOrderId",
      ],
      "the contract's keys, in order",
    );
    assert.equal(last.finalState, "approved");
    assert.equal(last.regulatorType, "app");
    assert.match(String(last.appNumber), /^浙ICP备\d{10}号-2A$/, "the app's number follows the website's");
    assert.notEqual(last.firstOrderId, last.orderId);
  });

  test("demo refuses bad options with exit 2 and reports a failed step with exit 1", () => {
    const usage = spawnSync(process.execPath, [BIN, "demo", "--province", "99"], { env, encoding: "utf8" });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /unknown province/);
    const badType = spawnSync(process.execPath, [BIN, "demo", "--type", "transfer"], {
      env,
      encoding: "utf8",
    });
    assert.equal(badType.status, 2);
    assert.match(badType.stderr, /--type must be one of/);
    const remote = spawnSync(
      process.execPath,
      [BIN, "demo", "--type", "add-access", "--url", "http://127.0.0.1:9"],
      {
        env,
        encoding: "utf8",
      },
    );
    assert.equal(remote.status, 2, "add-access needs the built-in simulator");
    // Nothing listens at the URL: the first step fails and the JSON says so.
    const failed = spawnSync(process.execPath, [BIN, "demo", "--json", "--url", "http://127.0.0.1:9"], {
      env,
      encoding: "utf8",
    });
    assert.equal(failed.status, 1);
    const last = JSON.parse(failed.stdout.trim().split("\n").at(-1) ?? "") as Record<string, unknown>;
    assert.equal(last.finalState, null);
    assert.match(String(last.error), /auth\/signup|fetch failed|ECONNREFUSED/);
  });
});
