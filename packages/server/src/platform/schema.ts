import type { OrderKind } from "@openbeian/core";
import type { Generated } from "kysely";
import type {
  ApiTokenTable,
  HandoffLinkTable,
  IdempotencyKeyTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
} from "./agency-schema.ts";
/**
 * Kysely table types. Timestamps are epoch milliseconds (BIGINT on PostgreSQL,
 * INTEGER on SQLite), booleans are 0/1 integers and JSON is stored as text, so
 * that one query code and one migration set serve both databases.
 */
export interface AccountTable {
  id: string;
  /** "customer" accounts file; the "provider" account holds the staff. */
  kind: "customer" | "provider";
  type: "personal" | "organization";
  name: string;
  created_at: number;
  /** 实名信息: the person's or organisation's name as on the certificate. */
  identity_name: string | null;
  /** Encrypted resident ID (personal) or unified social credit code (organisation). */
  identity_certificate_enc: string | null;
  /** When the provider verified the real-name data; null until then (cleared by an edit). */
  identity_verified_at: number | null;
  identity_updated_at: number | null;
}

export type Role = "applicant" | "reviewer" | "supervisor" | "admin";

export interface UserTable {
  id: string;
  account_id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  created_at: number;
  /** Set when an administrator disables the (staff) user: no login, no sessions. */
  disabled_at: number | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface DomainTable {
  id: string;
  account_id: string;
  name: string;
  holder_name: string;
  holder_certificate_enc: string;
  real_name_verified_at: number | null;
  expires_at: number;
  created_at: number;
}

export interface ServerTable {
  id: string;
  account_id: string;
  instance_id: string;
  region: string;
  product: string;
  billing_type: "subscription" | "pay_as_you_go";
  paid_from: number;
  paid_until: number;
  auto_renew: number;
  public_ip: string | null;
  created_at: number;
}

export interface ServiceCodeTable {
  code: string;
  server_id: string;
  account_id: string;
  state: "unused" | "bound" | "in_filing" | "used" | "void";
  order_id: string | null;
  updated_at: number;
  /** 授权备案服务号: another account allowed to file with this code (and the user named by e-mail). */
  granted_to_account_id: string | null;
  granted_to_user_id: string | null;
  granted_by_user_id: string | null;
  granted_at: number | null;
}

/** A password reset e-mailed to a user: only the token's SHA-256 is stored. */
export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** Used, or voided by a newer request or a completed reset. */
  spent_at: number | null;
}

export interface SubjectTable {
  id: string;
  account_id: string;
  type: string;
  name: string;
  certificate_type: string;
  certificate_enc: string;
  certificate_hash: string;
  division_code: string;
  address: string;
  head_name: string;
  head_mobile_enc: string;
  head_emergency_enc: string;
  head_email: string;
  subject_number: string;
  /** Pinyin initials of the name, for the public lookup (migration 0014). */
  name_initials: string | null;
  created_at: number;
  updated_at: number;
  /** The filing as it stands, encrypted order data; null for subjects filed before migration 0017. */
  filing_enc: string | null;
  status: Generated<"filed" | "cancelled">;
  cancelled_at: number | null;
}

export interface WebsiteTable {
  id: string;
  subject_id: string;
  account_id: string;
  order_id: string;
  name: string;
  domain: string;
  home_url: string;
  service_content: string;
  languages: string;
  pre_approvals: string;
  remark: string;
  head_name: string;
  head_certificate_enc: string;
  head_mobile_enc: string;
  head_emergency_enc: string;
  head_email: string;
  service_code: string;
  server_id: string;
  ip: string;
  website_number: string;
  /** cancelled: 注销 (the number is gone); access_cancelled: 取消接入 (filed, but not hosted here). */
  status: "filed" | "cancelled" | "access_cancelled";
  cancelled_at: number | null;
  /** The day the site opened (YYYY-MM-DD, China), as the owner recorded it; null: not yet told. */
  opened_on: string | null;
  /** The public-security filing number (公网安备…号), once the owner has it. */
  psb_number: string | null;
  psb_recorded_at: number | null;
  created_at: number;
}

