import Sqlite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type MigrationResultSet,
  type SqliteDialectConfig,
  type Transaction,
} from "kysely";
import pg from "pg";
import * as initial from "./migrations/0001_initial.ts";
import * as materials from "./migrations/0002_materials.ts";
import * as calendar from "./migrations/0003_calendar.ts";
import * as provinceRuleOverrides from "./migrations/0004_province_rule_overrides.ts";
import * as subjectContacts from "./migrations/0005_subject_contacts.ts";
import * as regulatorOutbound from "./migrations/0006_regulator_outbound.ts";
import * as smsMessage from "./migrations/0007_sms_message.ts";
import * as materialVariants from "./migrations/0008_material_variants.ts";
import * as accountIdentity from "./migrations/0009_account_identity.ts";
import * as reviewWorkflow from "./migrations/0010_review_workflow.ts";
import * as auditSearch from "./migrations/0011_audit_search.ts";
import * as gateChange from "./migrations/0012_gate_change.ts";
import * as psbTracker from "./migrations/0013_psb_tracker.ts";
import * as publicLookup from "./migrations/0014_public_lookup.ts";
import * as watchFinding from "./migrations/0015_watch_finding.ts";
import * as footerCampaign from "./migrations/0016_footer_campaign.ts";
import * as orderKinds from "./migrations/0017_order_kinds.ts";
import * as regulatorRecord from "./migrations/0018_regulator_record.ts";
import * as appRecord from "./migrations/0019_app_record.ts";
import * as transfer from "./migrations/0020_transfer.ts";
import * as notificationSettings from "./migrations/0021_notification_settings.ts";
import * as agencyApi from "./migrations/0022_agency_api.ts";
import * as auditChain from "./migrations/0023_audit_chain.ts";
import * as handoffRevocation from "./migrations/0024_handoff_revocation.ts";
import * as rateWindow from "./migrations/0025_rate_window.ts";
import type { Database } from "./schema.ts";

export type Engine = "sqlite" | "postgres";
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

// BIGINT columns hold epoch milliseconds, well inside Number's exact range.
pg.types.setTypeParser(20, Number);

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** The PostgreSQL schema in use, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` or a SQLite file path (":memory:" for a throw-away one). */
  url: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  poolSize?: number;
  /** PostgreSQL's application_name for these connections (pg_stat_activity tells them apart). */
  applicationName?: string;
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle connection that dies (a database restart) is dropped by the pool and reported
    // here; without a listener the pool's "error" event would end the process.
    pool.on("error", () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", schema: options.schema, close: () => db.destroy() };
  }
  const sqlite = new Sqlite(options.url);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, engine: "sqlite", close: () => db.destroy() };
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE). A deferred
 * transaction that reads and then writes cannot wait for a writer in another process on the
 * same file (`beian worker` beside `beian start`): SQLite refuses the upgrade at once with
 * SQLITE_BUSY, whatever busy_timeout says. Taken up front, the lock is waited for. Within one
 * process Kysely has a single connection, so this serialises nothing that was not already.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_materials": materials,
  "0003_calendar": calendar,
  "0004_province_rule_overrides": provinceRuleOverrides,
  "0005_subject_contacts": subjectContacts,
  "0006_regulator_outbound": regulatorOutbound,
  "0007_sms_message": smsMessage,
  "0008_material_variants": materialVariants,
  "0009_account_identity": accountIdentity,
  "0010_review_workflow": reviewWorkflow,
  "0011_audit_search": auditSearch,
  "0012_gate_change": gateChange,
  "0013_psb_tracker": psbTracker,
  "0014_public_lookup": publicLookup,
  "0015_watch_finding": watchFinding,
  "0016_footer_campaign": footerCampaign,
  "0017_order_kinds": orderKinds,
  "0018_regulator_record": regulatorRecord,
  "0019_app_record": appRecord,
  "0020_transfer": transfer,
  "0021_notification_settings": notificationSettings,
  "0022_agency_api": agencyApi,
  "0023_audit_chain": auditChain,
  "0024_handoff_revocation": handoffRevocation,
  "0025_rate_window": rateWindow,
};

/** Every migration this code knows, oldest first (a backup names those its database had). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  return runMigrator(db, schema, (migrator) => migrator.migrateToLatest());
}

/** Applies the migrations up to and including `target`: a restore rebuilds its backup's schema first. */
export async function migrateTo(db: Db, target: string, schema?: string): Promise<string[]> {
  return runMigrator(db, schema, (migrator) => migrator.migrateTo(target));
}

async function runMigrator(
  db: Db,
  schema: string | undefined,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Kysely looks for its bookkeeping tables in any schema unless told which one.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // Kysely's check for its bookkeeping table lists every schema of the database and asks
  // has_schema_privilege() for each by name: a schema dropped meanwhile by another client
  // (another tenant, a parallel test run) fails that query with 3F000. Listing again is safe.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await run(migrator).catch((thrown: unknown) => ({
      error: thrown,
      results: undefined,
    }));
    if (error && isSchemaVanished(error, schema) && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      continue;
    }
    if (error) throw error;
    return successes(results);
  }
}

/** 3F000 (invalid_schema_name) about a schema other than ours: it disappeared while being listed. */
function isSchemaVanished(error: unknown, ours: string | undefined): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "3F000" && typeof message === "string" && (!ours || !message.includes(`"${ours}"`));
}

function successes(results: { status: string; migrationName: string }[] | undefined): string[] {
  return (results ?? [])
    .filter((result) => result.status === "Success")
    .map((result) => result.migrationName);
}

/** True for a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
