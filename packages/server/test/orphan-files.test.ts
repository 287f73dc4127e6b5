import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DAY_MS, HOUR_MS } from "@openbeian/core";
import { ORPHAN_SWEEP, sweepOrphanFiles } from "../src/materials/orphan-files.ts";
import { enqueue } from "../src/platform/jobs.ts";
import { personalOrder, readyApplicant } from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Stored files no row points at (an upload whose transaction never committed, an
 * overwrite cut short) are swept once they are older than the grace period; files in
 * use, young files and files the storage did not write are left alone.
 */
const pathOf = (root: string, key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);

/** A file as the storage writes one, dated `at` (the tests' clock is not the file system's). */
function plant(root: string, name: string, at: number, key = name.slice(0, 40)) {
  const folder = join(root, key.slice(0, 2), key.slice(2, 4));
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, randomBytes(300));
  utimesSync(path, new Date(at), new Date(at));
  return path;
}

const newKey = () => randomBytes(20).toString("hex");

for (const engine of engines()) {
  describe(`orphan files (${engine})`, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await startTestPlatform(engine);
    });
    after(() => platform.close());

    test("the sweep removes old unreferenced files and leftovers, nothing in use or young", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await uploadStandardMaterials(applicant.client, created.body.id);
      const materials = await platform.ctx.db
        .selectFrom("material")
        .select(["id", "storage_key", "thumbnail_key"])
        .where("order_id", "=", created.body.id)
        .execute();
      const inUse = materials.flatMap((row) => [row.storage_key, row.thumbnail_key]).filter(Boolean);
      assert.ok(inUse.length >= 3);
      // Files in use, dated long ago: age alone never removes anything.
      const now = platform.clock.now().getTime();
      for (const key of inUse)
        utimesSync(
          pathOf(platform.storageDir, key!),
          new Date(now - 30 * DAY_MS),
          new Date(now - 30 * DAY_MS),
        );

      const root = platform.storageDir;
      const oldOrphan = plant(root, newKey(), now - 2 * DAY_MS);
      const youngOrphan = plant(root, newKey(), now - HOUR_MS);
      const leftoverKey = inUse[0]!;
      const leftover = plant(
        root,
        `${leftoverKey}.${randomBytes(6).toString("hex")}.tmp`,
        now - 3 * DAY_MS,
        leftoverKey,
      );
      const foreign = join(root, "README.txt");
      writeFileSync(foreign, "not the storage's");
      utimesSync(foreign, new Date(now - 9 * DAY_MS), new Date(now - 9 * DAY_MS));

      const dry = await sweepOrphanFiles(platform.ctx, { dryRun: true, batchSize: 2 });
      assert.deepEqual(dry, {
        scanned: inUse.length + 3,
        referenced: inUse.length,
        young: 1,
        orphans: 2,
        orphanBytes: 600,
        removed: 0,
        dryRun: true,
      });
      for (const path of [oldOrphan, youngOrphan, leftover])
        assert.ok(existsSync(path), "a dry run removes nothing");

      const swept = await sweepOrphanFiles(platform.ctx, { batchSize: 2 });
      assert.equal(swept.removed, 2);
      assert.ok(!existsSync(oldOrphan) && !existsSync(leftover), "the orphan and the leftover are gone");
      assert.ok(existsSync(youngOrphan), "a young file may be an upload in progress");
      assert.ok(existsSync(foreign), "what the storage did not write is not its to remove");
      for (const key of inUse) assert.ok(existsSync(pathOf(root, key!)), "files in use stay");
      // The order's photos still open.
      const view = await applicant.client.binary(
        "GET",
        `/api/orders/${created.body.id}/materials/${materials[0]!.id}`,
      );
      assert.equal(view.status, 200);

      // A second sweep finds nothing more to do.
      const again = await sweepOrphanFiles(platform.ctx);
      assert.equal(again.orphans, 0);
    });

    test("the worker's daily job sweeps and schedules the next day's", async () => {
      const now = platform.clock.now().getTime();
      const orphan = plant(platform.storageDir, newKey(), now - 2 * DAY_MS);
      await enqueue(platform.ctx.db, { kind: ORPHAN_SWEEP.kind, payload: {}, runAt: now }, now);
      await platform.worker.runDue();
      assert.ok(!existsSync(orphan));
      const next = await platform.ctx.db
        .selectFrom("job")
        .select(["dedupe_key", "run_at"])
        .where("kind", "=", ORPHAN_SWEEP.kind)
        .where("done_at", "is", null)
        .execute();
      assert.equal(next.length, 1);
      assert.ok(next[0]!.run_at > now && next[0]!.run_at <= now + DAY_MS);
      assert.match(next[0]!.dedupe_key ?? "", /^storage\.orphan_sweep:\d{4}-\d{2}-\d{2}$/);
    });
  });
}

describe("beian files sweep", () => {
  const BIN = join(import.meta.dirname, "../bin/beian.mjs");
  const dataDir = mkdtempSync(join(tmpdir(), "beian-files-"));
  const env: Record<string, string | undefined> = { ...process.env, BEIAN_MODE: "demo", LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, "files", ...args, "--data-dir", dataDir], { env, encoding: "utf8" });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("--dry-run, then the sweep, print the JSON contract; usage errors exit 2", () => {
    assert.equal(spawnSync(process.execPath, [BIN, "migrate", "--data-dir", dataDir], { env }).status, 0);
    const files = join(dataDir, "files");
    const now = Date.now();
    const old = plant(files, newKey(), now - 3 * DAY_MS);
    const young = plant(files, newKey(), now);

    const dry = run("sweep", "--dry-run", "--json");
    assert.equal(dry.status, 0, dry.stderr);
    assert.deepEqual(JSON.parse(dry.stdout), {
      scanned: 2,
      referenced: 0,
      young: 1,
      orphans: 1,
      orphanBytes: 300,
      removed: 0,
      dryRun: true,
    });
    assert.ok(existsSync(old));

    const swept = run("sweep", "--json");
    assert.equal(swept.status, 0, swept.stderr);
    assert.equal(JSON.parse(swept.stdout).removed, 1);
    assert.ok(!existsSync(old) && existsSync(young));

    const text = run("sweep", "--grace-hours", "1");
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /stored files: 1/);

    assert.equal(run("sweep", "--grace-hours", "0").status, 2);
    assert.equal(run("tidy").status, 2);
    const help = run("--help");
    assert.equal(help.status, 0);
    assert.match(help.stdout, /beian files sweep/);
  });
});
