import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";

/**
 * Walks a table in primary-key order, a batch at a time. When rewriting, each
 * batch is one transaction that holds its rows against concurrent writers
 * (FOR UPDATE on PostgreSQL, SQLite's write lock taken up front so a concurrent
 * writer cannot make its snapshot stale), so a rotation runs while the platform
 * does. An interrupted pass loses at most its open batch; the next pass starts
 * over, and finds what is done already done.
 */
export type Row = Record<string, unknown>;
/** Any table by name: the walk is the same for each. */
export type AnyDb = Kysely<Record<string, Row>>;

export interface TableWalk {
  table: string;
  /** The primary key's columns: the walk's order and cursor. */
  keys: readonly string[];
  /** Only the rows whose column holds one of these values (e.g. the job kinds with sealed payloads). */
  only?: { column: string; values: readonly string[] };
}

export interface WalkOptions {
  batchSize: number;
  /** Rewriting: batches in write transactions; otherwise plain reads. */
  write: boolean;
  /** Called after each batch has committed; false stops the walk (a batch limit was reached). */
  afterBatch: () => Promise<boolean> | boolean;
}

/** Visits every row; returns false when `afterBatch` stopped the walk early. */
export async function walkTable(
  ctx: AppContext,
  walk: TableWalk,
  options: WalkOptions,
  visit: (executor: Executor, rows: Row[]) => Promise<void>,
): Promise<boolean> {
  let cursor: unknown[] | null = null;
  for (;;) {
    const after = cursor;
    const rows: Row[] = await inBatchTransaction(ctx, options.write, async (executor) => {
      const batch = await selectBatch(ctx, executor, walk, after, options);
      await visit(executor, batch);
      return batch;
    });
    if (rows.length === 0) return true;
    const last = rows[rows.length - 1]!;
    cursor = walk.keys.map((key) => last[key]);
    if (!(await options.afterBatch())) return false;
    if (rows.length < options.batchSize) return true;
  }
}

async function selectBatch(
  ctx: AppContext,
  executor: Executor,
  walk: TableWalk,
  after: unknown[] | null,
  options: WalkOptions,
): Promise<Row[]> {
  const db = executor as unknown as AnyDb;
  let query = db.selectFrom(walk.table).selectAll();
  if (walk.only) query = query.where(walk.only.column, "in", walk.only.values);
  if (after) query = query.where((eb) => afterCursor(eb, walk.keys, after));
  for (const key of walk.keys) query = query.orderBy(key);
  query = query.limit(options.batchSize);
  if (options.write && ctx.engine === "postgres") query = query.forUpdate();
  return (await query.execute()) as Row[];
}

/** (k1, k2, …) > (c1, c2, …), spelled out for both engines. */
function afterCursor(
  eb: ExpressionBuilder<Record<string, Row>, string>,
  keys: readonly string[],
  cursor: unknown[],
) {
  return eb.or(
    keys.map((key, index) =>
      eb.and([
        ...keys.slice(0, index).map((previous, at) => eb(previous, "=", cursor[at])),
        eb(key, ">", cursor[index]),
      ]),
    ),
  );
}

async function inBatchTransaction<T>(
  ctx: AppContext,
  write: boolean,
  work: (executor: Executor) => Promise<T>,
): Promise<T> {
  if (!write) return work(ctx.db);
  if (ctx.engine === "postgres") return ctx.db.transaction().execute(work);
  // SQLite: BEGIN IMMEDIATE takes the write lock before the first read.
  return ctx.db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(connection);
      throw error;
    }
  });
}
