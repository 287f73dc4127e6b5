import type { LocalizedText } from "@openbeian/core";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";

/**
 * E-mail to one address, in both languages. Written to the outbox in the
 * caller's transaction and delivered by the worker; delivery today is the
 * development mailbox (`dev_mail`), where issue 10 puts SMTP behind the same
 * `deliverEmail`. The job's payload is encrypted: e-mails may carry secrets
 * (a password reset link).
 */
export interface Email {
  to: string;
  subject: LocalizedText;
  body: LocalizedText;
}

export const MAIL_JOB = "mail";

export interface MailJobPayload {
  sealed: string;
}

export async function queueEmail(executor: Executor, cipher: FieldCipher, email: Email, now: number) {
  const payload: MailJobPayload = { sealed: cipher.encryptJson(email) };
  await enqueue(executor, { kind: MAIL_JOB, payload, runAt: now }, now);
}

export async function deliverQueuedEmail(
  trx: Tx,
  cipher: FieldCipher,
  payload: MailJobPayload,
  now: number,
): Promise<void> {
  await deliverEmail(trx, cipher.decryptJson<Email>(payload.sealed), now);
}

/** One e-mail, both languages in one message (Chinese first). */
export async function deliverEmail(trx: Tx, email: Email, now: number): Promise<void> {
  await trx
    .insertInto("dev_mail")
    .values({
      id: newId(),
      to_address: email.to,
      subject: `${email.subject.zh} / ${email.subject.en}`,
      body: `${email.body.zh}\n\n${email.body.en}`,
      created_at: now,
    })
    .execute();
}
