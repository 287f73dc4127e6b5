import { isFinal, type OrderKind, type OrderState } from "@openbeian/core";
import type { GateChangeTable, WebsiteTable } from "../platform/schema.ts";

/** States of a 新增接入 after the provider's initial review passed, in which the gate serves the site. */
const ACCESS_SERVED: ReadonlySet<OrderState> = new Set([
  "queued_for_bureau",
  "sms_pending",
  "bureau_review",
  "regulator_returned",
]);

/**
 * What the gate does with one domain, from what the platform holds about it: the
 * website record (filed or cancelled through this provider) and the order in
 * progress for it, if any. The one rule behind both the gate's initial load and
 * every change-log row, so the two never disagree. A website under an order in
 * progress (a change, a cancellation) stays served until the bureau approves:
 * the site stays reachable during a change (fact base §1.4).
 */
export type GateStatus = Pick<GateChangeTable, "status" | "reason" | "order_state">;

export function gateStatus(
  website: Pick<WebsiteTable, "status"> | undefined,
  orderState: OrderState | null,
  orderType: OrderKind | null = null,
): GateStatus {
  if (website?.status === "filed") return { status: "filed", reason: null, order_state: null };
  // 新增接入: the website is filed (elsewhere) and the provider's review has passed: served here already.
  if (orderType === "add_access" && orderState && ACCESS_SERVED.has(orderState)) {
    return { status: "filed", reason: null, order_state: null };
  }
  // A draft is not yet a filing: its domains may still change with every save.
  if (orderState && orderState !== "draft" && !isFinal(orderState)) {
    return { status: "blocked", reason: "in_progress", order_state: orderState };
  }
  if (website?.status === "cancelled") return { status: "blocked", reason: "cancelled", order_state: null };
  if (website?.status === "access_cancelled") {
    return { status: "blocked", reason: "access_cancelled", order_state: null };
  }
  return { status: "unknown", reason: null, order_state: null };
}

/** The domains an order names, as stored in `filing_order.domains`. */
export function orderDomains(column: string): string[] {
  return column
    .split(",")
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * A domain cancelled once and filed again has several website records: the live
 * one decides (filed, then access cancelled, then cancelled), by its index here.
 */
export const LIVE_STATUS_ORDER = [
  "filed",
  "access_cancelled",
  "cancelled",
] as const satisfies readonly WebsiteTable["status"][];
const STATUS_RANK = Object.fromEntries(LIVE_STATUS_ORDER.map((status, rank) => [status, rank])) as Record<
  WebsiteTable["status"],
  number
>;

export function liveWebsites<T extends Pick<WebsiteTable, "domain" | "status">>(
  rows: readonly T[],
): Map<string, T> {
  const byDomain = new Map<string, T>();
  for (const row of rows) {
    const known = byDomain.get(row.domain);
    if (!known || STATUS_RANK[row.status] < STATUS_RANK[known.status]) byDomain.set(row.domain, row);
  }
  return byDomain;
}
