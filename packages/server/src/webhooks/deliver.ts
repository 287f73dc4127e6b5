import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import { postWebhook } from "./http-post.ts";
import { enqueueAttempt, type WebhookJobPayload } from "./queue-event.ts";
import { signatureHeader } from "./signature.ts";

/**
 * Delivering one webhook. The worker's external step posts it (outside any
 * transaction) and records the attempt on the delivery row; the job's handler
 * then, in the job's transaction, queues the next attempt if one is due. The row
 * is the schedule: a job that runs again (a crash, a lost lease) finds the
 * delivery done or not yet due and does nothing. Receivers must still expect an
 * event twice now and then (de-duplicate by the event id).
 */

/** After the first attempt: 1 min, 5 min, 30 min, 2 h, 12 h; then the delivery has failed. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

export async function attemptDelivery(ctx: AppContext, payload: WebhookJobPayload): Promise<void> {
  const row = await ctx.db
    .selectFrom("webhook_delivery")
    .leftJoin("webhook_endpoint", "webhook_endpoint.id", "webhook_delivery.endpoint_id")
    .select([
      "webhook_delivery.id",
      "webhook_delivery.event_type",
      "webhook_delivery.payload",
      "webhook_delivery.attempts",
      "webhook_delivery.status",
      "webhook_delivery.next_attempt_at",
      "webhook_endpoint.url",
      "webhook_endpoint.secret_enc",
      "webhook_endpoint.active",
    ])
    .where("webhook_delivery.id", "=", payload.deliveryId)
    .executeTakeFirst();
  const now = ctx.clock.now().getTime();
  if (!row || row.status !== "pending") return;
  if (row.next_attempt_at !== null && row.next_attempt_at > now) return;

  let outcome: { statusCode: number | null; error: string | null };
  if (!row.url || !row.secret_enc) outcome = { statusCode: null, error: "endpoint deleted" };
  else if (row.active !== 1 && row.event_type !== "ping")
    outcome = { statusCode: null, error: "endpoint disabled" };
  else {
    const timestamp = Math.floor(now / 1000);
    outcome = await postWebhook(
      row.url,
      row.payload,
      {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "OpenBeian-Webhooks/1",
        "x-openbeian-event": row.event_type,
        "x-openbeian-delivery": row.id,
        "x-openbeian-timestamp": String(timestamp),
        "x-openbeian-signature": signatureHeader(ctx.cipher.decrypt(row.secret_enc), timestamp, row.payload),
      },
      ctx.webhookAllowPrivate,
    );
  }
  const attempts = row.attempts + 1;
  const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  // A test ping is tried once; a deleted or disabled endpoint will not get better.
  const final = delivered || delay === undefined || row.event_type === "ping" || !row.url || row.active !== 1;
  await ctx.db
    .updateTable("webhook_delivery")
    .set({
      attempts,
      status: delivered ? "delivered" : final ? "failed" : "pending",
      next_attempt_at: final ? null : now + delay!,
      last_status_code: outcome.statusCode,
      last_error: delivered
        ? null
        : (outcome.error ?? `HTTP ${outcome.statusCode ?? "?"}: 2xx expected`).slice(0, 500),
      delivered_at: delivered ? now : null,
    })
    .where("id", "=", row.id)
    // Only the attempt that read the row records over it.
    .where("attempts", "=", row.attempts)
    .where("status", "=", "pending")
    .execute();
}

/** The job's handler: the next attempt, when the one just made failed and another is due. */
export async function scheduleNextAttempt(trx: Tx, payload: WebhookJobPayload, now: number): Promise<void> {
  const row = await trx
    .selectFrom("webhook_delivery")
    .select(["status", "next_attempt_at"])
    .where("id", "=", payload.deliveryId)
    .executeTakeFirst();
  // Not after this job's attempt (a concurrent attempt recorded first): that attempt's job goes on.
  if (!row || row.status !== "pending" || row.next_attempt_at === null || row.next_attempt_at <= now) return;
  await enqueueAttempt(trx, payload.deliveryId, row.next_attempt_at, now);
}
