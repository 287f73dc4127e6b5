import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * Attempts counted in the database instead of each API process's memory (http/
 * attempt-counter.ts), so that N processes behind a load balancer allow the limit, not N
 * times it. One row per counted key — stored as a keyed hash, never the address or
 * e-mail itself — holding the current window; expired rows are cleared as new ones come.
 *
 * On PostgreSQL the table is UNLOGGED: an attempt's upsert then waits for no WAL flush, and
 * the requests of one API token, which all update one row, no longer queue behind each
 * other's fsync (measured in `npm run bench`, api_token.postgres.*). The price is that a
 * crash of the database empties the table: every window starts afresh, as after 15 minutes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_window")
    .addColumn("key_hash", "text", (column) => column.primaryKey())
    .addColumn("window_start", "bigint", (column) => column.notNull())
    .addColumn("expires_at", "bigint", (column) => column.notNull())
    .addColumn("count", "integer", (column) => column.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table rate_window set unlogged`.execute(db);
  await db.schema.createIndex("rate_window_expires_at").on("rate_window").column("expires_at").execute();
}
