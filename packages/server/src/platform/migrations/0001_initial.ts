import type { Kysely } from "kysely";

/**
 * The first schema. Portable types only (text, integer, bigint) so the same
 * migration runs on SQLite and PostgreSQL; see schema.ts for the conventions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("app_user_account").on("app_user").column("account_id").execute();

  await db.schema
    .createTable("session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_id").execute();

  await db.schema
    .createTable("domain")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("holder_name", "text", (c) => c.notNull())
    .addColumn("holder_certificate_enc", "text", (c) => c.notNull())
    .addColumn("real_name_verified_at", "bigint")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("domain_account").on("domain").column("account_id").execute();

  await db.schema
    .createTable("server")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("instance_id", "text", (c) => c.notNull().unique())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("product", "text", (c) => c.notNull())
    .addColumn("billing_type", "text", (c) => c.notNull())
    .addColumn("paid_from", "bigint", (c) => c.notNull())
    .addColumn("paid_until", "bigint", (c) => c.notNull())
    .addColumn("auto_renew", "integer", (c) => c.notNull())
    .addColumn("public_ip", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("server_account").on("server").column("account_id").execute();

  await db.schema
    .createTable("service_code")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("server_id", "text", (c) => c.notNull().references("server.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("order_id", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("service_code_account").on("service_code").column("account_id").execute();
  await db.schema.createIndex("service_code_order").on("service_code").column("order_id").execute();

  await db.schema
    .createTable("subject")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("certificate_type", "text", (c) => c.notNull())
    .addColumn("certificate_enc", "text", (c) => c.notNull())
    .addColumn("certificate_hash", "text", (c) => c.notNull().unique())
    .addColumn("division_code", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("head_name", "text", (c) => c.notNull())
    .addColumn("head_mobile_enc", "text", (c) => c.notNull())
    .addColumn("head_emergency_enc", "text", (c) => c.notNull())
    .addColumn("head_email", "text", (c) => c.notNull())
    .addColumn("subject_number", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("subject_account").on("subject").column("account_id").execute();

  await db.schema
    .createTable("website")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_id", "text", (c) => c.notNull().references("subject.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("home_url", "text", (c) => c.notNull())
    .addColumn("service_content", "text", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("pre_approvals", "text", (c) => c.notNull())
    .addColumn("remark", "text", (c) => c.notNull())
    .addColumn("head_name", "text", (c) => c.notNull())
    .addColumn("head_certificate_enc", "text", (c) => c.notNull())
    .addColumn("head_mobile_enc", "text", (c) => c.notNull())
    .addColumn("head_emergency_enc", "text", (c) => c.notNull())
    .addColumn("head_email", "text", (c) => c.notNull())
    .addColumn("service_code", "text", (c) => c.notNull())
    .addColumn("server_id", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("website_number", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("website_subject").on("website").column("subject_id").execute();

  await db.schema
    .createTable("filing_order")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("province_code", "text")
    .addColumn("subject_name", "text")
    .addColumn("domains", "text", (c) => c.notNull())
    .addColumn("data_enc", "text", (c) => c.notNull())
    .addColumn("returned_fields", "text")
    .addColumn("active_account_id", "text", (c) => c.unique())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .addColumn("submitted_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filing_order_account").on("filing_order").column("account_id").execute();
  await db.schema
    .createIndex("filing_order_state")
    .on("filing_order")
    .columns(["state", "updated_at"])
    .execute();

  await db.schema
    .createTable("order_revision")
    .addColumn("order_id", "text", (c) => c.notNull().references("filing_order.id"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("data_enc", "text", (c) => c.notNull())
    .addColumn("submitted_at", "bigint", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("order_revision_pk", ["order_id", "revision"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("account_id", "text")
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text")
    .addColumn("version", "integer")
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id"]).execute();

  await db.schema
    .createTable("job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("run_at", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "bigint")
    .addColumn("done_at", "bigint")
    .addColumn("failed", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("job_due").on("job").columns(["done_at", "run_at"]).execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id"))
    .addColumn("order_id", "text")
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_zh", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema.createIndex("notification_account").on("notification").column("account_id").execute();

  await db.schema
    .createTable("dev_mail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("regulator_message")
    .addColumn("message_id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("counter")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "bigint", (c) => c.notNull())
    .execute();
}
