import { createHash } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import type { Executor } from "../platform/db.ts";
import type { FileStorage } from "../platform/storage.ts";
import type { CatalogueTable } from "./catalogue.ts";
import { FILE_LIST, storedFile, type MissingStoredFile } from "./manifest.ts";
import { NdjsonWriter } from "./ndjson.ts";
import { STORAGE_REFERENCES } from "./storage-references.ts";

/** A stored file a row of the snapshot points at. */
interface Reference {
  key: string;
  table: string;
  column: string;
  row: Record<string, unknown>;
}

/**
 * Copies the files the snapshot's rows point at, as they are at rest (sealed), into
 * `files/`, and lists them in files.ndjson. Files are written before the rows that name
 * them commit, so every file the snapshot names existed when it was taken; one deleted
 * since (an upload replaced meanwhile) is returned as missing, not an error.
 */
export async function copyReferencedFiles(
  executor: Executor,
  catalogue: readonly CatalogueTable[],
  storage: FileStorage,
  dir: string,
) {
  const references = await referencedFiles(executor, catalogue);
  const list = new NdjsonWriter(await open(join(dir, FILE_LIST), "wx", 0o600));
  const missing: Reference[] = [];
  let bytes = 0;
  for (const reference of references) {
    let content: Buffer;
    try {
      content = await storage.get(reference.key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push(reference);
      continue;
    }
    const path = storedFile(dir, reference.key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    bytes += content.length;
    await list.write([
      {
        key: reference.key,
        bytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
      },
    ]);
  }
  const { rows: count, sha256 } = await list.finish();
  return { count, bytes, sha256, missing };
}

/**
 * Tells a file released after the snapshot (no row points at it now: the platform
 * deleted it, as it should) from one the database still points at (storage has lost it).
 * Asked of the live database, after the snapshot.
 */
export async function classifyMissing(
  executor: Executor,
  missing: readonly Reference[],
): Promise<MissingStoredFile[]> {
  const classified: MissingStoredFile[] = [];
  for (const reference of missing) {
    const { rows } = await sql`
      select 1 from ${sql.table(reference.table)} where ${sql.ref(reference.column)} = ${reference.key}
      limit 1`.execute(executor);
    classified.push({
      ...reference,
      reason: rows.length > 0 ? "missing_from_storage" : "released_after_snapshot",
    });
  }
  return classified;
}

async function referencedFiles(executor: Executor, catalogue: readonly CatalogueTable[]) {
  const seen = new Set<string>();
  const references: Reference[] = [];
  for (const { table, column } of STORAGE_REFERENCES) {
    const entry = catalogue.find((candidate) => candidate.name === table);
    if (!entry?.columns.includes(column)) continue;
    const key = entry.primaryKey.length > 0 ? entry.primaryKey : entry.columns;
    const { rows } = await sql<Record<string, unknown>>`
      select ${sql.join([...key, column].map((name) => sql.ref(name)))} from ${sql.table(table)}
      where ${sql.ref(column)} is not null order by ${sql.ref(column)}`.execute(executor);
    for (const row of rows) {
      const storageKey = String(row[column]);
      if (seen.has(storageKey)) continue;
      seen.add(storageKey);
      references.push({
        key: storageKey,
        table,
        column,
        row: Object.fromEntries(key.map((name) => [name, row[name]])),
      });
    }
  }
  return references;
}
