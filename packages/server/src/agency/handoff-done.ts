import { writeAudit } from "../audit/audit-log.ts";
import type { HandoffLinkTable } from "../platform/agency-schema.ts";
import type { Tx } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

/**
 * A real-person step done (the transition's `handoff_done` effect): the order's links for
 * it that are still open are marked used, in the transition's transaction, each with its
 * audit record. An SMS link is never "used" on this platform (the person verifies on
 * MIIT's page), so MIIT's report that the SMS was verified is what ends it; the list then
 * shows 已使用 rather than a live link for a step that is over.
 */
export async function markHandoffLinksUsed(
  trx: Tx,
  order: FilingOrderTable,
  purpose: HandoffLinkTable["purpose"],
  now: number,
): Promise<void> {
  const open = await trx
    .selectFrom("handoff_link")
    .select("id")
    .where("order_id", "=", order.id)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (open.length === 0) return;
  await trx
    .updateTable("handoff_link")
    .set({ used_at: now })
    .where(
      "id",
      "in",
      open.map((link) => link.id),
    )
    .execute();
  for (const link of open) {
    await writeAudit(trx, {
      at: now,
      actorKind: "regulator",
      actorUserId: null,
      accountId: order.account_id,
      entity: "handoff_link",
      entityId: link.id,
      action: "use",
      detail: { orderId: order.id, purpose, by: "step_done" },
    });
  }
}
