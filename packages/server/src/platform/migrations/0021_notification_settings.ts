import type { Kysely } from "kysely";

/**
 * Issue 10: who is told what, and how. `notification_settings` holds one row per
 * account that changed the defaults (the channel choices per event as JSON, the
 * account's mobile for texts, encrypted); `notification_recipient` the up to 15
 * extra people an account names (contacts encrypted, the event groups they get
 * by e-mail and by SMS as JSON arrays); `dev_sms` is the development SMS
 * gateway: what would have gone to a provider when none is configured.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_settings")
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("channels", "text", (c) => c.notNull())
    .addColumn("phone_enc", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("notification_recipient")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("email_enc", "text")
    .addColumn("phone_enc", "text")
    .addColumn("email_groups", "text", (c) => c.notNull())
    .addColumn("sms_groups", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_recipient_account")
    .on("notification_recipient")
    .column("account_id")
    .execute();
  await db.schema
    .createTable("dev_sms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("phone_enc", "text", (c) => c.notNull())
    .addColumn("template_code", "text", (c) => c.notNull())
    .addColumn("text_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
