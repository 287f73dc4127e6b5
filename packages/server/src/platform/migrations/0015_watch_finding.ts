import type { Kysely } from "kysely";

/**
 * Issue 8: the expiry and access-accuracy watch. One row per problem found in an
 * approved filing (website, kind, item), kept open while the sweeps keep finding
 * it and closed (`resolved_at`) once they do not; `notified_level` remembers what
 * the owner was already told, so a sweep tells them once per level.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("watch_finding")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("website_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("notified_level", "text")
    .execute();
  await db.schema
    .createIndex("watch_finding_item")
    .on("watch_finding")
    .columns(["website_id", "kind", "item"])
    .unique()
    .execute();
  await db.schema
    .createIndex("watch_finding_account")
    .on("watch_finding")
    .columns(["account_id", "resolved_at"])
    .execute();
}
