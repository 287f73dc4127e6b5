import { AppError, checkResidentId, checkUscc } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../platform/context.ts";
import { maskCertificate } from "../platform/crypto.ts";
import type { AccountTable } from "../platform/schema.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The account and its real-name data (实名信息): a personal account gives the
 * person's name and resident ID number, an organisation its name and unified
 * social credit code. The number is encrypted at rest and shown masked.
 */
export type IdentityInput = { name: string; certificateNumber: string } | { name: string; uscc: string };

export async function getAccount(ctx: AppContext, viewer: Viewer) {
  const user = await ctx.db
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "role", "created_at"])
    .where("id", "=", viewer.userId)
    .executeTakeFirstOrThrow();
  const account = await loadAccount(ctx, viewer.accountId);
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      createdAt: new Date(user.created_at).toISOString(),
    },
    account: {
      id: account.id,
      kind: account.kind,
      type: account.type,
      name: account.name,
      createdAt: new Date(account.created_at).toISOString(),
    },
    identity: presentIdentity(ctx, account),
  };
}

export async function getIdentity(ctx: AppContext, viewer: Viewer) {
  return presentIdentity(ctx, await loadAccount(ctx, viewer.accountId));
}

export async function updateIdentity(ctx: AppContext, viewer: Viewer, input: IdentityInput) {
  const now = ctx.clock.now().getTime();
  const account = await loadAccount(ctx, viewer.accountId);
  const name = input.name.trim();
  if (!name) throw new AppError("VALIDATION_FAILED", [{ field: "name", problem: "required" }]);
  let certificate: string;
  if (account.type === "personal") {
    if (!("certificateNumber" in input)) {
      throw new AppError("VALIDATION_FAILED", [
        { field: "certificateNumber", problem: "required: a personal account gives a resident ID number" },
      ]);
    }
    const checked = checkResidentId(input.certificateNumber, ctx.clock.now());
    if (!checked.ok) {
      throw new AppError("VALIDATION_FAILED", [{ field: "certificateNumber", problem: checked.problem }]);
    }
    certificate = checked.normalized;
  } else {
    if (!("uscc" in input)) {
      throw new AppError("VALIDATION_FAILED", [
        { field: "uscc", problem: "required: an organisation gives its unified social credit code" },
      ]);
    }
    const checked = checkUscc(input.uscc);
    if (!checked.ok) throw new AppError("VALIDATION_FAILED", [{ field: "uscc", problem: checked.problem }]);
    certificate = checked.normalized;
  }
  const unchanged =
    account.identity_name === name &&
    account.identity_certificate_enc !== null &&
    ctx.cipher.decrypt(account.identity_certificate_enc) === certificate;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("account")
      .set({
        identity_name: name,
        identity_certificate_enc: ctx.cipher.encrypt(certificate),
        // A verification holds for the data verified, not for whatever is typed later.
        identity_verified_at: unchanged ? account.identity_verified_at : null,
        identity_updated_at: now,
      })
      .where("id", "=", account.id)
      .execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: account.id,
      entity: "account",
      entityId: account.id,
      action: "identity.update",
      detail: { type: account.type, changed: !unchanged },
    });
  });
  return getIdentity(ctx, viewer);
}

async function loadAccount(ctx: AppContext, accountId: string): Promise<AccountTable> {
  const account = await ctx.db
    .selectFrom("account")
    .selectAll()
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw new AppError("NOT_FOUND");
  return account;
}

function presentIdentity(ctx: AppContext, account: AccountTable) {
  return {
    type: account.type,
    name: account.identity_name,
    certificateMasked:
      account.identity_certificate_enc === null
        ? null
        : maskCertificate(ctx.cipher.decrypt(account.identity_certificate_enc)),
    verifiedAt:
      account.identity_verified_at === null ? null : new Date(account.identity_verified_at).toISOString(),
    updatedAt:
      account.identity_updated_at === null ? null : new Date(account.identity_updated_at).toISOString(),
  };
}
