import { createHash } from "node:crypto";
import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { queueEmail, type Email } from "../notify/mail.ts";
import type { AppContext } from "../platform/context.ts";
import { newToken } from "../platform/ids.ts";
import { hashPassword } from "./passwords.ts";

/**
 * Password reset by e-mail. A request for a known address e-mails a link with a
 * random token (only its SHA-256 is stored) that works once within 30 minutes;
 * a newer request voids the older links. Unknown addresses get the same answer,
 * so the endpoint does not tell which addresses have accounts. Setting the new
 * password ends every session of the user.
 */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/** E-mails per user and hour: beyond that requests are answered but send nothing (no mail bombing). */
export const RESET_EMAILS_PER_HOUR = 5;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function requestPasswordReset(ctx: AppContext, email: string, baseUrl: string): Promise<void> {
  const now = ctx.clock.now().getTime();
  const address = email.trim().toLowerCase();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "account_id", "email"])
      .where("email", "=", address)
      .executeTakeFirst();
    if (!user) return;
    const recent = await trx
      .selectFrom("password_reset")
      .select((eb) => eb.fn.countAll<number | string>().as("count"))
      .where("user_id", "=", user.id)
      .where("created_at", ">", now - 60 * 60 * 1000)
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= RESET_EMAILS_PER_HOUR) {
      ctx.logger.warn({ userId: user.id }, "password reset: hourly e-mail limit reached, nothing sent");
      return;
    }
    await trx
      .updateTable("password_reset")
      .set({ spent_at: now })
      .where("user_id", "=", user.id)
      .where("spent_at", "is", null)
      .execute();
    const token = newToken();
    await trx
      .insertInto("password_reset")
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        created_at: now,
        expires_at: now + RESET_TOKEN_TTL_MS,
        spent_at: null,
      })
      .execute();
    const link = `${baseUrl.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
    await queueEmail(trx, ctx.cipher, passwordResetEmail(user.email, link), now);
    await writeAudit(trx, {
      at: now,
      actorKind: "anonymous",
      actorUserId: null,
      accountId: user.account_id,
      entity: "user",
      entityId: user.id,
      action: "password_reset.request",
    });
  });
}

export async function confirmPasswordReset(ctx: AppContext, token: string, password: string): Promise<void> {
  const tokenHash = hashToken(token);
  // argon2 before the transaction: no write lock is held while it runs.
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    // Consumed by a conditional update, so two uses of one token cannot both succeed.
    const spent = await trx
      .updateTable("password_reset")
      .set({ spent_at: now })
      .where("token_hash", "=", tokenHash)
      .where("spent_at", "is", null)
      .where("expires_at", ">", now)
      .returning("user_id")
      .executeTakeFirst();
    if (!spent) throw new AppError("RESET_TOKEN_INVALID");
    const user = await trx
      .selectFrom("app_user")
      .select(["id", "account_id"])
      .where("id", "=", spent.user_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash })
      .where("id", "=", user.id)
      .execute();
    const sessions = await trx.deleteFrom("session").where("user_id", "=", user.id).executeTakeFirst();
    await trx
      .updateTable("password_reset")
      .set({ spent_at: now })
      .where("user_id", "=", user.id)
      .where("spent_at", "is", null)
      .execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "anonymous",
      actorUserId: user.id,
      accountId: user.account_id,
      entity: "user",
      entityId: user.id,
      action: "password_reset.confirm",
      detail: { sessionsEnded: Number(sessions.numDeletedRows) },
    });
  });
}

function passwordResetEmail(to: string, link: string): Email {
  const minutes = RESET_TOKEN_TTL_MS / 60_000;
  return {
    to,
    subject: { zh: "重置 OpenBeian 登录密码", en: "Reset your OpenBeian password" },
    body: {
      zh:
        `您好，有人（通常是您本人）申请重置账号 ${to} 的登录密码。\n` +
        `请在${minutes}分钟内打开以下链接设置新密码，链接只能使用一次：\n${link}\n` +
        "设置新密码后，该账号在所有设备上的登录都会退出。如果不是您本人操作，请忽略此邮件，您的密码不会改变。",
      en:
        `Someone (usually you) asked to reset the password of ${to}.\n` +
        `Open this link within ${minutes} minutes to choose a new password; it works once:\n${link}\n` +
        "Setting a new password logs the account out everywhere. If it was not you, ignore this e-mail: your password stays as it is.",
    },
  };
}
