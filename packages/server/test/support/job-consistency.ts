import { ORDER_REMINDER_DAYS, ORDER_VALIDITY_DAYS } from "@openbeian/core";
import type { Db } from "../../src/platform/db.ts";
import { countBy, inChunks, key } from "./row-tally.ts";

/**
 * Jobs and the deadlines stored as jobs, read from the tables: nothing left
 * due, nothing failed, each job's effect written once, each deadline fired once.
 */

/**
 * Jobs ran exactly once: nothing due is left, nothing failed, every notify job
 * wrote one inbox row, every mail job one message, every webhook delivery was
 * received (how often: `received`, by delivery id).
 */
export async function checkJobsOnce(db: Db, now: number, received?: Map<string, number>) {
  const problems: string[] = [];
  const jobs = await db
    .selectFrom("job")
    .select(["kind", "payload", "run_at", "done_at", "failed", "last_error"])
    .execute();
  const due = jobs.filter((job) => job.done_at === null && Number(job.run_at) <= now);
  if (due.length > 0)
    problems.push(
      `${due.length} jobs due and not done: ${[...new Set(due.map((job) => job.kind))].join(", ")}`,
    );
  const failed = jobs.filter((job) => job.failed === 1);
  if (failed.length > 0)
    problems.push(
      `${failed.length} jobs failed: ${failed
        .slice(0, 3)
        .map((job) => `${job.kind}: ${job.last_error}`)
        .join("; ")}`,
    );
  const done = jobs.filter((job) => job.done_at !== null && job.failed === 0);
  const notifies = done
    .filter((job) => job.kind === "notify")
    .map((job) => JSON.parse(job.payload) as { accountId: string; orderId: string | null; template: string });
  const expected = countBy(notifies, (payload) => key(payload.accountId, payload.orderId, payload.template));
  const inbox = countBy(
    await db.selectFrom("notification").select(["account_id", "order_id", "template"]).execute(),
    (row) => key(row.account_id, row.order_id, row.template),
  );
  for (const what of new Set([...expected.keys(), ...inbox.keys()])) {
    if ((expected.get(what) ?? 0) !== (inbox.get(what) ?? 0))
      problems.push(
        `notifications ${what}: ${expected.get(what) ?? 0} jobs done, ${inbox.get(what) ?? 0} inbox rows`,
      );
  }
  const mailJobs = done.filter((job) => job.kind === "mail").length;
  const mails = Number(
    (
      await db
        .selectFrom("dev_mail")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (mailJobs !== mails) problems.push(`${mailJobs} mail jobs done, ${mails} e-mails in the mailbox`);
  let redelivered = 0;
  const deliveries = await db.selectFrom("webhook_delivery").select(["id", "status"]).execute();
  if (received) {
    for (const delivery of deliveries) {
      const count = received.get(delivery.id) ?? 0;
      if (delivery.status !== "delivered" || count === 0)
        problems.push(`webhook delivery ${delivery.id}: ${delivery.status}, received ${count}×`);
      redelivered += Math.max(0, count - 1);
    }
  }
  return {
    problems,
    jobs: jobs.length,
    notifications: notifies.length,
    mails,
    webhookDeliveries: deliveries.length,
    redelivered,
  };
}

/** Jobs due on the platform's clock (`now`) and not done yet: zero once the workers have caught up. */
export async function dueJobs(db: Db, now: number): Promise<number> {
  const row = await db
    .selectFrom("job")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("done_at", "is", null)
    .where("run_at", "<=", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many jobs each worker completed (the lease holder stays on the row). */
export async function jobsByWorker(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("job")
    .select(["locked_by", (eb) => eb.fn.countAll().as("n")])
    .where("done_at", "is not", null)
    .where("locked_by", "is not", null)
    .groupBy("locked_by")
    .execute();
  return new Map(rows.map((row) => [row.locked_by!, Number(row.n)]));
}

/** How often each webhook delivery reached the receiver, by its delivery id. */
export function receivedDeliveries(received: { headers: Record<string, unknown> }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of received) {
    const id = String(item.headers["x-openbeian-delivery"]);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The 45-day deadlines stored right now (orders that would lapse): order id → deadline. */
export async function pendingDeadlines(db: Db, accountIds: string[]): Promise<Map<string, number>> {
  const rows = await inChunks(accountIds, (chunk) =>
    db
      .selectFrom("filing_order")
      .select(["id", "expires_at"])
      .where("account_id", "in", chunk)
      .where("expires_at", "is not", null)
      .execute(),
  );
  return new Map(rows.map((row) => [row.id, Number(row.expires_at)]));
}

/**
 * Each stored deadline fired once: the order lapsed with exactly one `expire`
 * record and one "expired" notification, and each of its reminders (15 and 5
 * days left) told the applicant once. With several workers a reminder may lose
 * the race to its own order's expiry and then rightly says nothing, so there it
 * is checked as "at most once".
 */
export async function checkDeadlinesFired(
  db: Db,
  pending: Map<string, number>,
  options: { remindersExactlyOnce: boolean },
) {
  const problems: string[] = [];
  const ids = [...pending.keys()];
  const orders = await inChunks(ids, (chunk) =>
    db.selectFrom("filing_order").select(["id", "number", "state"]).where("id", "in", chunk).execute(),
  );
  const expiries = countBy(
    await inChunks(ids, (chunk) =>
      db
        .selectFrom("audit_log")
        .select("entity_id")
        .where("entity_id", "in", chunk)
        .where("action", "=", "expire")
        .execute(),
    ),
    (row) => row.entity_id,
  );
  const notifications = countBy(
    (
      await db
        .selectFrom("job")
        .select("payload")
        .where("kind", "=", "notify")
        .where("done_at", "is not", null)
        .execute()
    )
      .map(
        (job) =>
          JSON.parse(job.payload) as {
            orderId: string | null;
            template: string;
            params: { daysLeft?: number };
          },
      )
      .filter((payload) => payload.orderId && pending.has(payload.orderId)),
    (payload) =>
      key(
        payload.orderId,
        payload.template,
        payload.template === "order.reminder" ? payload.params.daysLeft : null,
      ),
  );
  let reminders = 0;
  for (const order of orders) {
    if (order.state !== "expired" || expiries.get(order.id) !== 1)
      problems.push(`${order.number}: ${order.state}, ${expiries.get(order.id) ?? 0} expiry records`);
    if (notifications.get(key(order.id, "order.expire", null)) !== 1)
      problems.push(
        `${order.number}: told ${notifications.get(key(order.id, "order.expire", null)) ?? 0}× that it lapsed`,
      );
    for (const day of ORDER_REMINDER_DAYS) {
      const told = notifications.get(key(order.id, "order.reminder", ORDER_VALIDITY_DAYS - day)) ?? 0;
      reminders += told;
      if (told > 1 || (options.remindersExactlyOnce && told !== 1))
        problems.push(`${order.number}: reminded ${told}× at ${ORDER_VALIDITY_DAYS - day} days left`);
    }
  }
  return { problems, expired: orders.filter((order) => order.state === "expired").length, reminders };
}
