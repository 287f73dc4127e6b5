import type { Kysely } from "kysely";

/**
 * The review queue's workflow (issue 6):
 * - `filing_order.assignee_user_id` / `assigned_at`: the reviewer holding the order (claim,
 *   release, reassign); a conditional UPDATE lets one of two racing claims win;
 * - `review_call`: the reviewers' calls to the responsible persons (the note encrypted, it may
 *   hold personal data);
 * - `order_contact`: blind indexes (HMAC) of the heads' mobiles and e-mails of submitted orders,
 *   so the risk signals find a contact shared with other accounts without decrypting their orders.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("filing_order").addColumn("assignee_user_id", "text").execute();
  await db.schema.alterTable("filing_order").addColumn("assigned_at", "bigint").execute();
  await db.schema
    .createIndex("filing_order_assignee")
    .on("filing_order")
    .columns(["assignee_user_id", "state"])
    .execute();

  await db.schema
    .createTable("review_call")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("filing_order.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("note_enc", "text")
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_call_order").on("review_call").columns(["order_id", "at"]).execute();

  await db.schema
    .createTable("order_contact")
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull().references("filing_order.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("order_contact_pk", ["hash", "order_id", "kind"])
    .execute();
  await db.schema.createIndex("order_contact_order").on("order_contact").column("order_id").execute();
}
