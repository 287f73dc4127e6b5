import { DAY_MS, ORDER_REMINDER_DAYS, ORDER_VALIDITY_DAYS } from "@openbeian/core";
import type { Tx } from "../platform/db.ts";
import { cancelKeyed, enqueue } from "../platform/jobs.ts";

/**
 * The 45-day clean-up as stored deadlines: `expires_at` on the order plus one
 * keyed timer job per deadline. Touching the order moves the timers; a timer
 * that fires for an old deadline finds `expires_at` changed and does nothing.
 */
export const EXPIRE_JOB = "order.expire";
export const REMIND_JOB = "order.remind";

export interface ExpiryTimerPayload {
  orderId: string;
  expiresAt: number;
  daysLeft?: number;
}

export async function resetExpiry(trx: Tx, orderId: string, now: number): Promise<number> {
  const expiresAt = now + ORDER_VALIDITY_DAYS * DAY_MS;
  await trx.updateTable("filing_order").set({ expires_at: expiresAt }).where("id", "=", orderId).execute();
  await enqueue(
    trx,
    {
      kind: EXPIRE_JOB,
      payload: { orderId, expiresAt },
      runAt: expiresAt,
      dedupeKey: `${EXPIRE_JOB}:${orderId}`,
    },
    now,
  );
  for (const day of ORDER_REMINDER_DAYS) {
    const payload: ExpiryTimerPayload = { orderId, expiresAt, daysLeft: ORDER_VALIDITY_DAYS - day };
    await enqueue(
      trx,
      { kind: REMIND_JOB, payload, runAt: now + day * DAY_MS, dedupeKey: `${REMIND_JOB}:${day}:${orderId}` },
      now,
    );
  }
  return expiresAt;
}

export async function clearExpiry(trx: Tx, orderId: string, now: number): Promise<void> {
  await trx.updateTable("filing_order").set({ expires_at: null }).where("id", "=", orderId).execute();
  await cancelKeyed(trx, `${EXPIRE_JOB}:${orderId}`, now);
  for (const day of ORDER_REMINDER_DAYS) await cancelKeyed(trx, `${REMIND_JOB}:${day}:${orderId}`, now);
}
