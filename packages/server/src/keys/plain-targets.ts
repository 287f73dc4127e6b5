import { resealColumns, rowKey, updateRow } from "./sealed-values.ts";
import type { KeyTarget } from "./target.ts";

/**
 * Every column sealed with the field cipher whose row needs nothing else
 * rewritten with it. Subjects, orders, job payloads and stored files have
 * targets of their own (blind indexes and files come with them). A new sealed
 * column is added here (test/key-rotation.test.ts compares this list with the
 * schema's `_enc` columns and with the values found sealed in the database).
 */
export const SEALED_COLUMNS: readonly {
  table: string;
  keys: readonly string[];
  columns: readonly string[];
}[] = [
  { table: "account", keys: ["id"], columns: ["identity_certificate_enc"] },
  { table: "domain", keys: ["id"], columns: ["holder_certificate_enc"] },
  {
    table: "website",
    keys: ["id"],
    columns: ["head_certificate_enc", "head_mobile_enc", "head_emergency_enc"],
  },
  { table: "order_revision", keys: ["order_id", "revision"], columns: ["data_enc"] },
  { table: "app_record", keys: ["id"], columns: ["data_enc"] },
  { table: "review_call", keys: ["id"], columns: ["note_enc"] },
  { table: "sms_message", keys: ["id"], columns: ["mobile_enc", "text_enc"] },
  { table: "dev_sms", keys: ["id"], columns: ["phone_enc", "text_enc"] },
  { table: "notification_settings", keys: ["account_id"], columns: ["phone_enc"] },
  { table: "notification_recipient", keys: ["id"], columns: ["email_enc", "phone_enc"] },
  { table: "webhook_endpoint", keys: ["id"], columns: ["secret_enc"] },
  { table: "regulator_outbound", keys: ["message_id"], columns: ["payload"] },
  {
    table: "idempotency_key",
    keys: ["account_id", "idem_key"],
    columns: ["request_hash", "response_body"],
  },
];

export const plainTargets: KeyTarget[] = SEALED_COLUMNS.map(({ table, keys, columns }) => ({
  name: table,
  walk: { table, keys },
  sealedColumns: columns,
  async visit(pass, executor, row) {
    const changes = resealColumns(pass.ctx.cipher, row, columns, pass.write, pass.tally);
    if (pass.write) await updateRow(executor, table, rowKey(keys, row), changes, row);
  },
}));
