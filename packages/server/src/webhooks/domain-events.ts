import type { WatchFinding } from "@openbeian/core";
import type { Executor } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { queueWebhookEvent } from "./queue-event.ts";

/**
 * The events the platform's own code raises, each a one-line call where the
 * change happens (apply-event, the reminders, the watch), so the webhook shape
 * lives here. Payloads name orders, websites and domains by id and number,
 * never people.
 */
const iso = (ms: number) => new Date(ms).toISOString();

/** Every state change of an order: `order.<event>` (order.submit, order.approve, order.bureau_approved…). */
export function queueOrderWebhook(
  executor: Executor,
  order: Pick<FilingOrderTable, "id" | "number" | "type" | "account_id">,
  event: string,
  from: string,
  to: string,
  now: number,
) {
  return queueWebhookEvent(
    executor,
    order.account_id,
    {
      type: `order.${event}`,
      data: { orderId: order.id, orderNumber: order.number, kind: order.type, from, to, state: to },
    },
    now,
  );
}

/**
 * A transfer seen from the receiving account: `transfer.incoming` (awaiting its
 * acceptance) and `transfer.received` (the filing is now in this account).
 */
export function queueTransferWebhook(
  executor: Executor,
  receivingAccountId: string,
  order: Pick<FilingOrderTable, "id" | "number">,
  type: "transfer.incoming" | "transfer.received",
  now: number,
) {
  return queueWebhookEvent(
    executor,
    receivingAccountId,
    { type, data: { transferId: order.id, orderNumber: order.number } },
    now,
  );
}

/** The 45-day validity running out: `deadline.order_expiring`. */
export function queueOrderExpiringWebhook(
  executor: Executor,
  order: { id: string; number: string; account_id: string },
  daysLeft: number,
  expiresAt: number,
  now: number,
) {
  return queueWebhookEvent(
    executor,
    order.account_id,
    {
      type: "deadline.order_expiring",
      data: { orderId: order.id, orderNumber: order.number, daysLeft, expiresAt: iso(expiresAt) },
    },
    now,
  );
}

/** The public-security filing's 30 days: `deadline.psb_due` (7, 3, 1 days left) and `deadline.psb_overdue`. */
export function queuePsbWebhook(
  executor: Executor,
  website: { id: string; account_id: string; order_id: string; order_number: string; domain: string },
  daysLeft: number | "overdue",
  dueOn: string,
  now: number,
) {
  return queueWebhookEvent(
    executor,
    website.account_id,
    {
      type: daysLeft === "overdue" ? "deadline.psb_overdue" : "deadline.psb_due",
      data: {
        websiteId: website.id,
        orderId: website.order_id,
        orderNumber: website.order_number,
        domain: website.domain,
        dueOn,
        daysLeft: daysLeft === "overdue" ? 0 : daysLeft,
      },
    },
    now,
  );
}

/** A filing-watch finding the owner is told of: `watch.<kind>` (watch.domain_expiry, watch.footer_noncompliant…). */
export function queueWatchWebhook(
  executor: Executor,
  website: { id: string; account_id: string; order_id: string; order_number: string; domain: string },
  finding: Pick<WatchFinding, "kind" | "level" | "dueAt">,
  now: number,
) {
  return queueWebhookEvent(
    executor,
    website.account_id,
    {
      type: `watch.${finding.kind}`,
      data: {
        websiteId: website.id,
        orderId: website.order_id,
        orderNumber: website.order_number,
        domain: website.domain,
        level: finding.level,
        dueAt: iso(finding.dueAt),
      },
    },
    now,
  );
}
