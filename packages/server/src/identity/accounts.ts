import { AppError } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation, type Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { Role } from "../platform/schema.ts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.ts";

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  accountType: "personal" | "organization";
}

/** A customer signs up: a new account with one applicant user. */
export async function signUp(
  ctx: AppContext,
  input: SignUpInput,
): Promise<{ userId: string; accountId: string }> {
  return createUser(ctx, { ...input, role: "applicant", accountKind: "customer" });
}

export interface CreateUserInput extends SignUpInput {
  role: Role;
  accountKind: "customer" | "provider";
  /** Joins an existing account instead of creating one (staff of the provider). */
  accountId?: string;
  /** Runs in the creating transaction (the audit record of an administrator's creation). */
  inTransaction?: (trx: Tx, created: { userId: string; accountId: string }) => Promise<void>;
}

export async function createUser(ctx: AppContext, input: CreateUserInput) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now().getTime();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      let accountId = input.accountId;
      if (!accountId) {
        accountId = newId();
        await trx
          .insertInto("account")
          .values({
            id: accountId,
            kind: input.accountKind,
            type: input.accountType,
            name: input.displayName,
            created_at: now,
          })
          .execute();
      }
      const userId = newId();
      await trx
        .insertInto("app_user")
        .values({
          id: userId,
          account_id: accountId,
          email,
          password_hash: passwordHash,
          display_name: input.displayName,
          role: input.role,
          created_at: now,
        })
        .execute();
      await input.inTransaction?.(trx, { userId, accountId });
      return { userId, accountId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN");
    throw error;
  }
}

export async function checkCredentials(ctx: AppContext, email: string, password: string): Promise<string> {
  const user = await ctx.db
    .selectFrom("app_user")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await burnPasswordCheck(password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (!(await verifyPassword(user.password_hash, password))) throw new AppError("INVALID_CREDENTIALS");
  // Said only after the right password, so it does not tell strangers which addresses exist.
  if (user.disabled_at !== null) throw new AppError("USER_DISABLED");
  return user.id;
}
