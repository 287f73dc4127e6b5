import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { runCrashScenario } from "./support/crash-scenario.ts";
import { personalOrder, readyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform } from "./support/platform.ts";

/**
 * `beian start` as a real process, killed with SIGKILL under load and started
 * again on the same data (support/crash-scenario.ts tells the whole story):
 * nothing acknowledged is lost, no order is half-written, every stored deadline
 * fires exactly once after the restarts, every job runs once, numbers stay
 * gapless. `npm run soak` runs the same story longer, with more kills and
 * clients. The engines run side by side: most of the time goes into starting
 * processes, which the two stories can share the machine for.
 */
describe("crash safety of a real process", { concurrency: true }, () => {
  for (const engine of engines()) {
    test(`${engine}: kills under load and while deadlines fire lose, halve and double nothing`, async (t) => {
      const report = await runCrashScenario({
        engine,
        applicants: 4,
        reviewers: 2,
        loadKills: 2,
        timerKills: 1,
        killAfter: [6, 12],
      });
      for (const [name, value] of Object.entries(report.figures)) t.diagnostic(`${name}: ${value}`);
      assert.deepEqual(report.problems.slice(0, 20), [], `${report.problems.length} problems`);
      assert.equal(report.figures.kills, 3);
      assert.ok(
        Number(report.figures.acknowledged_transitions) >= 12,
        "the load got work done between the kills",
      );
      assert.ok(Number(report.figures.pending_deadlines) >= 1, "deadlines were pending before the jump");
      assert.equal(report.figures.deadlines_fired, report.figures.pending_deadlines);
    });
  }
});

describe("deadlines after a long stop, in one process", () => {
  for (const engine of engines()) {
    test(`${engine}: a worker catching up runs the due jobs in the order they came due`, async () => {
      const platform = await startTestPlatform(engine, { sessionTtlMs: 365 * DAY_MS });
      try {
        const applicant = await readyApplicant(platform);
        const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
        assert.equal(created.status, 201);
        // Back 46 days later: both reminders and the expiry are due at once, in one batch.
        platform.clock.advanceDays(46);
        await platform.worker.runDue();
        const inbox = await applicant.client.get("/api/notifications");
        const told = inbox.body.items.map((item: { template: string }) => item.template).sort();
        assert.deepEqual(told, ["order.expire", "order.reminder", "order.reminder"]);
      } finally {
        await platform.close();
      }
    });
  }
});

describe("the clock offset of a child process (BEIAN_CLOCK_OFFSET_MS)", () => {
  const flags = { dataDir: mkdtempSync(join(tmpdir(), "beian-config-")) };
  after(() => rmSync(flags.dataDir, { recursive: true, force: true }));
  const env = {
    BEIAN_DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    BEIAN_REGULATOR_TOKEN: "t".repeat(32),
  };

  test("shifts the platform's clock in demo mode and is refused in production", () => {
    assert.equal(
      loadConfig({ flags, env: { ...env, BEIAN_CLOCK_OFFSET_MS: String(46 * DAY_MS) } }).clockOffsetMs,
      46 * DAY_MS,
    );
    assert.equal(loadConfig({ flags, env }).clockOffsetMs, 0);
    assert.throws(() => loadConfig({ flags, env: { ...env, BEIAN_CLOCK_OFFSET_MS: "soon" } }), ConfigError);
    assert.throws(
      () =>
        loadConfig({
          flags,
          env: {
            ...env,
            BEIAN_MODE: "production",
            BEIAN_PUBLIC_URL: "https://beian.example.cn",
            BEIAN_CLOCK_OFFSET_MS: "1000",
          },
        }),
      /not allowed with BEIAN_MODE=production/,
    );
  });
});
