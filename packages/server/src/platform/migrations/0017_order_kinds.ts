import type { Kysely } from "kysely";

/**
 * Issue 9: the rest of the filing lifecycle. An order now has a kind beyond the
 * first filing and may act on a filed subject (`subject_id`) and one of its
 * websites (`target_website_id`); `regulator_type` is what MIIT received it as (a
 * change's scope decides it); `subject_hash` (blind index of the subject's
 * certificate) finds the same subject in review elsewhere. A subject keeps the
 * filing as it stands (`filing_enc`, encrypted order data) and, like a website,
 * can be cancelled.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("filing_order").addColumn("subject_id", "text").execute();
  await db.schema.alterTable("filing_order").addColumn("target_website_id", "text").execute();
  await db.schema.alterTable("filing_order").addColumn("regulator_type", "text").execute();
  await db.schema.alterTable("filing_order").addColumn("subject_hash", "text").execute();
  await db.schema
    .createIndex("filing_order_subject_hash")
    .on("filing_order")
    .columns(["subject_hash", "state"])
    .execute();
  await db.schema.alterTable("subject").addColumn("filing_enc", "text").execute();
  await db.schema
    .alterTable("subject")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("filed"))
    .execute();
  await db.schema.alterTable("subject").addColumn("cancelled_at", "bigint").execute();
  await db.schema.alterTable("website").addColumn("cancelled_at", "bigint").execute();
}
