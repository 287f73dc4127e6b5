import { sql } from "kysely";
import type { Db, Engine, Executor } from "../platform/db.ts";

/**
 * Runs `read` in one read-only transaction that sees a single instant, on one pinned
 * connection: PostgreSQL REPEATABLE READ READ ONLY; on SQLite a deferred transaction,
 * whose first read fixes its view of the WAL, so it neither blocks writers nor sees
 * their later commits. Not Kysely's transaction(): SQLite transactions begin IMMEDIATE
 * here (db.ts), which would hold the write lock, and stop every writer, for the whole backup.
 */
export async function inSnapshot<T>(
  db: Db,
  engine: Engine,
  read: (executor: Executor) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    const begin =
      engine === "postgres" ? "begin isolation level repeatable read read only" : "begin deferred";
    await sql.raw(begin).execute(connection);
    try {
      const result = await read(connection);
      await sql.raw("commit").execute(connection);
      return result;
    } catch (error) {
      await sql
        .raw("rollback")
        .execute(connection)
        .catch(() => {});
      throw error;
    }
  });
}
