import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { text } from "@openbeian/core";
import { sql } from "kysely";
import { BackupError } from "./backup-error.ts";
import { readCatalogue, tableNames } from "./catalogue.ts";
import { loadOrder } from "./load-order.ts";
import type { Db, Engine } from "../platform/db.ts";
import { isEmptyOrAbsent } from "./target-directory.ts";

/**
 * A restore only ever goes into an empty target: a database without a single table
 * (a fresh data directory's SQLite file, a new PostgreSQL database or schema on which
 * neither `beian start` nor `beian migrate` ran) and no stored files. There is no flag to
 * restore over data: merging two histories would break the audit chain, and replacing
 * one is a decision to make by dropping it, outside this command.
 */
export async function assertEmptyTarget(db: Db, engine: Engine, storageDir: string): Promise<void> {
  const tables = await tableNames(db, engine);
  const filesEmpty = await isEmptyOrAbsent(storageDir);
  if (tables.length === 0 && filesEmpty) return;
  throw new BackupError(
    "RESTORE_TARGET_NOT_EMPTY",
    text(
      "恢复目标已有数据：请使用新的数据目录（使用 DATABASE_URL 时还需一个空的 PostgreSQL 数据库或 schema，且不要先运行 beian start 或 beian migrate）",
      "the restore target already holds data: use a fresh data directory (and, with DATABASE_URL, an empty PostgreSQL database or schema on which neither beian start nor beian migrate ran)",
    ),
    { tables: tables.length, storageDir, filesPresent: !filesEmpty },
  );
}

/**
 * Takes a failed restore back to the empty target it started from. Only called after
 * `assertEmptyTarget` passed for this restore, so every table and file there is its own.
 */
export async function undoRestore(db: Db, engine: Engine, storageDir: string): Promise<void> {
  const catalogue = loadOrder(await readCatalogue(db, engine));
  const names = [...catalogue.map((table) => table.name).reverse(), ...(await tableNames(db, engine))];
  for (const name of new Set(names))
    await (
      engine === "postgres"
        ? sql`drop table if exists ${sql.table(name)} cascade`
        : sql`drop table if exists ${sql.table(name)}`
    ).execute(db);
  const entries = await readdir(storageDir).catch(() => [] as string[]);
  for (const entry of entries) await rm(join(storageDir, entry), { recursive: true, force: true });
}
