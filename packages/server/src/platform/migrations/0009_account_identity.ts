import type { Kysely } from "kysely";

/**
 * Account features of the applicant portal (issue 5):
 * - `password_reset`: e-mailed reset tokens, only their SHA-256 stored, single use;
 * - the account's real-name data (实名信息) on `account`, the certificate number
 *   (resident ID or USCC) encrypted;
 * - grants of service codes to another account (授权备案服务号) on `service_code`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_reset")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    // Set when the token is used, or voided by a newer request or a completed reset.
    .addColumn("spent_at", "bigint")
    .execute();
  await db.schema.createIndex("password_reset_user").on("password_reset").column("user_id").execute();

  for (const [name, type] of [
    ["identity_name", "text"],
    ["identity_certificate_enc", "text"],
    ["identity_verified_at", "bigint"],
    ["identity_updated_at", "bigint"],
  ] as const) {
    await db.schema.alterTable("account").addColumn(name, type).execute();
  }

  for (const name of ["granted_to_account_id", "granted_to_user_id", "granted_by_user_id"]) {
    await db.schema.alterTable("service_code").addColumn(name, "text").execute();
  }
  await db.schema.alterTable("service_code").addColumn("granted_at", "bigint").execute();
  await db.schema
    .createIndex("service_code_granted_to")
    .on("service_code")
    .column("granted_to_account_id")
    .execute();
}
