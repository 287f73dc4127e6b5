import type { Kysely } from "kysely";

/**
 * The platform's SMS channel. Texts the regulator asks the platform to deliver
 * (MIIT's verification codes) are stored here, encrypted; in development this
 * table is the phone: the applicant reads the texts in the portal's phone panel.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sms_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("order_id", "text")
    .addColumn("mobile_enc", "text", (c) => c.notNull())
    .addColumn("text_enc", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sms_message_order").on("sms_message").column("order_id").execute();
}