export interface FilingOrderTable {
  id: string;
  number: string;
  account_id: string;
  type: OrderKind;
  state: string;
  version: number;
  province_code: string | null;
  subject_name: string | null;
  domains: string;
  data_enc: string;
  returned_fields: string | null;
  /** Equals account_id while the order is in progress; a unique index keeps one per account. */
  active_account_id: string | null;
  revision: number;
  expires_at: number | null;
  submitted_at: number | null;
  created_at: number;
  updated_at: number;
  /** The reviewer holding the order (claimed or assigned); null: in the common queue. */
  assignee_user_id: string | null;
  assigned_at: number | null;
  /** The filed subject the order acts on (every kind but a first filing; migration 0017). */
  subject_id: string | null;
  /** The website a cancellation or access cancellation names. */
  target_website_id: string | null;
  /** What MIIT received the order as (a change's scope decides it); null before submission. */
  regulator_type: string | null;
  /** Blind index of the subject's certificate number: the same subject in review elsewhere. */
  subject_hash: string | null;
  /** 转移备案: the account the filing goes to (migration 0020). */
  counterparty_account_id: string | null;
}

export interface OrderRevisionTable {
  order_id: string;
  revision: number;
  data_enc: string;
  submitted_at: number;
  submitted_by: string;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_kind: string;
  actor_user_id: string | null;
  account_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  version: number | null;
  detail: string;
  /** Its number in the audit chain (gapless; migration 0023). */
  seq: number;
  /** The previous record's hash, and this record's own (audit/audit-chain.ts). */
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  done_at: number | null;
  failed: number;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: number;
}

export interface NotificationTable {
  id: string;
  account_id: string;
  order_id: string | null;
  template: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  created_at: number;
  read_at: number | null;
}

export interface DevMailTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: number;
}

/** An account's notification choices (migration 0021); no row: the defaults. */
export interface NotificationSettingsTable {
  account_id: string;
  /** JSON: { [event]: { email: boolean, sms: boolean } }, events left out keep their default. */
  channels: string;
  /** The account's mobile for texts, encrypted. */
  phone_enc: string | null;
  updated_at: number;
}

/** One of the up to 15 extra people an account has told (migration 0021). */
export interface NotificationRecipientTable {
  id: string;
  account_id: string;
  name: string;
  role: string;
  email_enc: string | null;
  phone_enc: string | null;
  /** JSON arrays of event group ids. */
  email_groups: string;
  sms_groups: string;
  created_at: number;
  updated_at: number;
}

/** The development SMS gateway: texts that would have gone to a provider (migration 0021). */
export interface DevSmsTable {
  id: string;
  phone_enc: string;
  template_code: string;
  text_enc: string;
  created_at: number;
}

export interface RegulatorMessageTable {
  message_id: string;
  order_id: string;
  type: string;
  payload: string;
  received_at: number;
}

export interface MaterialTable {
  id: string;
  order_id: string;
  account_id: string;
  /** e.g. "id_front", "id_back", "verification_form", "face_capture" */
  kind: string;
  /** Opaque storage key of the (re-encoded, encrypted) file. */
  storage_key: string;
  /** Its thumbnail (JPEG, encrypted); null for PDFs. */
  thumbnail_key: string | null;
  content_type: string;
  size_bytes: number;
  sha256: string;
  original_name: string;
  created_at: number;
  created_by: string;
}

/** An exception to the weekday rule: a holiday, or a weekend day worked (调休上班). */
export interface CalendarDayTable {
  /** "YYYY-MM-DD", a calendar date in China. */
  date: string;
  kind: "holiday" | "workday";
  name: string | null;
  /** "chinese-days@<version>" for imported rows, "admin" for an administrator's edit. */
  source: string;
  updated_at: number;
  updated_by: string | null;
}

/** A year whose working-day data is known; dates of other years are never guessed. */
export interface CalendarYearTable {
  year: number;
  source: string;
  imported_at: number;
}

export interface CounterTable {
  name: string;
  value: number;
}

/** One domain's gate status after a committed transition (migration 0012). */
export interface GateChangeTable {
  seq: number;
  domain: string;
  /** filed: served; blocked: refused with `reason`; unknown: nothing on record (never filed). */
  status: "filed" | "blocked" | "unknown";
  reason: "filed_elsewhere" | "cancelled" | "access_cancelled" | "in_progress" | null;
  /** For in-progress filings, the order's state, shown on the block page. */
  order_state: string | null;
  at: number;
}

/** A problem the filing watch found in an approved filing (migration 0015). */
export interface WatchFindingTable {
  id: string;
  account_id: string;
  website_id: string;
  kind: string;
  item: string;
  level: string;
  due_at: number;
  first_seen_at: number;
  last_seen_at: number;
  resolved_at: number | null;
  notified_level: string | null;
  /** JSON {zh, en}: what exactly was found (migration 0016). */
  detail_json: string | null;
}

