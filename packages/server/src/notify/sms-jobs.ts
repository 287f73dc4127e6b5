import { maskPhone, phoneDigits } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";
import type { OutgoingSms } from "./sms-sender.ts";
import type { RenderedSms } from "./sms-templates.ts";

/**
 * One text to one phone, one job each, written in the caller's transaction and
 * sent by the worker through the configured sender. The payload is sealed:
 * phone numbers are personal data and a relayed text may hold a code.
 */
export const SMS_JOB = "sms";
const SMS_ATTEMPTS = 10;

export interface SmsJobPayload {
  sealed: string;
}

export async function queueSms(
  executor: Executor,
  cipher: FieldCipher,
  phone: string,
  sms: RenderedSms,
  now: number,
): Promise<void> {
  const outgoing: OutgoingSms = { smsId: newId(), phone: phoneDigits(phone), ...sms };
  const payload: SmsJobPayload = { sealed: cipher.encryptJson(outgoing) };
  await enqueue(executor, { kind: SMS_JOB, payload, runAt: now, maxAttempts: SMS_ATTEMPTS }, now);
}

/** The job's external step: the provider's endpoint is called here, outside any transaction. */
export async function sendQueuedSms(ctx: AppContext, payload: SmsJobPayload): Promise<void> {
  const sms = ctx.cipher.decryptJson<OutgoingSms>(payload.sealed);
  await ctx.sms.send(sms);
  if (ctx.sms.name === "http") {
    ctx.logger.info({ phone: maskPhone(sms.phone), templateCode: sms.templateCode }, "sms sent");
  }
}

export async function commitQueuedSms(
  ctx: AppContext,
  trx: Tx,
  payload: SmsJobPayload,
  now: number,
): Promise<void> {
  await ctx.sms.commit(trx, ctx.cipher.decryptJson<OutgoingSms>(payload.sealed), now);
}
