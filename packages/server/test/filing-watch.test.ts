import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import type { DomainResolver } from "../src/review/domain-resolver.ts";
import { runWatchSweep } from "../src/watch/sweep.ts";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The filing watch (issue 8) over an approved filing, on the injected clock and a
 * scripted resolver: expiries inside 30 days are found and the owner told once a
 * level; a domain that stops pointing at the provider gets a fixed deadline; a
 * failed lookup changes nothing; findings close when the problem is gone.
 */
class ScriptedResolver implements DomainResolver {
  answer: readonly string[] | null = ["47.96.10.20"];
  async resolve4() {
    return this.answer;
  }
}

interface Finding {
  kind: string;
  level: string;
  dueAt: string;
  item: string;
}

for (const engine of engines()) {
  describe(`filing watch (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    const resolver = new ScriptedResolver();

    const findings = async () => (await applicant.client.get("/api/watch")).body.items as Finding[];
    const told = async () => {
      await platform.worker.runDue();
      return ((await applicant.client.get("/api/notifications")).body.items as { template: string }[])
        .map((item) => item.template)
        .filter((template) => template.startsWith("watch."));
    };

    before(async () => {
      platform = await startTestPlatform(engine, { domainResolver: resolver, sessionTtlMs: 400 * DAY_MS });
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
      await filedOrder(platform, applicant, reviewer);
    });
    after(() => platform.close());

    test("a healthy filing has no findings", async () => {
      const summary = await runWatchSweep(platform.ctx);
      assert.equal(summary.websites, 1);
      assert.equal(summary.open, 0, JSON.stringify(summary));
      assert.deepEqual(await findings(), []);
    });

    test("the domain and the server expiring within 30 days are found, the owner told once", async () => {
      platform.clock.advanceDays(340);
      await runWatchSweep(platform.ctx);
      const found = await findings();
      assert.deepEqual(found.map((finding) => `${finding.kind}:${finding.level}`).sort(), [
        "domain_expiry:expiring",
        "server_expiry:expiring",
      ]);
      assert.deepEqual((await told()).sort(), ["watch.expiring", "watch.expiring"]);
      await runWatchSweep(platform.ctx);
      assert.equal((await told()).length, 2, "the same level is not told twice");
      platform.clock.advanceDays(30);
      await runWatchSweep(platform.ctx);
      assert.ok((await findings()).every((finding) => finding.level === "expired"));
      assert.equal((await told()).filter((template) => template === "watch.expired").length, 2);
    });

    test("a domain pointing elsewhere gets a 15-day deadline that later sweeps keep", async () => {
      resolver.answer = ["203.0.113.9"];
      await runWatchSweep(platform.ctx);
      const access = (await findings()).find((finding) => finding.kind === "access_inaccurate");
      assert.ok(access, "access finding");
      assert.equal(access.level, "not_pointing");
      assert.equal(
        new Date(access.dueAt).getTime() - platform.clock.now().getTime(),
        15 * DAY_MS,
        "15 days from when it was first seen",
      );
      assert.ok((await told()).includes("watch.access_inaccurate"));
      platform.clock.advanceDays(3);
      resolver.answer = null; // the lookup itself fails: no news
      await runWatchSweep(platform.ctx);
      resolver.answer = ["203.0.113.9"];
      await runWatchSweep(platform.ctx);
      const again = (await findings()).find((finding) => finding.kind === "access_inaccurate");
      assert.equal(again?.dueAt, access.dueAt, "the deadline does not move");
    });

    test("pointing back closes the finding; others see nothing; staff see all", async () => {
      resolver.answer = ["47.96.10.20"];
      const summary = await runWatchSweep(platform.ctx);
      assert.equal(summary.resolved, 1, JSON.stringify(summary));
      assert.equal((await findings()).filter((finding) => finding.kind === "access_inaccurate").length, 0);
      const other = await readyApplicant(platform, "李四");
      assert.deepEqual((await other.client.get("/api/watch")).body.items, []);
      const all = await reviewer.get("/api/review/watch");
      assert.equal(all.status, 200);
      assert.equal(all.body.items.length, 2, "the two expiries");
      assert.equal((await applicant.client.get("/api/review/watch")).status, 403);
    });
  });
}
