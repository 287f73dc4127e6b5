import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { createUser } from "../identity/accounts.ts";
import { STAFF_ROLES, type Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import type { UserTable } from "../platform/schema.ts";

/**
 * Staff administration: administrators create the provider's reviewers,
 * supervisors and administrators, change their roles and disable them. A
 * disabled user cannot log in and loses every session at once. An administrator
 * can neither disable nor demote themselves, so the one acting always remains.
 * Every change is audited in its own transaction.
 */
export const STAFF_ROLE_NAMES = ["reviewer", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLE_NAMES)[number];

export interface StaffItem {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  createdAt: string;
  disabled: boolean;
  disabledAt: string | null;
}

export interface NewStaff {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

type StaffRow = Pick<UserTable, "id" | "email" | "display_name" | "role" | "created_at" | "disabled_at">;
const COLUMNS = ["id", "email", "display_name", "role", "created_at", "disabled_at"] as const;

function present(row: StaffRow): StaffItem {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as StaffRole,
    createdAt: new Date(row.created_at).toISOString(),
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
  };
}

export async function listStaff(ctx: AppContext): Promise<StaffItem[]> {
  const rows = await ctx.db
    .selectFrom("app_user")
    .select(COLUMNS)
    .where("role", "in", [...STAFF_ROLE_NAMES])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(present);
}

/** A new staff member of the administrator's own (provider) account. */
export async function createStaff(ctx: AppContext, admin: Viewer, input: NewStaff): Promise<StaffItem> {
  const { userId } = await createUser(ctx, {
    email: input.email,
    password: input.password,
    displayName: input.displayName,
    accountType: "organization",
    role: input.role,
    accountKind: "provider",
    accountId: admin.accountId,
    inTransaction: (trx, created) =>
      audit(ctx, trx, admin, created.userId, created.accountId, "staff.create", { role: input.role }),
  });
  return present(
    await ctx.db.selectFrom("app_user").select(COLUMNS).where("id", "=", userId).executeTakeFirstOrThrow(),
  );
}

export async function changeStaffRole(
  ctx: AppContext,
  admin: Viewer,
  userId: string,
  role: StaffRole,
): Promise<StaffItem> {
  if (userId === admin.userId && role !== "admin") throw new AppError("STAFF_SELF_CHANGE");
  return ctx.db.transaction().execute(async (trx) => {
    const target = await lockForChange(ctx, trx, admin, userId);
    if (target.role === role) return present(target);
    await trx.updateTable("app_user").set({ role }).where("id", "=", userId).execute();
    await audit(ctx, trx, admin, userId, target.account_id, "staff.role", { from: target.role, to: role });
    return present({ ...target, role });
  });
}

export async function disableStaff(ctx: AppContext, admin: Viewer, userId: string): Promise<StaffItem> {
  if (userId === admin.userId) throw new AppError("STAFF_SELF_CHANGE");
  return ctx.db.transaction().execute(async (trx) => {
    const target = await lockForChange(ctx, trx, admin, userId);
    if (target.disabled_at !== null) return present(target);
    const now = ctx.clock.now().getTime();
    await trx.updateTable("app_user").set({ disabled_at: now }).where("id", "=", userId).execute();
    const sessions = await trx.deleteFrom("session").where("user_id", "=", userId).executeTakeFirst();
    // A reset link e-mailed earlier would still set a password; void it with the rest.
    await trx
      .updateTable("password_reset")
      .set({ spent_at: now })
      .where("user_id", "=", userId)
      .where("spent_at", "is", null)
      .execute();
    await audit(ctx, trx, admin, userId, target.account_id, "staff.disable", {
      sessionsEnded: Number(sessions.numDeletedRows),
    });
    return present({ ...target, disabled_at: now });
  });
}

export async function enableStaff(ctx: AppContext, admin: Viewer, userId: string): Promise<StaffItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const target = await lockForChange(ctx, trx, admin, userId);
    if (target.disabled_at === null) return present(target);
    await trx.updateTable("app_user").set({ disabled_at: null }).where("id", "=", userId).execute();
    await audit(ctx, trx, admin, userId, target.account_id, "staff.enable", {});
    return present({ ...target, disabled_at: null });
  });
}

/**
 * Locks the acting administrator's row and the target's (in id order, so two
 * administrators acting on each other queue instead of deadlocking) and checks
 * again that the actor is still an active administrator: two admins demoting
 * each other at once must not leave none. SQLite has one writer at a time.
 */
async function lockForChange(ctx: AppContext, trx: Tx, admin: Viewer, userId: string) {
  let query = trx
    .selectFrom("app_user")
    .select([...COLUMNS, "account_id"])
    .where("id", "in", [admin.userId, userId])
    .orderBy("id");
  if (ctx.engine === "postgres") query = query.forUpdate();
  const rows = await query.execute();
  const actor = rows.find((row) => row.id === admin.userId);
  if (actor?.role !== "admin" || actor.disabled_at !== null) throw new AppError("FORBIDDEN");
  const target = rows.find((row) => row.id === userId);
  // Applicants are not staff: from here they do not exist.
  if (!target || !STAFF_ROLES.has(target.role)) throw new AppError("NOT_FOUND");
  return target;
}

function audit(
  ctx: AppContext,
  trx: Tx,
  admin: Viewer,
  userId: string,
  accountId: string,
  action: string,
  detail: Record<string, unknown>,
) {
  // Ids and roles only: e-mail addresses and names are personal data.
  return writeAudit(trx, {
    at: ctx.clock.now().getTime(),
    actorKind: "admin",
    actorUserId: admin.userId,
    accountId,
    entity: "user",
    entityId: userId,
    action,
    detail,
  });
}
