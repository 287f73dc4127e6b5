import type { Kysely } from "kysely";

/**
 * Issue 6: audit search, dashboards, staff administration.
 * - `audit_log` indexes for the search filters (newest first by id, so each filter
 *   index ends in `id`) and for the dashboards, which read an entity's records by time;
 * - `app_user.disabled_at`: a disabled staff member cannot log in and has no sessions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_entity_at").on("audit_log").columns(["entity", "at"]).execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_actor").on("audit_log").columns(["actor_user_id", "id"]).execute();
  await db.schema.createIndex("audit_log_account").on("audit_log").columns(["account_id", "id"]).execute();
  await db.schema.createIndex("audit_log_action").on("audit_log").columns(["action", "id"]).execute();

  await db.schema.alterTable("app_user").addColumn("disabled_at", "bigint").execute();
}
