import { timingSafeEqual } from "node:crypto";
import { AppError, type OrderEvent } from "@openbeian/core";
import { applyEventInTx } from "../filing/apply-event.ts";
import { presentOrderSummary } from "../filing/presenter.ts";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/db.ts";

/**
 * Events from the regulator (MIIT and the provincial bureaus), delivered by the
 * regulator bridge. Each message carries an id; a message already applied is
 * acknowledged again without being applied twice. The message row and the
 * transition commit in one transaction.
 */
export type RegulatorEvent = Extract<
  OrderEvent,
  {
    type:
      | "sms_sent"
      | "sms_verified"
      | "sms_timed_out"
      | "sms_failed"
      | "bureau_received"
      | "bureau_approved"
      | "bureau_rejected";
  }
>;

export interface RegulatorMessage {
  messageId: string;
  orderNumber: string;
  event: RegulatorEvent;
}

export function checkRegulatorToken(ctx: AppContext, header: string | undefined): void {
  const presented = Buffer.from(header?.replace(/^Bearer /, "") ?? "");
  const expected = Buffer.from(ctx.regulatorToken);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    throw new AppError("UNAUTHENTICATED");
}

export async function receiveRegulatorMessage(ctx: AppContext, message: RegulatorMessage) {
  const order = await ctx.db
    .selectFrom("filing_order")
    .select("id")
    .where("number", "=", message.orderNumber)
    .executeTakeFirst();
  if (!order) throw new AppError("NOT_FOUND");
  const now = ctx.clock.now().getTime();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const seen = await trx
        .selectFrom("regulator_message")
        .select("message_id")
        .where("message_id", "=", message.messageId)
        .executeTakeFirst();
      if (seen)
        return {
          duplicate: true,
          order: presentOrderSummary(
            await trx
              .selectFrom("filing_order")
              .selectAll()
              .where("id", "=", order.id)
              .executeTakeFirstOrThrow(),
          ),
        };
      await trx
        .insertInto("regulator_message")
        .values({
          message_id: message.messageId,
          order_id: order.id,
          type: message.event.type,
          payload: JSON.stringify(message.event),
          received_at: now,
        })
        .execute();
      const row = await applyEventInTx(ctx, trx, {
        orderId: order.id,
        event: message.event,
        actor: { kind: "regulator", userId: null },
      });
      return { duplicate: false, order: presentOrderSummary(row) };
    });
  } catch (error) {
    // The same message delivered twice at once: the other delivery applied it.
    if (isUniqueViolation(error)) {
      const row = await ctx.db
        .selectFrom("filing_order")
        .selectAll()
        .where("id", "=", order.id)
        .executeTakeFirstOrThrow();
      return { duplicate: true, order: presentOrderSummary(row) };
    }
    throw error;
  }
}
