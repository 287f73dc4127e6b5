import type { Kysely } from "kysely";

/**
 * Issue 7: the gate's change log. Every order transition writes, in its own
 * transaction, one row per domain of the order with the domain's resulting gate
 * status; gates load the records once, then follow this log from the sequence
 * they loaded at. `seq` comes from the `gate_change` counter row, whose lock is
 * held until commit, so sequence order is commit order and the log has no gaps:
 * a reader that has seen `seq` n has seen every change before it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("gate_change")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("order_state", "text")
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.insertInto("counter").values({ name: "gate_change", value: 0 }).execute();
}
