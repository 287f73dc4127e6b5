import { sql } from "kysely";
import type { Engine, Executor } from "../platform/db.ts";

/**
 * The schema as the database itself describes it, so a backup covers every table the
 * migrations made, today's and tomorrow's, without a hand-kept list. Kysely's own
 * bookkeeping is left out: a restore rebuilds it by migrating.
 */
export interface CatalogueTable {
  name: string;
  /** In the table's column order. */
  columns: string[];
  /** In key order; empty when the table has none. */
  primaryKey: string[];
  /** The tables this one's foreign keys point at. */
  references: string[];
}

const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Every table (Kysely's bookkeeping too) in the database, or the connection's PostgreSQL schema. */
export async function tableNames(executor: Executor, engine: Engine): Promise<string[]> {
  const { rows } =
    engine === "sqlite"
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'
          order by name`.execute(executor)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
          executor,
        );
  return rows.map((row) => row.name);
}

export async function readCatalogue(executor: Executor, engine: Engine): Promise<CatalogueTable[]> {
  const names = (await tableNames(executor, engine)).filter((name) => !MIGRATION_TABLES.has(name));
  return engine === "sqlite" ? sqliteCatalogue(executor, names) : postgresCatalogue(executor, names);
}

/** The migrations applied, oldest first; null when the database was never migrated. */
export async function appliedMigrations(executor: Executor, engine: Engine): Promise<string[] | null> {
  if (!(await tableNames(executor, engine)).includes("kysely_migration")) return null;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    executor,
  );
  return rows.length > 0 ? rows.map((row) => row.name) : null;
}

async function sqliteCatalogue(executor: Executor, names: string[]): Promise<CatalogueTable[]> {
  const tables: CatalogueTable[] = [];
  for (const name of names) {
    const { rows: columns } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name}) order by cid`.execute(executor);
    const { rows: keys } = await sql<{ ref: string }>`
      select distinct "table" as ref from pragma_foreign_key_list(${name})`.execute(executor);
    tables.push({
      name,
      columns: columns.map((column) => column.name),
      primaryKey: columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      references: keys.map((key) => key.ref),
    });
  }
  return tables;
}

async function postgresCatalogue(executor: Executor, names: string[]): Promise<CatalogueTable[]> {
  const { rows: columns } = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(executor);
  const { rows: keys } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join lateral unnest(k.conkey) with ordinality as key(attnum, position) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = key.attnum
    where k.contype = 'p' and k.connamespace = (select oid from pg_namespace where nspname = current_schema())
    order by c.relname, key.position`.execute(executor);
  const { rows: references } = await sql<{ table: string; ref: string }>`
    select distinct c.relname as table, f.relname as ref
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class f on f.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = (select oid from pg_namespace where nspname = current_schema())`.execute(
    executor,
  );
  return names.map((name) => ({
    name,
    columns: columns.filter((row) => row.table === name).map((row) => row.column),
    primaryKey: keys.filter((row) => row.table === name).map((row) => row.column),
    references: references.filter((row) => row.table === name).map((row) => row.ref),
  }));
}
