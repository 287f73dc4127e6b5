import type { Kysely } from "kysely";

/**
 * Issue 9: filed apps (APP备案). One row per app the bureau numbered (`…号-2A`),
 * under its subject; the app's data (identifiers, domains, head) is encrypted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_record")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("platforms", "text", (c) => c.notNull())
    .addColumn("data_enc", "text", (c) => c.notNull())
    .addColumn("app_number", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("cancelled_at", "bigint")
    .execute();
  await db.schema.createIndex("app_record_account").on("app_record").column("account_id").execute();
}
