import { text } from "@openbeian/core";
import { sql, type Kysely } from "kysely";
import { BackupError } from "./backup-error.ts";
import type { CatalogueTable } from "./catalogue.ts";
import { tableFile, type BackupManifest } from "./manifest.ts";
import { readNdjson } from "./ndjson.ts";
import type { Db } from "../platform/db.ts";

/** Rows per INSERT: well inside both engines' limit on bound values (SQLite 32766, PostgreSQL 65535). */
const VALUES_PER_INSERT = 10_000;

/**
 * Loads a verified backup into a database just migrated to the backup's schema version,
 * in one transaction: the rows the migrations seeded (counters) make way for the
 * backup's, every table goes in after the tables it references, and each table's count
 * must equal the manifest's before anything commits.
 */
export async function loadTables(
  db: Db,
  dir: string,
  manifest: BackupManifest,
  ordered: readonly CatalogueTable[],
): Promise<number> {
  assertSameSchema(manifest, ordered);
  const rowsOf = new Map(manifest.tables.map((table) => [table.name, table.rows]));
  return db.transaction().execute(async (trx) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables by name, from the catalogue
    const any = trx as unknown as Kysely<any>;
    for (const table of [...ordered].reverse()) await any.deleteFrom(table.name).execute();
    let total = 0;
    for (const table of ordered) {
      const batchSize = Math.max(1, Math.min(500, Math.floor(VALUES_PER_INSERT / table.columns.length)));
      let batch: Record<string, unknown>[] = [];
      for await (const row of readNdjson(tableFile(dir, table.name))) {
        batch.push(row);
        if (batch.length === batchSize) {
          await any.insertInto(table.name).values(batch).execute();
          batch = [];
        }
      }
      if (batch.length > 0) await any.insertInto(table.name).values(batch).execute();
      const { rows } = await sql<{ count: number | string }>`
        select count(*) as count from ${sql.table(table.name)}`.execute(trx);
      const count = Number(rows[0]!.count);
      if (count !== rowsOf.get(table.name))
        throw verifyFailed(`${table.name}: ${count} rows loaded, the manifest has ${rowsOf.get(table.name)}`);
      total += count;
    }
    return total;
  });
}

/** The schema the migrations built must be the one the backup was taken from, table for table. */
function assertSameSchema(manifest: BackupManifest, catalogue: readonly CatalogueTable[]): void {
  const built = new Map(catalogue.map((table) => [table.name, [...table.columns].sort().join(",")]));
  const backedUp = new Map(manifest.tables.map((table) => [table.name, [...table.columns].sort().join(",")]));
  for (const name of new Set([...built.keys(), ...backedUp.keys()]))
    if (built.get(name) !== backedUp.get(name))
      throw verifyFailed(
        `table ${name}: the backup has columns [${backedUp.get(name) ?? "no such table"}], migration ${manifest.schemaVersion} builds [${built.get(name) ?? "no such table"}]`,
      );
}

export function verifyFailed(problem: string): BackupError {
  return new BackupError(
    "RESTORE_VERIFY_FAILED",
    text(
      `恢复后的数据与备份清单不符，已撤销本次恢复：${problem}`,
      `the restored data does not match the backup's manifest; the restore was undone: ${problem}`,
    ),
    { problem },
  );
}
