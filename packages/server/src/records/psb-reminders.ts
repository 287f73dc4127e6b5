import { PSB_REMINDER_DAYS, psbClock, psbReminderTimes } from "@openbeian/core";
import type { Tx } from "../platform/db.ts";
import { cancelKeyed, enqueue } from "../platform/jobs.ts";
import { queueNotification } from "../notify/outbox.ts";
import { queuePsbWebhook } from "../webhooks/domain-events.ts";

/**
 * The public-security filing reminders of one website as keyed timer jobs (7, 3
 * and 1 days before the last day, and when overdue). Recording the opening day
 * moves them; recording the number settles them. A timer that fires for a
 * deadline that has since moved finds a different due day and does nothing.
 */
export const PSB_REMIND_JOB = "website.psb_remind";

export interface PsbReminderPayload {
  websiteId: string;
  dueOn: string;
  daysLeft: number | "overdue";
}

const key = (websiteId: string, daysLeft: number | "overdue") => `${PSB_REMIND_JOB}:${daysLeft}:${websiteId}`;

export async function schedulePsbReminders(
  trx: Tx,
  website: { id: string; filedAt: number; openedOn: string | null },
  now: number,
): Promise<void> {
  const clock = psbClock({ ...website, psbNumber: null }, now);
  for (const reminder of psbReminderTimes(clock)) {
    const payload: PsbReminderPayload = {
      websiteId: website.id,
      dueOn: clock.dueOn,
      daysLeft: reminder.daysLeft,
    };
    // A reminder whose day has passed is not sent late; the next one (or the overdue notice) still is.
    if (reminder.at < now && reminder.daysLeft !== "overdue") {
      await cancelKeyed(trx, key(website.id, reminder.daysLeft), now);
      continue;
    }
    await enqueue(
      trx,
      {
        kind: PSB_REMIND_JOB,
        payload,
        runAt: Math.max(reminder.at, now),
        dedupeKey: key(website.id, reminder.daysLeft),
      },
      now,
    );
  }
}

export async function cancelPsbReminders(trx: Tx, websiteId: string, now: number): Promise<void> {
  for (const days of [...PSB_REMINDER_DAYS, "overdue" as const])
    await cancelKeyed(trx, key(websiteId, days), now);
}

/** The worker's handler: tells the owner, unless the number is recorded or the deadline moved. */
export async function remindPsb(trx: Tx, payload: PsbReminderPayload, now: number): Promise<void> {
  const website = await trx
    .selectFrom("website")
    .innerJoin("filing_order", "filing_order.id", "website.order_id")
    .select([
      "website.account_id",
      "website.order_id",
      "website.domain",
      "website.website_number",
      "website.status",
      "website.created_at",
      "website.opened_on",
      "website.psb_number",
      "filing_order.number as order_number",
    ])
    .where("website.id", "=", payload.websiteId)
    .executeTakeFirst();
  if (!website || website.status !== "filed" || website.psb_number) return;
  const clock = psbClock({ filedAt: website.created_at, openedOn: website.opened_on, psbNumber: null }, now);
  if (clock.dueOn !== payload.dueOn) return;
  await queueNotification(
    trx,
    {
      accountId: website.account_id,
      orderId: website.order_id,
      template: payload.daysLeft === "overdue" ? "website.psb_overdue" : "website.psb_reminder",
      params: {
        orderNumber: website.order_number,
        domain: website.domain,
        websiteNumbers: [website.website_number],
        daysLeft: payload.daysLeft === "overdue" ? 0 : payload.daysLeft,
        expiresOn: clock.dueOn,
      },
    },
    now,
  );
  await queuePsbWebhook(trx, { ...website, id: payload.websiteId }, payload.daysLeft, clock.dueOn, now);
}
