import type { Kysely } from "kysely";

/**
 * Issue 8: the public-security filing (公安联网备案) of each filed website: the
 * opening day the owner records (the 30 days run from it), and the number the
 * public-security bureau issued, with when it was recorded.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("website").addColumn("opened_on", "text").execute();
  await db.schema.alterTable("website").addColumn("psb_number", "text").execute();
  await db.schema.alterTable("website").addColumn("psb_recorded_at", "bigint").execute();
}
