import { createHash } from "node:crypto";
import type { AppContext } from "../platform/context.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";
import { composeEmail, messageIdFor, type Email } from "./mail-message.ts";
import type { OutgoingMail } from "./mail-transport.ts";

export type { Email } from "./mail-message.ts";

/**
 * E-mail to one address, one job each: a refused address retries on its own
 * and never holds up or repeats the others. Written to the outbox in the
 * caller's transaction; the worker sends it through the configured transport
 * (SMTP, or the development mailbox). The payload is encrypted: e-mails carry
 * addresses and may carry secrets (a password reset link).
 */
export const MAIL_JOB = "mail";
/** With the job system's backoff (2 s, 4 s … capped at an hour): about 2.5 hours of retries. */
const MAIL_ATTEMPTS = 12;

export interface MailJobPayload {
  sealed: string;
}

interface SealedEmail extends Email {
  /** Fixed when queued: the Message-ID of every attempt. */
  mailId?: string;
}

export async function queueEmail(executor: Executor, cipher: FieldCipher, email: Email, now: number) {
  const sealed: SealedEmail = { ...email, mailId: newId() };
  const payload: MailJobPayload = { sealed: cipher.encryptJson(sealed) };
  await enqueue(executor, { kind: MAIL_JOB, payload, runAt: now, maxAttempts: MAIL_ATTEMPTS }, now);
}

/** The job's external step: hands the message to the transport (SMTP talks to its server here). */
export async function sendQueuedEmail(ctx: AppContext, payload: MailJobPayload): Promise<void> {
  const mail = outgoing(ctx, payload);
  await ctx.mail.send(mail);
  if (ctx.mail.name === "smtp") ctx.logger.info({ messageId: mail.messageId }, "e-mail sent");
}

/** The job's transaction: what the transport records (the development mailbox's row). */
export async function commitQueuedEmail(
  ctx: AppContext,
  trx: Tx,
  payload: MailJobPayload,
  now: number,
): Promise<void> {
  await ctx.mail.commit(trx, outgoing(ctx, payload), now);
}

function outgoing(ctx: AppContext, payload: MailJobPayload): OutgoingMail {
  const email = ctx.cipher.decryptJson<SealedEmail>(payload.sealed);
  const id = email.mailId ?? legacyMailId(payload.sealed);
  return composeEmail(email, ctx.mailFrom, messageIdFor(id, ctx.mailFrom));
}

/**
 * Jobs queued before ids were sealed in: the sealed text is unique and fixed, so its hash is
 * too. (A key rotation, which changes the sealed text, seals this id into the payload first.)
 */
export function legacyMailId(sealed: string): string {
  return createHash("sha256").update(sealed).digest("hex").slice(0, 32);
}
