import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { writeAudit, type AuditEntry } from "../src/audit/audit-log.ts";
import { verifyAuditChain } from "../src/audit/verify-chain.ts";
import { migrateToLatest, openDatabase } from "../src/platform/db.ts";
import { personalOrder, readyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/** An audit entry by the system about a test entity, as the chain tests write them. */
const systemEntry = (entityId: string, action: string, at = Date.now()): AuditEntry => ({
  at,
  actorKind: "system",
  actorUserId: null,
  accountId: null,
  entity: "test",
  entityId,
  action,
});

/**
 * The tamper-evident audit log (issue 11): every record carries the previous
 * record's hash and its own, numbered gaplessly in commit order. A changed record
 * or a deleted one is reported, first of all, by `verifyAuditChain` and by
 * `beian audit verify`; concurrent writers still leave one unbroken chain.
 */
for (const engine of engines()) {
  describe(`audit hash chain (${engine})`, () => {
    let platform: TestPlatform;

    before(async () => {
      platform = await startTestPlatform(engine);
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201);
      await applicant.client.put(`/api/orders/${created.body.id}/data`, {
        version: created.body.version,
        data: personalOrder(applicant, "张三"),
      });
    });
    after(() => platform.close());

    const db = () => platform.ctx.db;
    const rows = () => db().selectFrom("audit_log").selectAll().orderBy("seq").execute();

    test("a journey's records form one unbroken chain", async () => {
      const report = await verifyAuditChain(db());
      assert.equal(report.ok, true, JSON.stringify(report));
      const all = await rows();
      assert.ok(all.length >= 2);
      assert.deepEqual(
        all.map((row) => Number(row.seq)),
        all.map((_, index) => index + 1),
        "numbered 1…n without gaps",
      );
      for (let index = 1; index < all.length; index++)
        assert.equal(all[index]!.prev_hash, all[index - 1]!.hash, "each record links to the one before");
    });

    test("concurrent writers: one gapless chain, every record linked", async () => {
      const before = (await rows()).length;
      await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          db()
            .transaction()
            .execute(async (trx) => {
              await writeAudit(trx, systemEntry(`concurrent-${index}`, "write"));
              // A second record in the same transaction, after some other work.
              await trx.selectFrom("counter").selectAll().execute();
              await writeAudit(trx, systemEntry(`concurrent-${index}`, "again"));
            }),
        ),
      );
      // A rolled-back writer leaves no gap.
      await assert.rejects(
        db()
          .transaction()
          .execute(async (trx) => {
            await writeAudit(trx, systemEntry("rolled-back", "write"));
            throw new Error("roll back");
          }),
      );
      const report = await verifyAuditChain(db());
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(report.records, before + 80);
      assert.equal(report.lastSeq, before + 80);
    });

    test("an altered record is reported first, and the chain is whole again once it is put back", async () => {
      const target = (await rows())[2]!;
      await db()
        .updateTable("audit_log")
        .set({ detail: '{"fields":["forged"]}' })
        .where("id", "=", target.id)
        .execute();
      const report = await verifyAuditChain(db());
      assert.equal(report.ok, false);
      assert.deepEqual(report.firstProblem, {
        seq: Number(target.seq),
        kind: "altered",
        id: target.id,
        at: new Date(Number(target.at)).toISOString(),
      });
      assert.equal(report.records, Number(target.seq) - 1, "the good records before it");
      await db()
        .updateTable("audit_log")
        .set({ detail: target.detail })
        .where("id", "=", target.id)
        .execute();
      assert.equal((await verifyAuditChain(db())).ok, true);
      // Re-linking the chain is noticed too: a record whose link was rewritten no longer hashes right.
      await db()
        .updateTable("audit_log")
        .set({ prev_hash: "f".repeat(64) })
        .where("id", "=", target.id)
        .execute();
      assert.equal((await verifyAuditChain(db())).firstProblem?.kind, "altered");
      await db()
        .updateTable("audit_log")
        .set({ prev_hash: target.prev_hash })
        .where("id", "=", target.id)
        .execute();
    });

    test("a deleted record is reported by its number, in the middle and at the end", async () => {
      const all = await rows();
      const middle = all[4]!;
      await db().deleteFrom("audit_log").where("id", "=", middle.id).execute();
      const report = await verifyAuditChain(db());
      assert.deepEqual(report.firstProblem, { seq: Number(middle.seq), kind: "deleted", id: null, at: null });
      await db().insertInto("audit_log").values(middle).execute();
      assert.equal((await verifyAuditChain(db())).ok, true);
      const last = all.at(-1)!;
      await db().deleteFrom("audit_log").where("id", "=", last.id).execute();
      assert.deepEqual((await verifyAuditChain(db())).firstProblem, {
        seq: Number(last.seq),
        kind: "deleted",
        id: null,
        at: null,
      });
      await db().insertInto("audit_log").values(last).execute();
    });
  });
}

describe("beian audit verify (a real process on a SQLite data directory)", () => {
  const BIN = join(import.meta.dirname, "../bin/beian.mjs");
  const dataDir = mkdtempSync(join(tmpdir(), "beian-audit-"));
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const verify = () =>
    spawnSync(process.execPath, [BIN, "audit", "verify", "--data-dir", dataDir, "--json"], {
      env,
      encoding: "utf8",
    });
  const file = join(dataDir, "openbeian.sqlite");
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("reports the chain whole, then the first altered record with exit status 1", async () => {
    const handle = openDatabase({ url: file });
    await migrateToLatest(handle.db);
    for (let index = 0; index < 5; index++)
      await writeAudit(
        handle.db,
        systemEntry(String(index), "write", Date.parse("2026-11-01T00:00:00Z") + index),
      );
    await handle.close();
    const whole = verify();
    assert.equal(whole.status, 0, whole.stderr);
    assert.deepEqual(JSON.parse(whole.stdout), { ok: true, records: 5, lastSeq: 5, firstProblem: null });

    const tamper = openDatabase({ url: file });
    await tamper.db.updateTable("audit_log").set({ action: "forged" }).where("seq", "=", 3).execute();
    await tamper.close();
    const broken = verify();
    assert.equal(broken.status, 1, broken.stderr);
    const report = JSON.parse(broken.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.firstProblem.seq, 3);
    assert.equal(report.firstProblem.kind, "altered");
    const text = spawnSync(process.execPath, [BIN, "audit", "verify", "--data-dir", dataDir], {
      env,
      encoding: "utf8",
    });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /record altered: #3/);
    const usage = spawnSync(process.execPath, [BIN, "audit", "--data-dir", dataDir], {
      env,
      encoding: "utf8",
    });
    assert.equal(usage.status, 2);
  });
});
