import type { Db, Engine, Executor, Tx } from "./db.ts";
import { newId } from "./ids.ts";

/**
 * The job table is both the outbox (messages written in the same transaction as
 * the state change that caused them) and the timer store (deadlines are jobs with
 * a future `run_at`). Workers claim due jobs in one statement with a lease, so a
 * crashed worker's jobs come back once the lease runs out.
 */
export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: number;
  /** One live job per key: enqueueing again moves the existing one. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** With a dedupeKey: leave an existing job with that key as it is (done or not) instead of moving it. */
  ifAbsent?: boolean;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export async function enqueue(executor: Executor, job: NewJob, now: number): Promise<void> {
  const row = {
    id: newId(),
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    run_at: job.runAt,
    attempts: 0,
    max_attempts: job.maxAttempts ?? 8,
    locked_by: null,
    locked_until: null,
    done_at: null,
    failed: 0,
    last_error: null,
    dedupe_key: job.dedupeKey ?? null,
    created_at: now,
  };
  const insert = executor.insertInto("job").values(row);
  if (!job.dedupeKey) {
    await insert.execute();
    return;
  }
  if (job.ifAbsent) {
    await insert.onConflict((conflict) => conflict.column("dedupe_key").doNothing()).execute();
    return;
  }
  await insert
    .onConflict((conflict) =>
      conflict.column("dedupe_key").doUpdateSet({
        payload: row.payload,
        run_at: row.run_at,
        attempts: 0,
        done_at: null,
        failed: 0,
        last_error: null,
        locked_by: null,
        locked_until: null,
      }),
    )
    .execute();
}

/**
 * Settles a pending keyed job (a timer that no longer applies) by marking it
 * done. It is not deleted: the job running right now may be that very timer,
 * and its completion must still find its row.
 */
export async function cancelKeyed(executor: Executor, dedupeKey: string, now: number): Promise<void> {
  await executor
    .updateTable("job")
    .set({ done_at: now })
    .where("dedupe_key", "=", dedupeKey)
    .where("done_at", "is", null)
    .execute();
}

export async function claimDue(
  db: Db,
  engine: Engine,
  workerId: string,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedJob[]> {
  const rows = await db
    .updateTable("job")
    .set((eb) => ({
      locked_by: workerId,
      locked_until: now + leaseMs,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", (eb) => {
      let due = eb
        .selectFrom("job")
        .select("id")
        .where("done_at", "is", null)
        .where("run_at", "<=", now)
        .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
        .orderBy("run_at")
        .limit(limit);
      // PostgreSQL: concurrent workers skip each other's rows instead of waiting.
      // SQLite has one writer at a time, so the statement is atomic as it is.
      if (engine === "postgres") due = due.forUpdate().skipLocked();
      return due;
    })
    .returning(["id", "kind", "payload", "attempts", "max_attempts", "run_at"])
    .execute();
  // UPDATE … RETURNING hands the rows back in no particular order (SQLite: by id). Run them in the
  // order they came due, or a catching-up worker lets an order lapse before its own reminders.
  rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/**
 * Marks a job done inside the handler's own transaction, and only while this
 * worker still holds the lease: if another worker took it over, the handler's
 * writes are rolled back with it.
 */
export async function completeInTx(trx: Tx, job: ClaimedJob, workerId: string, now: number): Promise<void> {
  const result = await trx
    .updateTable("job")
    .set({ done_at: now, locked_until: null })
    .where("id", "=", job.id)
    .where("locked_by", "=", workerId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new LeaseLostError(job.id);
}

/** Lets a long external step keep its job: the lease runs `leaseMs` from `now` again. */
export interface JobLease {
  extend(): Promise<void>;
}

export async function extendLease(
  db: Db,
  job: ClaimedJob,
  workerId: string,
  now: number,
  leaseMs: number,
): Promise<void> {
  const result = await db
    .updateTable("job")
    .set({ locked_until: now + leaseMs })
    .where("id", "=", job.id)
    .where("locked_by", "=", workerId)
    .where("done_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new LeaseLostError(job.id);
}

export async function failJob(db: Db, job: ClaimedJob, workerId: string, now: number, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  // Exponential backoff: 2 s, 4 s, 8 s … capped at one hour.
  const delay = Math.min(2 ** job.attempts * 1000, 60 * 60 * 1000);
  await db
    .updateTable("job")
    .set({
      locked_by: null,
      locked_until: null,
      last_error: message.slice(0, 2000),
      run_at: now + delay,
      ...(dead ? { done_at: now, failed: 1 } : {}),
    })
    .where("id", "=", job.id)
    .where("locked_by", "=", workerId)
    .execute();
}

export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} was lost`);
  }
}
