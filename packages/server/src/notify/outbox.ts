import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";
import { deliverEmail } from "./mail.ts";
import { render, type TemplateParams } from "./templates.ts";

/**
 * Notifications leave through the outbox: a `notify` job written in the same
 * transaction as the change, delivered by the worker to the in-app inbox and to
 * every user of the account by e-mail (the development mailbox until SMTP).
 */
export interface NotifyPayload {
  accountId: string;
  orderId: string | null;
  template: string;
  params: TemplateParams;
}

export const NOTIFY_JOB = "notify";

export async function queueNotification(executor: Executor, payload: NotifyPayload, now: number) {
  render(payload.template, payload.params); // fail in the caller's transaction, not later in the worker
  await enqueue(executor, { kind: NOTIFY_JOB, payload, runAt: now }, now);
}

export async function deliverNotification(trx: Tx, payload: NotifyPayload, now: number): Promise<void> {
  const { title, body } = render(payload.template, payload.params);
  await trx
    .insertInto("notification")
    .values({
      id: newId(),
      account_id: payload.accountId,
      order_id: payload.orderId,
      template: payload.template,
      title_zh: title.zh,
      title_en: title.en,
      body_zh: body.zh,
      body_en: body.en,
      created_at: now,
      read_at: null,
    })
    .execute();
  const users = await trx
    .selectFrom("app_user")
    .select("email")
    .where("account_id", "=", payload.accountId)
    .execute();
  for (const user of users) await deliverEmail(trx, { to: user.email, subject: title, body }, now);
}
