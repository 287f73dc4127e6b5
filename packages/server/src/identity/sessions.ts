import { createHash } from "node:crypto";
import { writeAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../platform/context.ts";
import { newToken } from "../platform/ids.ts";
import { VIEWER_USER_COLUMNS, actorKindOf, viewerOf, type Viewer } from "./viewer.ts";

/**
 * Sessions live in the database so any API instance can serve any request. The
 * cookie holds a random token; only its SHA-256 is stored.
 */
export const SESSION_COOKIE = "ob_session";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(
  ctx: AppContext,
  userId: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken(24);
  const now = ctx.clock.now().getTime();
  await ctx.db
    .insertInto("session")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: now + ctx.sessionTtlMs,
    })
    .execute();
  return { token, csrfToken };
}

export async function findSession(ctx: AppContext, token: string): Promise<Viewer | null> {
  const row = await ctx.db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .select(["session.csrf_token", "session.expires_at", ...VIEWER_USER_COLUMNS])
    .where("session.id_hash", "=", hashToken(token))
    // Disabling deletes the sessions; this also covers one created in a race with it.
    .where("app_user.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row || row.expires_at <= ctx.clock.now().getTime()) return null;
  return viewerOf(row, row.csrf_token);
}

export async function deleteSession(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.deleteFrom("session").where("id_hash", "=", hashToken(token)).execute();
}

/**
 * 退出所有设备: every session of the user ends, this one included, in one statement,
 * so a stolen cookie stops working at the same moment as the owner's own.
 */
export async function endAllSessions(ctx: AppContext, viewer: Viewer): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await trx.deleteFrom("session").where("user_id", "=", viewer.userId).executeTakeFirst();
    const count = Number(ended.numDeletedRows);
    await writeAudit(trx, {
      at: ctx.clock.now().getTime(),
      actorKind: actorKindOf(viewer),
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "user",
      entityId: viewer.userId,
      action: "session.logout_all",
      detail: { sessionsEnded: count },
    });
    return count;
  });
}
