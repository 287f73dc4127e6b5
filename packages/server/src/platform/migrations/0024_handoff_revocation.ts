import type { Kysely } from "kysely";

/**
 * Issue 10: a hand-off link can be withdrawn before it expires (sent to the wrong
 * person, or the phone was lost). The row stays for the audit trail; the time it
 * was revoked is what stops it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("handoff_link").addColumn("revoked_at", "bigint").execute();
}
