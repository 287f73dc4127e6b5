import { AppError, isFinal } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { loadOrder, orderState } from "../filing/order-rows.ts";
import { STAFF_ROLES, type Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import type { FilingOrderTable, Role } from "../platform/schema.ts";
import { isSupervisor, refuseOwnAccount } from "./decisions.ts";

/**
 * Who works on an order (claim / release / reassign): `filing_order.assignee_user_id`. A claim
 * is a conditional UPDATE (`… WHERE assignee_user_id IS NULL`), so of two racing claims one
 * wins and the other gets ALREADY_CLAIMED naming the holder. The order's version is untouched:
 * holding an order is not a change to it, and a reviewer's decision after claiming still
 * matches the version they saw. The assignment survives returns (the resubmission comes back to
 * the same reviewer) until released or reassigned. Every change is audited on the order.
 */
export interface UserRef {
  id: string;
  displayName: string;
}

export interface StaffMember extends UserRef {
  role: Role;
}

export function presentAssignment(row: FilingOrderTable, assignee: UserRef | null) {
  return {
    orderId: row.id,
    assignee,
    assignedAt: row.assigned_at === null ? null : new Date(row.assigned_at).toISOString(),
  };
}

/** Active staff of the provider: the people an order can be assigned to. */
export async function listStaff(executor: Executor): Promise<StaffMember[]> {
  const rows = await executor
    .selectFrom("app_user")
    .innerJoin("account", "account.id", "app_user.account_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role"])
    .where("account.kind", "=", "provider")
    .where("app_user.role", "in", [...STAFF_ROLES])
    .where("app_user.disabled_at", "is", null)
    .orderBy("app_user.display_name")
    .orderBy("app_user.id")
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role }));
}

export async function userRef(executor: Executor, userId: string | null): Promise<UserRef | null> {
  if (!userId) return null;
  const row = await executor
    .selectFrom("app_user")
    .select(["id", "display_name"])
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name } : { id: userId, displayName: "" };
}

function refuseFinal(order: FilingOrderTable, action: string) {
  const state = orderState(order);
  if (isFinal(state)) throw new AppError("TRANSITION_NOT_ALLOWED", { state, action });
}

export async function claimOrder(ctx: AppContext, viewer: Viewer, orderId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, orderId);
    refuseOwnAccount(viewer, order);
    refuseFinal(order, "claim");
    if (order.assignee_user_id === viewer.userId) return presentAssignment(order, viewerRef(viewer));
    const now = ctx.clock.now().getTime();
    const claimed = await trx
      .updateTable("filing_order")
      .set({ assignee_user_id: viewer.userId, assigned_at: now })
      .where("id", "=", orderId)
      .where("assignee_user_id", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      // Someone holds it: read it again (a racing claim has committed by now) and name them.
      const current = await loadOrder(trx, orderId);
      if (current.assignee_user_id === viewer.userId) return presentAssignment(current, viewerRef(viewer));
      throw new AppError("ALREADY_CLAIMED", {
        holder: await userRef(trx, current.assignee_user_id),
        assignedAt: current.assigned_at === null ? null : new Date(current.assigned_at).toISOString(),
      });
    }
    await auditAssignment(trx, viewer, order, "claim", now, { assigneeUserId: viewer.userId });
    return presentAssignment(await loadOrder(trx, orderId), viewerRef(viewer));
  });
}

/** The holder gives the order back to the common queue; a supervisor may release anyone's. */
export async function releaseOrder(ctx: AppContext, viewer: Viewer, orderId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, orderId);
    const holder = order.assignee_user_id;
    if (holder === null) return presentAssignment(order, null);
    if (holder !== viewer.userId && !isSupervisor(viewer)) {
      throw new AppError("FORBIDDEN", { holder: await userRef(trx, holder) });
    }
    const now = ctx.clock.now().getTime();
    const released = await trx
      .updateTable("filing_order")
      .set({ assignee_user_id: null, assigned_at: null })
      .where("id", "=", orderId)
      .where("assignee_user_id", "=", holder)
      .executeTakeFirst();
    // Reassigned or released at the same moment by someone else: let the caller look again.
    if (Number(released.numUpdatedRows) !== 1) throw new AppError("VERSION_CONFLICT");
    await auditAssignment(trx, viewer, order, "release", now, { previousAssigneeUserId: holder });
    return presentAssignment(await loadOrder(trx, orderId), null);
  });
}

/** Supervisors and administrators hand an order to a member of the provider's staff. */
export async function assignOrder(ctx: AppContext, viewer: Viewer, orderId: string, userId: string) {
  if (!isSupervisor(viewer)) throw new AppError("FORBIDDEN");
  return ctx.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom("app_user")
      .innerJoin("account", "account.id", "app_user.account_id")
      .select(["app_user.id", "app_user.display_name", "app_user.role", "app_user.account_id"])
      .where("app_user.id", "=", userId)
      .where("account.kind", "=", "provider")
      .where("app_user.role", "in", [...STAFF_ROLES])
      .where("app_user.disabled_at", "is", null)
      .executeTakeFirst();
    if (!target) throw new AppError("ASSIGNEE_NOT_STAFF", { userId });
    const order = await loadOrder(trx, orderId);
    refuseFinal(order, "assign");
    // The assignee could not decide on it: staff never review their own account's orders.
    if (order.account_id === target.account_id) {
      throw new AppError("REVIEW_OWN_ACCOUNT", { orderId, userId });
    }
    const assignee = { id: target.id, displayName: target.display_name };
    if (order.assignee_user_id === target.id) return presentAssignment(order, assignee);
    const now = ctx.clock.now().getTime();
    await trx
      .updateTable("filing_order")
      .set({ assignee_user_id: target.id, assigned_at: now })
      .where("id", "=", orderId)
      .execute();
    await auditAssignment(trx, viewer, order, "assign", now, {
      assigneeUserId: target.id,
      previousAssigneeUserId: order.assignee_user_id,
    });
    return presentAssignment(await loadOrder(trx, orderId), assignee);
  });
}

function viewerRef(viewer: Viewer): UserRef {
  return { id: viewer.userId, displayName: viewer.displayName };
}

async function auditAssignment(
  trx: Tx,
  viewer: Viewer,
  order: FilingOrderTable,
  action: "claim" | "release" | "assign",
  at: number,
  detail: Record<string, unknown>,
) {
  await writeAudit(trx, {
    at,
    actorKind: "reviewer",
    actorUserId: viewer.userId,
    accountId: order.account_id,
    entity: "order",
    entityId: order.id,
    action,
    detail,
  });
}
