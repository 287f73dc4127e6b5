import type { Kysely } from "kysely";

/**
 * Issue 9: 转移备案. A transfer order names the account the filing goes to; that
 * account sees the order (and only what it needs of it) and accepts or declines.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("filing_order").addColumn("counterparty_account_id", "text").execute();
  await db.schema
    .createIndex("filing_order_counterparty")
    .on("filing_order")
    .column("counterparty_account_id")
    .execute();
}
