import { open } from "node:fs/promises";
import { text } from "@openbeian/core";
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../platform/db.ts";
import { BackupError } from "./backup-error.ts";
import type { CatalogueTable } from "./catalogue.ts";
import { tableFile } from "./manifest.ts";
import { NdjsonWriter } from "./ndjson.ts";

const PAGE = 1000;

/**
 * Writes one table, as the caller's snapshot transaction sees it, to
 * `tables/<name>.ndjson`: page by page in primary-key order (keyset paging, so a large
 * table costs constant memory and no OFFSET scans), one JSON object a row.
 */
export async function dumpTable(executor: Executor, dir: string, table: CatalogueTable) {
  const writer = new NdjsonWriter(await open(tableFile(dir, table.name), "wx", 0o600));
  try {
    const columns = sql.join(table.columns.map((column) => sql.ref(column)));
    if (table.primaryKey.length === 0) {
      // Every table has a key today; one without could not be paged, so it is read whole.
      const { rows } = await sql<Record<string, unknown>>`
        select ${columns} from ${sql.table(table.name)} order by ${columns}`.execute(executor);
      await writer.write(rows.map((row) => checked(table, row)));
    } else {
      const key = sql.join(table.primaryKey.map((column) => sql.ref(column)));
      let after: RawBuilder<unknown> | null = null;
      for (;;) {
        const where: RawBuilder<unknown> = after ? sql`where (${key}) > (${after})` : sql``;
        const { rows }: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`
          select ${columns} from ${sql.table(table.name)} ${where} order by ${key} limit ${PAGE}`.execute(
          executor,
        );
        await writer.write(rows.map((row) => checked(table, row)));
        if (rows.length < PAGE) break;
        const last: Record<string, unknown> = rows.at(-1)!;
        after = sql.join(table.primaryKey.map((column): unknown => last[column]));
      }
    }
  } catch (error) {
    await writer.finish().catch(() => {});
    throw error;
  }
  return writer.finish();
}

/**
 * Only values both engines store alike go into a backup. The schema keeps to text and
 * integers (schema.ts), so anything else means a column type this code does not carry
 * across yet, and a backup that silently changed it would be worse than none.
 */
function checked(table: CatalogueTable, row: Record<string, unknown>): Record<string, unknown> {
  for (const [column, value] of Object.entries(row)) {
    if (value === null || typeof value === "string") continue;
    if (typeof value === "number" && Number.isFinite(value)) continue;
    throw new BackupError(
      "BACKUP_UNSUPPORTED_VALUE",
      text(
        `${table.name}.${column} 含有备份格式无法保存的值（${describe(value)}）`,
        `${table.name}.${column} holds a value the backup format cannot carry (${describe(value)})`,
      ),
      { table: table.name, column },
    );
  }
  return row;
}

const describe = (value: unknown) =>
  Buffer.isBuffer(value) ? "binary" : value instanceof Date ? "timestamp" : typeof value;
