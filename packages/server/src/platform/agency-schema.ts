/**
 * Table types of the agency API and webhooks (migration 0022), kept beside
 * schema.ts so the tables of one feature read together.
 */
export interface ApiTokenTable {
  id: string;
  account_id: string;
  /** The user the token acts as (its role decides what a `review` token may do). */
  created_by: string;
  name: string;
  /** JSON array of scopes: read, file, review. */
  scopes: string;
  /** `obt_` and the secret's first characters, shown in lists to tell tokens apart. */
  prefix: string;
  /** SHA-256 (hex) of the whole token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  expires_at: number | null;
}

export interface IdempotencyKeyTable {
  account_id: string;
  idem_key: string;
  route: string;
  /** SHA-256 of route, parameters and body: the same key with another request is refused. */
  request_hash: string;
  status: "pending" | "done";
  response_status: number | null;
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface HandoffLinkTable {
  id: string;
  token_hash: string;
  account_id: string;
  order_id: string;
  purpose: "face_check" | "sms_verification";
  /** JSON: who the link is for (roles, name, masked mobile); null for the order's face check. */
  person: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** When the account withdrew the link (migration 0024); a revoked link opens nothing. */
  revoked_at: number | null;
}

export interface WebhookEndpointTable {
  id: string;
  account_id: string;
  url: string;
  /** The signing secret, encrypted with the field cipher (it must be read back to sign). */
  secret_enc: string;
  /** JSON array of event patterns: `order.approve`, `order.*`, `*`. */
  events: string;
  description: string;
  active: number;
  created_at: number;
  updated_at: number;
}

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  account_id: string;
  /** One event delivered to several endpoints keeps one id, so receivers can de-duplicate. */
  event_id: string;
  event_type: string;
  /** The JSON body exactly as sent (no personal data). */
  payload: string;
  attempts: number;
  next_attempt_at: number | null;
  status: WebhookDeliveryStatus;
  last_status_code: number | null;
  last_error: string | null;
  /** A redelivery from the log is a new delivery of the same event. */
  redelivery_of: string | null;
  created_at: number;
  delivered_at: number | null;
}
