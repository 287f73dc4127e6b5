import type { Kysely } from "kysely";

/**
 * Admin overrides of province rules. The rules themselves ship as versioned
 * data in core; a row here wins over them from its effective date until revoked.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("province_rule_override")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("province", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("effective_from", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("revoked_by", "text")
    .execute();
  await db.schema
    .createIndex("province_rule_override_province")
    .on("province_rule_override")
    .columns(["province", "rule"])
    .execute();
}