/** A filed app (APP备案, migration 0019). */
export interface AppRecordTable {
  id: string;
  subject_id: string;
  account_id: string;
  order_id: string;
  name: string;
  /** JSON array: android, ios, harmony. */
  platforms: string;
  /** The app's filing data (identifiers, domains, head), encrypted. */
  data_enc: string;
  app_number: string;
  status: "filed" | "cancelled";
  created_at: number;
  cancelled_at: number | null;
}

/** MIIT's record of a domain as the regulator bridge last answered (migration 0018). */
export interface RegulatorRecordTable {
  domain: string;
  status: "filed" | "cancelled";
  website_number: string;
  website_name: string;
  subject_number: string;
  subject_name: string;
  /** JSON array of the access providers' names. */
  providers: string;
  checked_at: number;
}

/** One footer campaign over every filed website (migration 0016). */
export interface FooterCampaignTable {
  id: string;
  trigger: "schedule" | "staff" | "cli";
  requested_by: string | null;
  created_at: number;
  started_at: number | null;
  heartbeat_at: number | null;
  finished_at: number | null;
  total: number;
  checked: number;
  passed: number;
  failed: number;
  unreachable: number;
  notified: number;
}

/** A website's latest footer check (migration 0016). */
export interface FooterCheckTable {
  website_id: string;
  account_id: string;
  campaign_id: string | null;
  checked_at: number;
  outcome: "passed" | "failed" | "unreachable";
  url: string;
  http_status: number | null;
  /** JSON of the check's report (numbers found, link, problems, evidence). */
  report_json: string;
}

export interface ProvinceRuleOverrideTable {
  id: string;
  province: string;
  rule: string;
  /** JSON of the rule's value. */
  value: string;
  reason: string;
  effective_from: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface SubjectContactTable {
  /** Blind index (HMAC) of the normalised mobile number. */
  hash: string;
  subject_id: string;
  kind: "mobile";
}

export interface RegulatorOutboundTable {
  message_id: string;
  order_id: string;
  kind: "submit";
  /** Encrypted JSON: the order as submitted, personal data included. */
  payload: string;
  status: "pending" | "sent";
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface SmsMessageTable {
  id: string;
  /** The sender's id: a text delivered twice is stored once. */
  message_id: string;
  order_id: string | null;
  mobile_enc: string;
  text_enc: string;
  source: "regulator";
  created_at: number;
}

/** A reviewer's call to a responsible person (核实电话). */
export interface ReviewCallTable {
  id: string;
  order_id: string;
  user_id: string;
  outcome: "answered" | "no_answer" | "busy" | "wrong_number" | "refused";
  /** Encrypted: a note may hold personal data. */
  note_enc: string | null;
  at: number;
}

/** Blind index (HMAC) of a submitted order's head mobile or e-mail. */
export interface OrderContactTable {
  hash: string;
  order_id: string;
  kind: "mobile" | "email";
}

/** One counted key's current window (migration 0025; http/attempt-counter.ts). */
export interface RateWindowTable {
  /** The counter's namespace and key, hashed with the data key (no address or e-mail stored). */
  key_hash: string;
  window_start: number;
  expires_at: number;
  count: number;
}

export interface Database {
  account: AccountTable;
  app_user: UserTable;
  session: SessionTable;
  password_reset: PasswordResetTable;
  domain: DomainTable;
  server: ServerTable;
  service_code: ServiceCodeTable;
  subject: SubjectTable;
  website: WebsiteTable;
  filing_order: FilingOrderTable;
  order_revision: OrderRevisionTable;
  audit_log: AuditLogTable;
  job: JobTable;
  notification: NotificationTable;
  dev_mail: DevMailTable;
  regulator_message: RegulatorMessageTable;
  counter: CounterTable;
  material: MaterialTable;
  province_rule_override: ProvinceRuleOverrideTable;
  subject_contact: SubjectContactTable;
  regulator_outbound: RegulatorOutboundTable;
  sms_message: SmsMessageTable;
  review_call: ReviewCallTable;
  order_contact: OrderContactTable;
  calendar_day: CalendarDayTable;
  calendar_year: CalendarYearTable;
  gate_change: GateChangeTable;
  watch_finding: WatchFindingTable;
  footer_campaign: FooterCampaignTable;
  footer_check: FooterCheckTable;
  regulator_record: RegulatorRecordTable;
  app_record: AppRecordTable;
  api_token: ApiTokenTable;
  idempotency_key: IdempotencyKeyTable;
  handoff_link: HandoffLinkTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  notification_settings: NotificationSettingsTable;
  notification_recipient: NotificationRecipientTable;
  dev_sms: DevSmsTable;
  rate_window: RateWindowTable;
}
