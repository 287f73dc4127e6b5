import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { STAFF_ROLES, VIEWER_USER_COLUMNS, actorKindOf, viewerOf, type Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import type { ApiTokenTable } from "../platform/agency-schema.ts";
import { APPLICANT_SCOPES, STAFF_SCOPES, type TokenScope } from "./scopes.ts";

/**
 * API tokens: `obt_` and 40 random base64url characters. Only the SHA-256 of
 * the whole token is stored (a database dump holds no usable token); the token
 * is shown once, when created. Revoked or expired tokens stay listed, unusable.
 */
export const TOKEN_PREFIX = "obt_";
const PREFIX_SHOWN = TOKEN_PREFIX.length + 8;

const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface NewToken {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number;
}

/** Applicant accounts' tokens are the account's; provider staff each hold their own. */
function ownedBy(viewer: Viewer) {
  return STAFF_ROLES.has(viewer.role)
    ? { column: "created_by" as const, value: viewer.userId }
    : { column: "account_id" as const, value: viewer.accountId };
}

export async function createApiToken(ctx: AppContext, viewer: Viewer, input: NewToken) {
  const allowed = STAFF_ROLES.has(viewer.role) ? STAFF_SCOPES : APPLICANT_SCOPES;
  const refused = input.scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) throw new AppError("TOKEN_SCOPE_INVALID", { refused, allowed });
  const now = ctx.clock.now().getTime();
  const token = TOKEN_PREFIX + randomBytes(30).toString("base64url");
  const row: ApiTokenTable = {
    id: newId(),
    account_id: viewer.accountId,
    created_by: viewer.userId,
    name: input.name,
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    prefix: token.slice(0, PREFIX_SHOWN),
    token_hash: hashApiToken(token),
    created_at: now,
    last_used_at: null,
    revoked_at: null,
    expires_at: input.expiresInDays ? now + input.expiresInDays * 24 * 60 * 60 * 1000 : null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("api_token").values(row).execute();
    await writeAudit(trx, {
      at: now,
      actorKind: actorKindOf(viewer),
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "api_token",
      entityId: row.id,
      action: "create",
      detail: { scopes: JSON.parse(row.scopes) as string[], expiresAt: row.expires_at },
    });
  });
  return { row, token };
}

export async function listApiTokens(ctx: AppContext, viewer: Viewer) {
  const owner = ownedBy(viewer);
  return ctx.db
    .selectFrom("api_token")
    .innerJoin("app_user", "app_user.id", "api_token.created_by")
    .selectAll("api_token")
    .select("app_user.display_name as created_by_name")
    .where(`api_token.${owner.column}`, "=", owner.value)
    .orderBy("api_token.id", "desc")
    .execute();
}

/** Revoking twice is harmless; another account's token is "not found". */
export async function revokeApiToken(ctx: AppContext, viewer: Viewer, id: string): Promise<void> {
  const owner = ownedBy(viewer);
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("api_token")
      .select(["id", "revoked_at"])
      .where("id", "=", id)
      .where(owner.column, "=", owner.value)
      .executeTakeFirst();
    if (!row) throw new AppError("NOT_FOUND");
    if (row.revoked_at !== null) return;
    await trx.updateTable("api_token").set({ revoked_at: now }).where("id", "=", id).execute();
    await writeAudit(trx, {
      at: now,
      actorKind: actorKindOf(viewer),
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "api_token",
      entityId: id,
      action: "revoke",
    });
  });
}

/** How often last_used_at is written: at most once a minute per token, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** The viewer a token stands for, or null when it is unknown, revoked, expired or its user disabled. */
export async function viewerForToken(ctx: AppContext, token: string): Promise<Viewer | null> {
  const row = await ctx.db
    .selectFrom("api_token")
    .innerJoin("app_user", "app_user.id", "api_token.created_by")
    .select([
      "api_token.id",
      "api_token.scopes",
      "api_token.revoked_at",
      "api_token.expires_at",
      "api_token.last_used_at",
      ...VIEWER_USER_COLUMNS,
    ])
    .where("api_token.token_hash", "=", hashApiToken(token))
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirst();
  const now = ctx.clock.now().getTime();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return null;
  if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS) {
    await ctx.db.updateTable("api_token").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  // Token requests carry no cookie, so there is nothing for a CSRF token to protect.
  return { ...viewerOf(row, ""), apiToken: { id: row.id, scopes: JSON.parse(row.scopes) as string[] } };
}
