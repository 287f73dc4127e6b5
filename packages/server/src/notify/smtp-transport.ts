import nodemailer from "nodemailer";
import type { MailTransport, OutgoingMail } from "./mail-transport.ts";

/**
 * Real e-mail through an SMTP server (BEIAN_SMTP_URL). One connection per
 * message: mail jobs are few and each one is retried on its own. The time-outs
 * keep a hanging server well inside the worker's one-minute job lease, so no
 * second worker takes the job over while the first is still talking.
 */
export class SmtpTransport implements MailTransport {
  readonly name = "smtp";
  private readonly transporter;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Throws when the server refuses (the recipient, the sender, the connection):
    // the worker then retries the job with backoff.
    await this.transporter.sendMail({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  }

  async commit(): Promise<void> {}
}
