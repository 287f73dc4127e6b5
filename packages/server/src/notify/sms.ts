import { maskPhone, phoneDigits } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";

/**
 * The platform's SMS channel for texts the regulator sends through it (MIIT's
 * verification codes). Stored encrypted and idempotent by the sender's message
 * id; in development the stored texts are what the applicant's phone panel
 * shows (issue 10 adds delivery through an SMS provider).
 */
export interface IncomingSms {
  messageId: string;
  orderNumber: string;
  mobile: string;
  text: string;
}

export async function receiveSms(ctx: AppContext, sms: IncomingSms): Promise<{ duplicate: boolean }> {
  const order = await ctx.db
    .selectFrom("filing_order")
    .select("id")
    .where("number", "=", sms.orderNumber)
    .executeTakeFirst();
  try {
    await ctx.db
      .insertInto("sms_message")
      .values({
        id: newId(),
        message_id: sms.messageId,
        order_id: order?.id ?? null,
        mobile_enc: ctx.cipher.encrypt(phoneDigits(sms.mobile)),
        text_enc: ctx.cipher.encrypt(sms.text),
        source: "regulator",
        created_at: ctx.clock.now().getTime(),
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) return { duplicate: true };
    throw error;
  }
  ctx.logger.info({ orderNumber: sms.orderNumber, mobile: maskPhone(sms.mobile) }, "sms stored");
  return { duplicate: false };
}

/** The texts sent for one order, oldest first, mobile numbers masked. */
export async function smsForOrder(ctx: AppContext, orderId: string) {
  const rows = await ctx.db
    .selectFrom("sms_message")
    .selectAll()
    .where("order_id", "=", orderId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    mobileMasked: maskPhone(ctx.cipher.decrypt(row.mobile_enc)),
    text: ctx.cipher.decrypt(row.text_enc),
    at: new Date(row.created_at).toISOString(),
  }));
}
