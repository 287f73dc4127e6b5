import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import { sql } from "kysely";
import { tableNames as catalogueTableNames } from "../../src/backup/catalogue.ts";
import type { Db, Engine } from "../../src/platform/db.ts";

/**
 * What an attacker holding a copy of the data would read: every value of every
 * table (tables listed from the database's own catalogue, so a table added later
 * is covered) and every file under the storage directory, as raw bytes. And the
 * server's logs, collected in memory.
 */
export interface StoredValue {
  /** "table.column" or the file's path under the storage directory. */
  where: string;
  bytes: Buffer;
}

/** The database's own list of tables (the backup's catalogue), in a stable order. */
export async function tableNames(db: Db, engine: Engine): Promise<string[]> {
  return (await catalogueTableNames(db, engine)).sort();
}

/** Every column of every table, as "table.column". */
export async function columnNames(db: Db, engine: Engine): Promise<string[]> {
  const query =
    engine === "postgres"
      ? sql<{ name: string }>`SELECT table_name || '.' || column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema()`
      : sql<{ name: string }>`SELECT m.name || '.' || c.name AS name FROM sqlite_master m
          JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`;
  const { rows } = await query.execute(db);
  return rows.map((row) => row.name).sort();
}

/** Every non-null value in the database, as the bytes the database holds. */
export async function databaseValues(db: Db, engine: Engine): Promise<StoredValue[]> {
  const values: StoredValue[] = [];
  for (const table of await tableNames(db, engine)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        values.push({ where: `${table}.${column}`, bytes: asBytes(value) });
      }
    }
  }
  return values;
}

function asBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (value instanceof Date) return Buffer.from(value.toISOString());
  return Buffer.from(typeof value === "object" ? JSON.stringify(value) : String(value), "utf8");
}

/** Every file under a directory, recursively. */
export function storedFiles(root: string): StoredValue[] {
  const files: StoredValue[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ where: relative(root, path), bytes: readFileSync(path) });
    }
  };
  walk(root);
  return files;
}

/** The places (table.column or file) where any of the needles occurs, with the needle found. */
export function occurrences(values: readonly StoredValue[], needles: readonly (string | Buffer)[]) {
  const found: string[] = [];
  for (const value of values) {
    for (const needle of needles) {
      if (value.bytes.includes(needle)) {
        found.push(`${value.where}: ${Buffer.isBuffer(needle) ? `<${needle.length} bytes>` : needle}`);
      }
    }
  }
  return found;
}

/** A pino destination that keeps every line in memory. */
export class MemoryLog {
  private readonly chunks: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.chunks.push(chunk.toString());
      done();
    },
  });

  text(): string {
    return this.chunks.join("");
  }

  lines(): Record<string, unknown>[] {
    return this.text()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
