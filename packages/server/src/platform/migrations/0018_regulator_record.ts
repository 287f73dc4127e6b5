import type { Kysely } from "kysely";

/**
 * Issue 9: what MIIT's records say about a domain, as the regulator bridge last
 * answered (备案查询). A 新增接入 starts from it, and the pre-check reads it to tell
 * a domain filed through another provider from one never filed; it is kept so a
 * page load never waits on the regulator.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("regulator_record")
    .addColumn("domain", "text", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("website_number", "text", (c) => c.notNull())
    .addColumn("website_name", "text", (c) => c.notNull())
    .addColumn("subject_number", "text", (c) => c.notNull())
    .addColumn("subject_name", "text", (c) => c.notNull())
    .addColumn("providers", "text", (c) => c.notNull())
    .addColumn("checked_at", "bigint", (c) => c.notNull())
    .execute();
}
