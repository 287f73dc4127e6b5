import type { Kysely } from "kysely";

/**
 * Issue 10, the agency half: API tokens (only the SHA-256 of the secret is kept),
 * idempotency keys of create and submit (the stored answer replays a retry), the
 * hand-off links that let a person do one real-person step of one order on their
 * own phone (hashed like tokens), and webhooks: each account's endpoints (the
 * signing secret encrypted) and every delivery with its attempts, the log that
 * redelivery works from.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .addColumn("expires_at", "bigint")
    .execute();
  await db.schema.createIndex("api_token_account").on("api_token").column("account_id").execute();

  await db.schema
    .createTable("idempotency_key")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("idem_key", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("response_status", "integer")
    .addColumn("response_body", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_key_pk", ["account_id", "idem_key"])
    .execute();
  await db.schema.createIndex("idempotency_key_expiry").on("idempotency_key").column("expires_at").execute();

  await db.schema
    .createTable("handoff_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("person", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema.createIndex("handoff_link_order").on("handoff_link").column("order_id").execute();

  await db.schema
    .createTable("webhook_endpoint")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_endpoint_account")
    .on("webhook_endpoint")
    .column("account_id")
    .execute();

  await db.schema
    .createTable("webhook_delivery")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("endpoint_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "bigint")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("redelivery_of", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("delivered_at", "bigint")
    .execute();
  await db.schema
    .createIndex("webhook_delivery_endpoint")
    .on("webhook_delivery")
    .columns(["endpoint_id", "id"])
    .execute();
  await db.schema
    .createIndex("webhook_delivery_account")
    .on("webhook_delivery")
    .columns(["account_id", "status", "id"])
    .execute();
  await db.schema
    .createIndex("webhook_delivery_status")
    .on("webhook_delivery")
    .columns(["status", "id"])
    .execute();
}
