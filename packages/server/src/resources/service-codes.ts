import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";

/**
 * Filing service codes as their accounts see them, and grants (授权备案服务号): the
 * owner of an unused code lets another account file with it. A granted code is
 * the grantee's to bind until the owner revokes the grant, which is possible only
 * while the code is unused. The owner keeps seeing it under its server, with the
 * grantee; the grantee's orders stay the grantee's (the owner sees no order id).
 */

/** The owner's codes, with the account and user each is granted to. */
export function ownCodesQuery(executor: Executor) {
  return executor
    .selectFrom("service_code")
    .leftJoin("account as grantee", "grantee.id", "service_code.granted_to_account_id")
    .leftJoin("app_user as grantee_user", "grantee_user.id", "service_code.granted_to_user_id")
    .selectAll("service_code")
    .select(["grantee.name as grantee_name", "grantee_user.email as grantee_email"]);
}

export type OwnCodeRow = Awaited<ReturnType<ReturnType<typeof ownCodesQuery>["execute"]>>[number];

/** A code under its owner's server. */
export function presentOwnCode(row: OwnCodeRow) {
  const granted = row.granted_to_account_id !== null;
  return {
    code: row.code,
    serverId: row.server_id,
    state: row.state,
    // An order of the grantee is none of the owner's business.
    orderId: granted ? null : row.order_id,
    grantedTo: granted
      ? {
          accountName: row.grantee_name ?? "",
          email: row.grantee_email ?? "",
          at: new Date(row.granted_at ?? 0).toISOString(),
        }
      : null,
    grantedBy: null,
  };
}

/**
 * The codes this account can file with: its own that it has not granted away,
 * and those other accounts granted to it (with the granting account's name).
 */
export async function listServiceCodes(ctx: AppContext, accountId: string) {
  const rows = await ctx.db
    .selectFrom("service_code")
    .innerJoin("account as owner", "owner.id", "service_code.account_id")
    .selectAll("service_code")
    .select("owner.name as owner_name")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("service_code.account_id", "=", accountId),
          eb("service_code.granted_to_account_id", "is", null),
        ]),
        eb("service_code.granted_to_account_id", "=", accountId),
      ]),
    )
    .orderBy("service_code.code")
    .execute();
  return rows.map((row) => ({
    code: row.code,
    serverId: row.server_id,
    state: row.state,
    orderId: row.order_id,
    grantedTo: null,
    grantedBy:
      row.granted_to_account_id === accountId
        ? { accountName: row.owner_name, at: new Date(row.granted_at ?? 0).toISOString() }
        : null,
  }));
}

async function loadOwnCode(executor: Executor, accountId: string, code: string) {
  const row = await ownCodesQuery(executor)
    .where("service_code.code", "=", code.trim().toUpperCase())
    .where("service_code.account_id", "=", accountId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** The owner grants an unused code to the applicant account of the user with this e-mail. */
export async function grantServiceCode(ctx: AppContext, viewer: Viewer, code: string, email: string) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadOwnCode(trx, viewer.accountId, code);
    const grantee = await trx
      .selectFrom("app_user")
      .innerJoin("account", "account.id", "app_user.account_id")
      .select(["app_user.id as user_id", "app_user.account_id"])
      .where("app_user.email", "=", email.trim().toLowerCase())
      .where("app_user.role", "=", "applicant")
      .where("account.kind", "=", "customer")
      .executeTakeFirst();
    if (!grantee) throw new AppError("GRANTEE_NOT_FOUND");
    if (grantee.account_id === viewer.accountId) throw new AppError("SERVICE_CODE_GRANT_SELF");
    if (row.granted_to_account_id === grantee.account_id) return presentOwnCode(row);
    if (row.state !== "unused") throw new AppError("SERVICE_CODE_NOT_UNUSED", { state: row.state });
    if (row.granted_to_account_id !== null) throw new AppError("SERVICE_CODE_ALREADY_GRANTED");
    // Conditional on the state, so a concurrent binding by the owner's own order wins or loses cleanly.
    const result = await trx
      .updateTable("service_code")
      .set({
        granted_to_account_id: grantee.account_id,
        granted_to_user_id: grantee.user_id,
        granted_by_user_id: viewer.userId,
        granted_at: now,
        updated_at: now,
      })
      .where("code", "=", row.code)
      .where("account_id", "=", viewer.accountId)
      .where("state", "=", "unused")
      .where("granted_to_account_id", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("SERVICE_CODE_NOT_UNUSED");
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "service_code",
      entityId: row.code,
      action: "grant",
      detail: { toAccountId: grantee.account_id },
    });
    return presentOwnCode(await loadOwnCode(trx, viewer.accountId, row.code));
  });
}

/** The owner takes a grant back while the code is still unused. */
export async function revokeServiceCodeGrant(ctx: AppContext, viewer: Viewer, code: string) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadOwnCode(trx, viewer.accountId, code);
    if (row.granted_to_account_id === null) throw new AppError("SERVICE_CODE_NOT_GRANTED");
    if (row.state !== "unused") throw new AppError("SERVICE_CODE_NOT_UNUSED", { state: row.state });
    // Conditional on the state: the grantee binding it at the same moment wins or loses cleanly.
    const result = await trx
      .updateTable("service_code")
      .set({
        granted_to_account_id: null,
        granted_to_user_id: null,
        granted_by_user_id: null,
        granted_at: null,
        updated_at: now,
      })
      .where("code", "=", row.code)
      .where("account_id", "=", viewer.accountId)
      .where("state", "=", "unused")
      .where("granted_to_account_id", "=", row.granted_to_account_id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("SERVICE_CODE_NOT_UNUSED");
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "service_code",
      entityId: row.code,
      action: "revoke_grant",
      detail: { fromAccountId: row.granted_to_account_id },
    });
    return presentOwnCode(await loadOwnCode(trx, viewer.accountId, row.code));
  });
}
