import { createHash } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { tableNames as catalogueTableNames } from "../../src/backup/catalogue.ts";
import type { TestPlatform } from "./platform.ts";

/**
 * A fingerprint of everything the database stores, table by table, to prove that
 * a request changed nothing ("a refused request leaves no trace"). Tables are
 * listed from the database itself, so a table added by a later migration is
 * covered without touching this file.
 */
export type DatabaseDigest = ReadonlyMap<string, string>;

/** The database's own list of tables (the backup's catalogue), in a stable order. */
export async function tableNames(platform: TestPlatform): Promise<string[]> {
  return (await catalogueTableNames(platform.ctx.db, platform.ctx.engine)).sort();
}

/**
 * One hash per table over its rows in a stable order. `exclude` names tables a
 * caller allows to change (each caller says why); listing the names once and
 * passing them back in `tables` saves a query per digest.
 */
export async function databaseDigest(
  platform: TestPlatform,
  options: { tables?: readonly string[]; exclude?: readonly string[] } = {},
): Promise<DatabaseDigest> {
  const tables = (options.tables ?? (await tableNames(platform))).filter(
    (name) => !options.exclude?.includes(name),
  );
  if (platform.ctx.engine === "postgres") return postgresDigest(platform, tables);
  const digest = new Map<string, string>();
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
      platform.ctx.db,
    );
    const lines = rows.map((row) => JSON.stringify(row, jsonSafe)).sort();
    digest.set(table, createHash("sha256").update(lines.join("\n")).digest("hex"));
  }
  return digest;
}

/** Hashed inside PostgreSQL in one statement: one round trip however many tables there are. */
async function postgresDigest(platform: TestPlatform, tables: readonly string[]): Promise<DatabaseDigest> {
  if (tables.length === 0) return new Map();
  const parts = tables.map(
    (table) =>
      sql`SELECT ${sql.lit(table)} AS name,
        md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS hash
        FROM ${sql.table(table)} AS r`,
  );
  const { rows } = await sql<{ name: string; hash: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(
    platform.ctx.db,
  );
  return new Map(rows.map((row) => [row.name, row.hash]));
}

/** The tables whose digest differs (empty when nothing changed). */
export function changedTables(before: DatabaseDigest, after: DatabaseDigest): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** Bytes (encrypted columns) and big integers (PostgreSQL counters) as plain text. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object" && (value as { type?: string }).type === "Buffer") {
    return Buffer.from((value as { data: number[] }).data).toString("base64");
  }
  return value;
}

/**
 * Follows the database from one request to the next: `changedSinceLast()` names the
 * tables that changed since it was last asked. Hashing every table's rows each time
 * is slow, so a cheap mark is read first and the rows are hashed only when it moved:
 * on SQLite total_changes() of the platform's one connection (every row inserted,
 * updated or deleted, even in a transaction rolled back later); on PostgreSQL each
 * table's row count and newest xmin (a committed insert or update gives its row a
 * newer transaction id, a delete lowers the count), read through a connection of the
 * watch's own with prepared statements (planning a 40-table union costs more than
 * running it).
 */
export class ChangeWatch {
  private constructor(
    private readonly platform: TestPlatform,
    private readonly tables: readonly string[],
    private readonly client: pg.Client | null,
    private digest: DatabaseDigest = new Map(),
    private mark = "",
  ) {}

  static async start(platform: TestPlatform, exclude: readonly string[] = []): Promise<ChangeWatch> {
    const tables = (await tableNames(platform)).filter((name) => !exclude.includes(name));
    let client: pg.Client | null = null;
    if (platform.ctx.engine === "postgres") {
      client = new pg.Client({
        connectionString: platform.databaseUrl,
        ...(platform.schema ? { options: `-c search_path=${platform.schema}` } : {}),
      });
      await client.connect();
    }
    const watch = new ChangeWatch(platform, tables, client);
    watch.mark = await watch.writeMark();
    watch.digest = await watch.fullDigest();
    return watch;
  }

  async changedSinceLast(): Promise<string[]> {
    const mark = await this.writeMark();
    if (mark === this.mark) return [];
    this.mark = mark;
    const digest = await this.fullDigest();
    const changed = changedTables(this.digest, digest);
    this.digest = digest;
    return changed;
  }

  async close(): Promise<void> {
    await this.client?.end();
  }

  private async writeMark(): Promise<string> {
    if (!this.client) {
      const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(this.platform.ctx.db);
      return String(rows[0]!.n);
    }
    const text = this.tables
      .map(
        (table) =>
          `SELECT ${literal(table)} || ':' || count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS mark
           FROM ${identifier(table)}`,
      )
      .join(" UNION ALL ");
    const { rows } = await this.client.query<{ mark: string }>({ name: "change-watch-mark", text });
    return rows
      .map((row) => row.mark)
      .sort()
      .join(",");
  }

  private async fullDigest(): Promise<DatabaseDigest> {
    if (!this.client) return databaseDigest(this.platform, { tables: this.tables });
    const text = this.tables
      .map(
        (table) =>
          `SELECT ${literal(table)} AS name, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS hash
           FROM ${identifier(table)} AS r`,
      )
      .join(" UNION ALL ");
    const { rows } = await this.client.query<{ name: string; hash: string }>({
      name: "change-watch-digest",
      text,
    });
    return new Map(rows.map((row) => [row.name, row.hash]));
  }
}

/** Table names come from the catalogue, but are quoted all the same. */
const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;
