import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { ProgressBar } from "../src/cli/progress-bar.ts";
import { nextWeeklyCampaignAt } from "../src/footer/campaign-schedule.ts";
import { footerOutcome } from "../src/footer/footer-outcome.ts";
import { fetchProblem } from "../src/footer/fetch-problems.ts";
import { PolitePool } from "../src/footer/polite-pool.ts";

/**
 * The parts of a footer campaign on their own: the polite pool's limits (measured
 * with real timers), what an outcome means, the weekly schedule, the progress bar
 * on a terminal and in a log, and `beian footer --all` as a process.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("polite pool", () => {
  test("never runs more than the concurrency, nor two tasks of one key at once", async () => {
    const pool = new PolitePool({ concurrency: 3, hostIntervalMs: 0 });
    let running = 0;
    let peak = 0;
    const perKey = new Map<string, number>();
    const task = (key: string) => async () => {
      running += 1;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      peak = Math.max(peak, running);
      assert.equal(perKey.get(key), 1, `two tasks of ${key} at once`);
      await sleep(5);
      perKey.set(key, perKey.get(key)! - 1);
      running -= 1;
      return key;
    };
    const keys = Array.from({ length: 30 }, (_, index) => `host-${index % 5}`);
    const results = await Promise.all(keys.map((key) => pool.run(key, task(key))));
    assert.deepEqual(results, keys, "each task settles with its own result");
    assert.equal(peak, 3, "the concurrency is used and not exceeded");
    await pool.idle();
    assert.deepEqual(pool.size, { running: 0, queued: 0 });
  });

  test("waits the host interval between two tasks of one key, and lets other keys through meanwhile", async () => {
    const pool = new PolitePool({ concurrency: 4, hostIntervalMs: 60 });
    const starts: Array<[string, number]> = [];
    const ends = new Map<string, number>();
    const started = performance.now();
    const task = (key: string) => async () => {
      starts.push([key, performance.now() - started]);
      await sleep(2);
      ends.set(key, performance.now() - started);
    };
    await Promise.all([pool.run("a", task("a")), pool.run("a", task("a")), pool.run("b", task("b"))]);
    const aStarts = starts.filter(([key]) => key === "a").map(([, at]) => at);
    const bStart = starts.find(([key]) => key === "b")![1];
    assert.ok(aStarts[1]! - aStarts[0]! >= 60, `second "a" waited: ${JSON.stringify(starts)}`);
    assert.ok(bStart < 30, `"b" did not wait for "a": ${JSON.stringify(starts)}`);
  });

  test("a failing task rejects its own promise and the pool goes on", async () => {
    const pool = new PolitePool({ concurrency: 1, hostIntervalMs: 0 });
    const failing = pool.run("a", async () => {
      throw new Error("boom");
    });
    const next = pool.run("a", async () => "ok");
    await assert.rejects(failing, /boom/);
    assert.equal(await next, "ok");
  });
});

describe("footer outcome", () => {
  const report = (ok: boolean, codes: string[], status: number | null = 200) => ({
    ok,
    status,
    problems: codes.map((code) => ({ ...fetchProblem("FOOTER_UNREACHABLE"), ruleId: code })),
  });
  test("no answer is unreachable; a bad footer or a client error is the owner's to fix", () => {
    assert.equal(footerOutcome(report(true, [])), "passed");
    assert.equal(footerOutcome(report(false, ["FOOTER_DNS_FAILED"], null)), "unreachable");
    assert.equal(footerOutcome(report(false, ["FOOTER_FETCH_TIMEOUT"], null)), "unreachable");
    assert.equal(footerOutcome(report(false, ["FOOTER_HTTP_STATUS"], 503)), "unreachable", "a server error");
    assert.equal(footerOutcome(report(false, ["FOOTER_HTTP_STATUS"], 404)), "failed", "a missing home page");
    assert.equal(footerOutcome(report(false, ["FOOTER_TLS_ERROR"], null)), "failed", "browsers block it");
    assert.equal(footerOutcome(report(false, ["FOOTER_ICP_NOT_LINKED"])), "failed");
  });
});

test("the weekly campaign runs on Monday 04:00 China time (Sunday 20:00 UTC)", () => {
  const saturday = Date.parse("2026-11-28T10:00:00Z");
  assert.equal(new Date(nextWeeklyCampaignAt(saturday)).toISOString(), "2026-11-29T20:00:00.000Z");
  const sundayLate = Date.parse("2026-11-29T20:00:00Z");
  assert.equal(new Date(nextWeeklyCampaignAt(sundayLate)).toISOString(), "2026-12-06T20:00:00.000Z");
  const monday = Date.parse("2026-11-30T01:00:00Z");
  assert.equal(new Date(nextWeeklyCampaignAt(monday)).toISOString(), "2026-12-06T20:00:00.000Z");
});

describe("progress bar", () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, isTTY, write: (text: string) => written.push(text) > 0 };
  };
  test("in a log: one line per tenth of the work", () => {
    const out = stream(false);
    const bar = new ProgressBar(out, "footer");
    for (let done = 0; done <= 200; done++) bar.update(done, 200, `✓${done}`);
    bar.finish();
    assert.equal(out.written.length, 11, "0%, 10% … 100%");
    assert.match(out.written.at(-1)!, /^footer █{28} 100% 200\/200 ✓200 [\d.]+\/s\n$/);
  });
  test("on a terminal: redrawn in place and ended with a newline", () => {
    const out = stream(true);
    const bar = new ProgressBar(out, "footer");
    bar.update(0, 4);
    bar.update(4, 4);
    bar.finish();
    assert.ok(out.written[0]!.startsWith("\r"), "redrawn with a carriage return");
    assert.match(out.written[1]!, /100% 4\/4/, "the last state is always drawn");
    assert.equal(out.written.at(-1), "\n");
  });
});

describe("beian footer --all", () => {
  const BIN = fileURLToPath(new URL("../bin/beian.mjs", import.meta.url));
  // The data directory's own SQLite file, whatever this shell points DATABASE_URL at.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  test("runs a campaign over the data directory's database and prints the JSON summary", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "beian-footer-all-"));
    try {
      const result = spawnSync(process.execPath, [BIN, "footer", "--all", "--json", "--data-dir", dataDir], {
        env,
        encoding: "utf8",
      });
      assert.equal(result.status, 0, result.stderr);
      const summary = JSON.parse(result.stdout) as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(summary),
        [
          "campaignId",
          "total",
          "checked",
          "passed",
          "failed",
          "unreachable",
          "notified",
          "startedAt",
          "finishedAt",
          "durationMs",
          "failures",
        ],
        "the JSON contract",
      );
      assert.equal(summary.total, 0, "a fresh platform has no filed websites");
      assert.deepEqual(summary.failures, []);
      assert.match(result.stderr, /100% 0\/0/, "the progress bar goes to stderr");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  test("refuses a URL or a bad number with exit 2 and the usage", () => {
    for (const args of [
      ["--all", "https://example.cn/"],
      ["--all", "--concurrency", "0"],
      ["--all", "--host-interval", "soon"],
    ]) {
      const result = spawnSync(process.execPath, [BIN, "footer", ...args], { env, encoding: "utf8" });
      assert.equal(result.status, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, /beian footer --all/, "the usage is shown");
    }
  });
});
