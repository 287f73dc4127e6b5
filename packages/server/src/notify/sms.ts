import { maskPhone, phoneDigits } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { queueSms } from "./sms-jobs.ts";
import { relaySms } from "./sms-templates.ts";

/**
 * The platform's SMS channel for texts the regulator sends through it (MIIT's
 * verification codes). Stored encrypted and idempotent by the sender's message
 * id (the applicant's phone panel shows the stored texts), and relayed to the
 * person's phone through the SMS sender as a job written in the same
 * transaction, so a text is stored and sent once however often it arrives.
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
  const now = ctx.clock.now().getTime();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("sms_message")
        .values({
          id: newId(),
          message_id: sms.messageId,
          order_id: order?.id ?? null,
          mobile_enc: ctx.cipher.encrypt(phoneDigits(sms.mobile)),
          text_enc: ctx.cipher.encrypt(sms.text),
          source: "regulator",
          created_at: now,
        })
        .execute();
      await queueSms(trx, ctx.cipher, sms.mobile, relaySms(sms.text), now);
    });
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
