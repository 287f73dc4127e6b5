import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";
import { fanOut } from "./fan-out.ts";
import { render, type TemplateParams } from "./templates.ts";

/**
 * Notifications leave through the outbox: a `notify` job written in the same
 * transaction as the change. The worker writes the in-app inbox row and fans
 * out to e-mail and SMS jobs (fan-out.ts) in one transaction with the job.
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

export async function deliverNotification(
  ctx: AppContext,
  trx: Tx,
  payload: NotifyPayload,
  now: number,
): Promise<void> {
  const rendered = render(payload.template, payload.params);
  await trx
    .insertInto("notification")
    .values({
      id: newId(),
      account_id: payload.accountId,
      order_id: payload.orderId,
      template: payload.template,
      title_zh: rendered.title.zh,
      title_en: rendered.title.en,
      body_zh: rendered.body.zh,
      body_en: rendered.body.en,
      created_at: now,
      read_at: null,
    })
    .execute();
  await fanOut(ctx, trx, payload, rendered, now);
}
