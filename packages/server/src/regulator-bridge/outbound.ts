import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import type { OutboundSubmission } from "./port.ts";
import type { RegulatorSubmission } from "./submission-payload.ts";

export const SUBMIT_JOB = "regulator.submit";

/**
 * Queues the order for MIIT in the approving transaction: the message (with a
 * fresh id that every retry reuses) and the job that delivers it.
 */
export async function queueSubmission(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  { orderType, payload }: RegulatorSubmission,
  now: number,
) {
  const messageId = newId();
  const submission: OutboundSubmission = {
    messageId,
    orderNumber: order.number,
    orderType,
    province: order.province_code ?? "",
    payload,
  };
  await trx
    .insertInto("regulator_outbound")
    .values({
      message_id: messageId,
      order_id: order.id,
      kind: "submit",
      payload: ctx.cipher.encryptJson(submission),
      status: "pending",
      attempts: 0,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  await enqueue(trx, { kind: SUBMIT_JOB, payload: { messageId }, runAt: now, maxAttempts: 50 }, now);
}

/** Delivers one message: the HTTP call happens outside any transaction. */
export async function deliverSubmission(ctx: AppContext, messageId: string): Promise<void> {
  if (!ctx.regulatorBridge) throw new Error("no regulator bridge configured");
  const row = await ctx.db
    .selectFrom("regulator_outbound")
    .selectAll()
    .where("message_id", "=", messageId)
    .executeTakeFirst();
  if (!row || row.status === "sent") return;
  try {
    await ctx.regulatorBridge.submit(ctx.cipher.decryptJson<OutboundSubmission>(row.payload));
  } catch (error) {
    await ctx.db
      .updateTable("regulator_outbound")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: String((error as Error).message ?? error).slice(0, 500),
      }))
      .where("message_id", "=", messageId)
      .execute();
    throw error;
  }
}

export async function markSubmitted(trx: Tx, messageId: string, now: number) {
  await trx
    .updateTable("regulator_outbound")
    .set((eb) => ({ status: "sent", sent_at: now, attempts: eb("attempts", "+", 1), last_error: null }))
    .where("message_id", "=", messageId)
    .execute();
}

/** Every message sent to and received from the regulator for one order, oldest first. */
export async function regulatorMessages(executor: Executor, orderId: string) {
  const sent = await executor
    .selectFrom("regulator_outbound")
    .selectAll()
    .where("order_id", "=", orderId)
    .execute();
  const received = await executor
    .selectFrom("regulator_message")
    .selectAll()
    .where("order_id", "=", orderId)
    .execute();
  return [
    ...sent.map((row) => ({
      direction: "outbound" as const,
      messageId: row.message_id,
      type: row.kind,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      at: new Date(row.sent_at ?? row.created_at).toISOString(),
    })),
    ...received.map((row) => ({
      direction: "inbound" as const,
      messageId: row.message_id,
      type: row.type,
      status: "applied",
      attempts: 1,
      lastError: null,
      at: new Date(row.received_at).toISOString(),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
