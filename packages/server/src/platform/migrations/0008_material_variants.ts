import type { Kysely } from "kysely";

/**
 * Uploaded materials get a thumbnail (images only, hence nullable), and an order
 * holds one material per kind: a new upload replaces the old one, and the
 * unique index keeps two concurrent uploads from both staying.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("material").addColumn("thumbnail_key", "text").execute();
  await db.schema
    .createIndex("material_order_kind")
    .on("material")
    .columns(["order_id", "kind"])
    .unique()
    .execute();
}
