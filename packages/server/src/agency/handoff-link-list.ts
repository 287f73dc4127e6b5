import { writeAudit } from "../audit/audit-log.ts";
import { loadOrder } from "../filing/order-rows.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { HandoffLinkTable } from "../platform/agency-schema.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError } from "@openbeian/core";
import type { HandoffPerson } from "./handoff-links.ts";

/**
 * The links an account has handed out for one order, and their withdrawal. A
 * link's token is never shown again (only its hash is kept), so the list says
 * what each link was for and whether it still opens; a lost or misdirected link
 * is revoked here and a new one made.
 */
export type HandoffLinkStatus = "active" | "used" | "expired" | "revoked";

function statusOf(row: HandoffLinkTable, now: number): HandoffLinkStatus {
  if (row.revoked_at !== null) return "revoked";
  if (row.expires_at <= now) return "expired";
  // A used face-check link still opens (the person may retake the photo) until it expires.
  return row.used_at !== null ? "used" : "active";
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(row: HandoffLinkTable, now: number) {
  return {
    id: row.id,
    purpose: row.purpose,
    person: row.person ? (JSON.parse(row.person) as HandoffPerson) : null,
    status: statusOf(row, now),
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    usedAt: iso(row.used_at),
    revokedAt: iso(row.revoked_at),
  };
}

export async function listHandoffLinks(ctx: AppContext, viewer: Viewer, orderId: string) {
  // Another account's order is "not found", like every order route.
  await loadOrder(ctx.db, orderId, { accountId: viewer.accountId });
  const rows = await ctx.db
    .selectFrom("handoff_link")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("account_id", "=", viewer.accountId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  const now = ctx.clock.now().getTime();
  return rows.map((row) => present(row, now));
}

/** Stops a link at once. Revoking one already revoked or expired changes nothing and says so. */
export async function revokeHandoffLink(ctx: AppContext, viewer: Viewer, orderId: string, linkId: string) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    await loadOrder(trx, orderId, { accountId: viewer.accountId });
    const row = await trx
      .selectFrom("handoff_link")
      .selectAll()
      .where("id", "=", linkId)
      .where("order_id", "=", orderId)
      .where("account_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (!row) throw new AppError("NOT_FOUND");
    const status = statusOf(row, now);
    if (status === "revoked" || status === "expired") return present(row, now);
    await trx
      .updateTable("handoff_link")
      .set({ revoked_at: now })
      .where("id", "=", row.id)
      .where("revoked_at", "is", null)
      .execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "handoff_link",
      entityId: row.id,
      action: "revoke",
      detail: { orderId, purpose: row.purpose },
    });
    return present({ ...row, revoked_at: now }, now);
  });
}
