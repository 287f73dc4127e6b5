import type { Kysely } from "kysely";

/**
 * Messages sent to the regulator (MIIT) through the bridge. Written in the same
 * transaction as the transition that causes them; the worker delivers them,
 * retrying while the regulator is unreachable. Received messages live in
 * `regulator_message`; reviewers see both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("regulator_outbound")
    .addColumn("message_id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .execute();
  await db.schema
    .createIndex("regulator_outbound_order")
    .on("regulator_outbound")
    .column("order_id")
    .execute();
}
