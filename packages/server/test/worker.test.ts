import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newId } from "../src/platform/ids.ts";
import { claimDue, completeInTx, enqueue, LeaseLostError } from "../src/platform/jobs.ts";
import { NOTIFY_JOB } from "../src/notify/outbox.ts";
import { Worker } from "../src/worker/worker.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/** Jobs run exactly once: with competing workers, and after a worker dies holding a lease. */
for (const engine of engines()) {
  describe(`worker (${engine})`, () => {
    let platform: TestPlatform;
    let accountId: string;

    before(async () => {
      platform = await startTestPlatform(engine, { poolSize: 8 });
      accountId = newId();
      await platform.ctx.db
        .insertInto("account")
        .values({ id: accountId, kind: "customer", type: "personal", name: "张三", created_at: 0 })
        .execute();
    });
    after(() => platform.close());

    const queueNotifications = async (count: number) => {
      const now = platform.clock.now().getTime();
      for (let i = 0; i < count; i++) {
        await enqueue(
          platform.ctx.db,
          {
            kind: NOTIFY_JOB,
            payload: {
              accountId,
              orderId: null,
              template: "order.submit",
              params: { orderNumber: `OB-${i}` },
            },
            runAt: now,
          },
          now,
        );
      }
    };
    const notifications = async () =>
      Number(
        (
          await platform.ctx.db
            .selectFrom("notification")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test("three workers draining 150 jobs at once deliver each exactly once", async () => {
      const before = await notifications();
      await queueNotifications(150);
      const workers = ["a", "b", "c"].map(
        (id) => new Worker(platform.ctx, { id: `worker-${id}`, batchSize: 7 }),
      );
      const counts = await Promise.all(workers.map((worker) => worker.runDue()));
      assert.equal(
        counts.reduce((sum, count) => sum + count, 0),
        150,
      );
      assert.equal((await notifications()) - before, 150);
    });

    test("a job held by a dead worker comes back after its lease and is done once", async () => {
      const before = await notifications();
      await queueNotifications(1);
      const now = platform.clock.now().getTime();
      const [claimed] = await claimDue(platform.ctx.db, platform.ctx.engine, "dead-worker", now, 10, 60_000);
      assert.ok(claimed);
      // While the lease runs, nobody else gets it.
      assert.equal(await new Worker(platform.ctx, { id: "early" }).runDue(), 0);
      platform.clock.advance(61_000);
      assert.equal(await new Worker(platform.ctx, { id: "rescuer" }).runDue(), 1);
      assert.equal((await notifications()) - before, 1);
      // The dead worker wakes up and tries to finish: its lease is gone, so nothing is written twice.
      await assert.rejects(
        platform.ctx.db
          .transaction()
          .execute((trx) => completeInTx(trx, claimed, "dead-worker", platform.clock.now().getTime())),
        LeaseLostError,
      );
    });

    test("a failing job backs off and is retried, then given up after its attempts", async () => {
      const now = platform.clock.now().getTime();
      await enqueue(platform.ctx.db, { kind: "no.such.kind", payload: {}, runAt: now, maxAttempts: 2 }, now);
      const worker = new Worker(platform.ctx, { id: "retrier" });
      assert.equal(await worker.runDue(), 1);
      assert.equal(await worker.runDue(), 0, "not before the backoff");
      platform.clock.advance(5_000);
      assert.equal(await worker.runDue(), 1);
      platform.clock.advance(3_600_000);
      assert.equal(await worker.runDue(), 0, "given up after max attempts");
      const job = await platform.ctx.db
        .selectFrom("job")
        .selectAll()
        .where("kind", "=", "no.such.kind")
        .executeTakeFirstOrThrow();
      assert.equal(job.failed, 1);
      assert.match(job.last_error ?? "", /no handler/);
    });
  });
}
