import type { Kysely } from "kysely";

/**
 * The working-day calendar (fact base §11): only the exceptions to the weekday rule
 * (holidays and weekend make-up working days), plus the years that have data at all.
 * `source` says where a row came from ("chinese-days@<version>" or "admin"); an admin's
 * row is never overwritten by an import.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calendar_day")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("calendar_year")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("imported_at", "bigint", (c) => c.notNull())
    .execute();
}
