import type { Kysely } from "kysely";

/**
 * Issue 8: footer campaigns. `footer_campaign` is one run over every filed website
 * (its counters fill in as it goes; `heartbeat_at` tells a second worker that it is
 * still running); `footer_check` keeps each website's latest check, the evidence the
 * owner and the reviewers see. A failing footer is also a `watch_finding`
 * (kind footer_noncompliant), whose `detail_json` keeps the reason shown with it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("footer_campaign")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("requested_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("heartbeat_at", "bigint")
    .addColumn("finished_at", "bigint")
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("passed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unreachable", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notified", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("footer_campaign_created").on("footer_campaign").column("created_at").execute();
  await db.schema
    .createTable("footer_check")
    .addColumn("website_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("campaign_id", "text")
    .addColumn("checked_at", "bigint", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("report_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("footer_check_campaign").on("footer_check").column("campaign_id").execute();
  await db.schema.alterTable("watch_finding").addColumn("detail_json", "text").execute();
}
