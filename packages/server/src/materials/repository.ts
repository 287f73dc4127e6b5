import { AppError, EDITABLE_STATES } from "@openbeian/core";
import { loadOrder, orderState } from "../filing/order-rows.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import type { FilingOrderTable, MaterialTable } from "../platform/schema.ts";

/**
 * Loads the applicant's own order for a change to its materials, refusing it
 * unless the applicant may edit the order now. Inside a transaction on
 * PostgreSQL the row is locked, so a submission waits for the upload (and an
 * upload after a submission sees the new state); SQLite has one writer anyway.
 */
export async function editableOrder(
  ctx: AppContext,
  executor: Executor,
  viewer: Viewer,
  orderId: string,
  action: "upload_material" | "delete_material",
): Promise<FilingOrderTable> {
  if (ctx.engine === "postgres" && executor.isTransaction) {
    await executor
      .selectFrom("filing_order")
      .select("id")
      .where("id", "=", orderId)
      .where("account_id", "=", viewer.accountId)
      .forUpdate()
      .execute();
  }
  const order = await loadOrder(executor, orderId, { accountId: viewer.accountId });
  const state = orderState(order);
  if (!EDITABLE_STATES.has(state)) throw new AppError("TRANSITION_NOT_ALLOWED", { state, action });
  return order;
}

export async function listMaterials(executor: Executor, orderId: string): Promise<MaterialTable[]> {
  return executor
    .selectFrom("material")
    .selectAll()
    .where("order_id", "=", orderId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A material of an order already loaded with the caller's scope: any other is "not found". */
export async function findMaterial(
  executor: Executor,
  orderId: string,
  materialId: string,
): Promise<MaterialTable> {
  const row = await executor
    .selectFrom("material")
    .selectAll()
    .where("id", "=", materialId)
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export async function materialOfKind(
  trx: Tx,
  orderId: string,
  kind: string,
): Promise<MaterialTable | undefined> {
  return trx
    .selectFrom("material")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("kind", "=", kind)
    .executeTakeFirst();
}
