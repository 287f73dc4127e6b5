import { isFinal, type OrderState } from "@openbeian/core";
import type { GateChangeTable, WebsiteTable } from "../platform/schema.ts";

/**
 * What the gate does with one domain, from what the platform holds about it: the
 * website record (filed or cancelled through this provider) and the order in
 * progress for it, if any. The one rule behind both the gate's initial load and
 * every change-log row, so the two never disagree.
 */
export type GateStatus = Pick<GateChangeTable, "status" | "reason" | "order_state">;

export function gateStatus(
  website: Pick<WebsiteTable, "status"> | undefined,
  orderState: OrderState | null,
): GateStatus {
  if (website?.status === "filed") return { status: "filed", reason: null, order_state: null };
  // A draft is not yet a filing: its domains may still change with every save.
  if (orderState && orderState !== "draft" && !isFinal(orderState)) {
    return { status: "blocked", reason: "in_progress", order_state: orderState };
  }
  if (website?.status === "cancelled") return { status: "blocked", reason: "cancelled", order_state: null };
  return { status: "unknown", reason: null, order_state: null };
}

/** The domains an order names, as stored in `filing_order.domains`. */
export function orderDomains(column: string): string[] {
  return column
    .split(",")
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
}
