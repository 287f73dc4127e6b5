import { checkEnv, isFinal, requiredMaterialsFor } from "@openbeian/core";
import { orderData, orderState } from "../filing/order-rows.ts";
import { precheckContextFor } from "../filing/precheck-context.ts";
import type { AppContext } from "../platform/context.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

/**
 * The materials the pre-check asks of this order, from the same context and
 * rules as its problems. A closed order asks for nothing.
 */
export async function requiredMaterialsOf(ctx: AppContext, order: FilingOrderTable) {
  if (isFinal(orderState(order))) return [];
  // A change keeps the documents on file and a cancellation needs none (as the pre-check says).
  if (order.type === "change" || order.type.startsWith("cancel_")) return [];
  const data = orderData(ctx, order);
  const context = await precheckContextFor(ctx, ctx.db, order, data);
  return requiredMaterialsFor(checkEnv(data, context)).map((material) => ({
    kind: material.kind,
    reason: material.reason,
    source: material.source,
    // A pre-approval document is asked for once per industry.
    ...(material.industry ? { industry: material.industry } : {}),
  }));
}
