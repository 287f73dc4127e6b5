import { AppError, type OrderEvent } from "@openbeian/core";
import { applyEventInTx } from "../filing/apply-event.ts";
import { loadOrder } from "../filing/order-rows.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

export type ReviewEvent = Extract<OrderEvent, { type: "approve" | "return" | "reject" }>;

/**
 * Staff may not decide on an order of their own account (the provider filing for itself):
 * approve, return, reject, claim, calls and bulk actions all refuse it.
 */
export function refuseOwnAccount(viewer: Viewer, order: Pick<FilingOrderTable, "id" | "account_id">): void {
  if (order.account_id === viewer.accountId) throw new AppError("REVIEW_OWN_ACCOUNT", { orderId: order.id });
}

export function isSupervisor(viewer: Viewer): boolean {
  return viewer.role === "supervisor" || viewer.role === "admin";
}

/**
 * Takes the order's row lock first on PostgreSQL, so that steps which read before they write
 * (counting missed calls) see every earlier one; SQLite has a single writer already.
 */
export async function lockOrder(ctx: AppContext, executor: Executor, orderId: string): Promise<void> {
  if (ctx.engine !== "postgres" || !executor.isTransaction) return;
  await executor.selectFrom("filing_order").select("id").where("id", "=", orderId).forUpdate().execute();
}

/** A reviewer's decision inside the caller's transaction: the own-account rule, then the state machine. */
export async function reviewerDecisionInTx(
  ctx: AppContext,
  trx: Tx,
  viewer: Viewer,
  orderId: string,
  event: ReviewEvent,
  expectedVersion?: number,
): Promise<FilingOrderTable> {
  refuseOwnAccount(viewer, await loadOrder(trx, orderId));
  return applyEventInTx(ctx, trx, {
    orderId,
    event,
    actor: { kind: "reviewer", userId: viewer.userId },
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
}
