import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { MailSettings } from "../platform/notify-config.ts";
import { SmtpTransport } from "./smtp-transport.ts";

/** One composed e-mail to one address, ready for a transport. */
export interface OutgoingMail {
  /** `<id@domain>`, the same on every retry of the job, so a repeated send can be recognised. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where e-mail goes. A mail job runs in two steps like every job that reaches the
 * outside world: `send` before the job's transaction (network; may be repeated
 * after a crash, with the same Message-ID), `commit` inside it (database writes
 * that must happen exactly once with the job's completion).
 */
export interface MailTransport {
  readonly name: "smtp" | "dev-mailbox";
  send(mail: OutgoingMail): Promise<void>;
  commit(trx: Tx, mail: OutgoingMail, now: number): Promise<void>;
}

/** Development: e-mails land in `dev_mail`, read by staff at GET /api/dev/mailbox. */
export class DevMailbox implements MailTransport {
  readonly name = "dev-mailbox";

  async send(): Promise<void> {}

  async commit(trx: Tx, mail: OutgoingMail, now: number): Promise<void> {
    await trx
      .insertInto("dev_mail")
      .values({
        id: newId(),
        to_address: mail.to,
        subject: mail.subject,
        body: mail.text,
        created_at: now,
      })
      .execute();
  }
}

export function createMailTransport(settings: MailSettings): MailTransport {
  return settings.smtpUrl ? new SmtpTransport(settings.smtpUrl) : new DevMailbox();
}
