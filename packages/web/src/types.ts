import type {
  EtaResult,
  OrderData,
  OrderKind,
  OrderState,
  Problem,
  RegulatorOrderType,
} from "@openbeian/core";

export type {
  Eta,
  EtaResult,
  EtaStep,
  OrderData,
  OrderKind,
  OrderState,
  OrderType,
  OrderTypeDecision,
  Person,
  Problem,
  RegulatorOrderType,
  Website,
} from "@openbeian/core";

export interface LocalizedText {
  zh: string;
  en: string;
}

export type Role = "applicant" | "reviewer" | "supervisor" | "admin";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  accountId: string;
}

export interface SessionView {
  user: SessionUser;
  csrfToken: string;
}

export interface Domain {
  id: string;
  name: string;
  holderName: string;
  holderCertificateNumber: string;
  realNameVerifiedAt: string | null;
  expiresAt: string;
}

export type ServiceCodeState = "unused" | "bound" | "in_filing" | "used" | "void";

export interface ServiceCode {
  code: string;
  serverId: string;
  state: ServiceCodeState;
  orderId: string | null;
  /** On the owner's side: the account the code is granted to (授权备案服务号). */
  grantedTo?: { accountName: string; email: string; at: string } | null;
  /** On the grantee's side: the account that granted it. */
  grantedBy?: { accountName: string; at: string } | null;
}

export interface Server {
  id: string;
  instanceId: string;
  region: string;
  product: string;
  billingType: "subscription" | "pay_as_you_go";
  paidFrom: string;
  paidUntil: string;
  autoRenew: boolean;
  publicIp: string | null;
  eligible: boolean;
  ineligibleReasons: { code: string; message: LocalizedText }[];
  serviceCodes: ServiceCode[];
}

export interface OrderSummary {
  id: string;
  number: string;
  /** The order's kind: first filing, change, add website, a cancellation (core ORDER_KINDS). */
  type: OrderKind;
  typeLabel: LocalizedText;
  /** What MIIT received it as (变更主体, 注销网站 …); null until the initial review passes. */
  regulatorType: RegulatorOrderType | null;
  /** The website a cancel_website or cancel_access order names. */
  targetWebsiteId: string | null;
  /** 转移备案: the account ID the filing goes to; null for other kinds. */
  transferTo?: string | null;
  state: OrderState;
  stateLabel: LocalizedText;
  version: number;
  subjectName: string | null;
  /** Two-digit GB/T 2260 prefix of the subject's province, e.g. "33". */
  provinceCode?: string | null;
  domains: string[];
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  expiresAt: string | null;
}

export interface TimelineEntry {
  at: string;
  action: string;
  label: LocalizedText;
  actor: string;
  fromState: OrderState | null;
  toState: OrderState | null;
  detail: unknown;
}

export interface OrderView extends OrderSummary {
  data: OrderData;
  revision: number;
  returnedFields: { field: string; reason: string }[];
  problems: Problem[];
  allowedActions: string[];
  nextStep: LocalizedText;
  records: FilingRecords | null;
  timeline: TimelineEntry[];
  /** When the remaining steps are due; null for a final order. */
  eta: EtaResult | null;
  /** 新增接入 and 认领备案: MIIT's record of the order's domain as last read; null for other kinds. */
  miitRecord?: MiitRecord | null;
}

/** MIIT's record of a domain (备案查询) as the platform last read it. */
export interface MiitRecord {
  domain: string;
  status: string;
  websiteNumber: string | null;
  websiteName: string | null;
  subjectNumber: string | null;
  subjectName: string | null;
  /** The access providers MIIT lists for the website. */
  providers: string[];
  checkedAt: string;
}

/** A filing transfer sent to this account (GET /api/transfers/incoming). */
export interface IncomingTransfer {
  id: string;
  number: string;
  state: OrderState;
  stateLabel: LocalizedText;
  subjectName: string | null;
  domains: string[];
  /** The sending account's e-mail, masked. */
  from: string;
  sentAt: string | null;
  expiresAt: string | null;
}

/** A filed app (GET /api/apps). */
export interface FiledApp {
  id: string;
  name: string;
  /** 浙ICP备2026000888号-1A */
  appNumber: string;
  platforms: string[];
  status: string;
  orderId: string;
  filedAt: string;
}

export interface Revision {
  revision: number;
  submittedAt: string;
  data: OrderData;
  changedSincePrevious: string[];
}

export interface Notification {
  id: string;
  orderId: string | null;
  template: string;
  title: LocalizedText;
  body: LocalizedText;
  createdAt: string;
  read: boolean;
}

export interface Items<T> {
  items: T[];
}

/** A text MIIT sent to one person of an order; in development the platform keeps it instead of a phone. */
export interface SmsMessage {
  id: string;
  /** e.g. 138****8000 */
  mobileMasked: string;
  text: string;
  at: string;
}

/** GET /api/orders/:id/sms: the order's MIIT texts, oldest first, and the regulator's verification page. */
export interface OrderSms extends Items<SmsMessage> {
  /** Null when no regulator is configured. */
  verifyUrl: string | null;
}

/** GET /api/review/orders/:id/regulator-messages: what the bridge sent and received, oldest first. */
export interface RegulatorMessage {
  direction: "outbound" | "inbound";
  messageId: string;
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
  at: string;
}

/** The numbers an approved order was given, with what the site must show and when the PSB filing is due. */
export interface FilingRecords {
  subjectNumber: string;
  filedAt: string;
  psbDueAt: string;
  /** The last day (China) of the most pressing website's public-security filing. */
  psbDueOn: string;
  /** Days left on it (0 on the last day, negative when overdue); null once every number is recorded. */
  psbDaysLeft: number | null;
  psbState: "due" | "overdue" | "recorded";
  websites: {
    domain: string;
    name: string;
    websiteNumber: string;
    /** Guangdong shows the subject number, elsewhere the website number (fact base §5.4). */
    footerNumber: string;
    footerSnippet: string;
  }[];
}

/** 公安联网备案 of a filed website: due, overdue, or recorded with its number. */
export type PsbState = "due" | "overdue" | "recorded";

/** One of the applicant's filed websites (GET /api/websites), with its public-security filing clock. */
export interface FiledWebsite {
  id: string;
  domain: string;
  name: string;
  websiteNumber: string;
  subjectNumber: string;
  subjectName: string;
  /** cancelled: 注销网站 (the number is gone); access_cancelled: 取消接入 (no longer served here). */
  status: "filed" | "cancelled" | "access_cancelled";
  filedAt: string;
  /** The recorded opening day, YYYY-MM-DD. */
  openedOn: string | null;
  psb: {
    state: PsbState;
    number: string | null;
    recordedAt: string | null;
    /** The day the 30 days count from: the opening day, or the approval day until one is recorded. */
    countsFrom: string;
    openingDayRecorded: boolean;
    /** The last day to file, YYYY-MM-DD. */
    dueOn: string;
    /** 0 on the last day, negative when overdue, null once recorded. */
    daysLeft: number | null;
    /** What the public-security platform's form asks about the access provider (接入信息). */
    card: {
      accessProvider: string;
      accessProviderPhone: string;
      accessMethod: LocalizedText;
      serverLocation: LocalizedText;
      ip: string;
      domain: string;
      icpNumber: string;
      openedOn: string;
    };
    footerSnippet: string | null;
  };
  /** The latest footer check (a campaign's or "check now"); null before the first. */
  footer: FooterCheckView | null;
}

/** passed: the footer complies; failed: it does not; unreachable: the home page could not be read. */
export type FooterOutcome = "passed" | "failed" | "unreachable";

/** A stored footer check: what the home page showed, the evidence and the problems. */
export interface FooterCheckView {
  checkedAt: string;
  outcome: FooterOutcome;
  /** The URL finally answered (after redirects), or the one that failed. */
  url: string;
  /** The final HTTP status; null when no answer came. */
  status: number | null;
  /** The campaign that made it; null for a "check now". */
  campaignId: string | null;
  ok: boolean;
  icpNumber: string | null;
  icpLinked: boolean;
  linkTarget: string | null;
  visible: boolean;
  psbNumber: string | null;
  psbLinked: boolean;
  /** The footer text around the number, as found in the page. */
  evidence: string | null;
  problems: Problem[];
}

/** POST /api/websites/:id/footer-check (and the staff's): the new check; `told`: the owner was notified. */
export interface FooterCheckResult {
  footer: FooterCheckView;
  told: boolean;
}

export type WatchKind =
  "certificate_expiry" | "domain_expiry" | "server_expiry" | "access_inaccurate" | "footer_noncompliant";
export type WatchLevel = "expiring" | "expired" | "not_pointing" | "failing";

/** An open finding of the filing watch (GET /api/watch; /api/review/watch adds the account). */
/** 备案监测's list: the findings due soonest, and how many are open in all and of each kind. */
export interface WatchFindings extends Items<WatchFinding> {
  total: number;
  byKind: Partial<Record<WatchKind, number>>;
}

export interface WatchFinding {
  id: string;
  accountId?: string;
  kind: WatchKind;
  kindLabel: LocalizedText;
  /** Which item: "subject.head", "websites.0.head", the domain, the server instance. */
  item: string;
  detail: LocalizedText | null;
  level: WatchLevel;
  /** When it expires, or by when it must be fixed. */
  dueAt: string;
  firstSeenAt: string;
  /** The fields a change order must update to settle it (e.g. an ID's validity dates); empty otherwise. */
  changeFields?: string[];
  websiteId: string;
  orderId: string;
  domain: string;
  websiteNumber: string;
}

export type CampaignState = "queued" | "running" | "finished";
export type CampaignTrigger = "schedule" | "staff" | "cli";

/** One footer campaign over every filed website (GET /api/review/footer-campaigns). */
export interface FooterCampaign {
  campaignId: string;
  total: number;
  checked: number;
  passed: number;
  failed: number;
  unreachable: number;
  notified: number;
  /** The creation time until it starts. */
  startedAt: string;
  /** Equal to startedAt until it finishes. */
  finishedAt: string;
  durationMs: number;
  trigger: CampaignTrigger;
  createdAt: string;
  state: CampaignState;
}

export interface FooterCampaigns extends Items<FooterCampaign> {
  /** The campaign queued or running now, if any. */
  activeId: string | null;
}

/** One uploaded file of an order (GET /api/orders/:id/materials). */
export interface Material {
  id: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
  originalName: string;
  createdAt: string;
  /** The file itself, same-origin with the session cookie. */
  url: string;
  /** A small image for pictures; null for PDFs. */
  thumbnailUrl: string | null;
}

/** A document the order needs, and why (the province's rule or the standard set). */
export interface RequiredMaterialView {
  kind: string;
  reason: LocalizedText;
  source: string;
}

/** GET /api/orders/:id/materials */
export interface MaterialsView extends Items<Material> {
  required: RequiredMaterialView[];
}

/** A member of the provider's staff, as the review APIs name one. */
export interface StaffRef {
  id: string;
  displayName: string;
}

export type StaffRole = "reviewer" | "supervisor" | "admin";

/** The review clock of an order in initial review (working days, paused while it is with the applicant). */
export interface ReviewSla {
  /** Null while paused (the order is with the applicant), or past the calendar's data. */
  dueAt: string | null;
  usedWorkingDays: number;
  limitDays: number;
  paused: boolean;
  breached: boolean;
}

export type RiskLevel = "high" | "medium" | "low";

export interface RiskSignal {
  id: string;
  level: RiskLevel;
  message: LocalizedText;
}

export interface ReviewRisk {
  score: number;
  signals: RiskSignal[];
}

/** A row of the review queue (GET /api/review/orders). */
export interface QueueItem extends OrderSummary {
  sla: ReviewSla | null;
  assignee: StaffRef | null;
  risk: ReviewRisk | null;
}

/** The reviewer's order view; the console fields appear once the server sends them. */
export interface ReviewOrderView extends OrderView {
  /** The order belongs to the reviewer's own account: no decisions (REVIEW_OWN_ACCOUNT). */
  ownAccount?: boolean;
  assignee?: StaffRef | null;
  assignedAt?: string | null;
  sla?: ReviewSla | null;
  risk?: ReviewRisk | null;
  /**
   * The filing as it stands, for orders acting on one (a change is compared with it); sent once
   * the server has it (issue 9), until then the console falls back on the applicant's edits.
   */
  filing?: OrderData | null;
}

/** GET /api/review/staff */
export interface StaffMember extends StaffRef {
  role: StaffRole;
}

/** GET /api/admin/staff */
export interface StaffAccount extends StaffMember {
  email: string;
  disabled?: boolean;
  disabledAt?: string | null;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export type CallOutcome = "answered" | "no_answer" | "busy" | "wrong_number" | "refused";

/** One verification call to the applicant (GET /api/review/orders/:id/calls). */
export interface ReviewCall {
  id: string;
  at: string;
  outcome: CallOutcome;
  note?: string | null;
  by?: StaffRef | null;
}

/** POST /api/review/orders/:id/calls: the second missed call returns the order by itself. */
export interface CallLogged {
  call: ReviewCall;
  order: OrderView;
  autoReturned: boolean;
}

/** A reason a reviewer may return a field with (GET /api/review/reason-templates). */
export interface ReasonTemplate {
  id: string;
  field: string;
  ruleId?: string | null;
  text: LocalizedText;
}

/** A line of the audit log (an order's trail, or the audit search). */
export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actor: StaffRef | null;
  action: string;
  fromState: OrderState | null;
  toState: OrderState | null;
  detail: unknown;
  entity?: string;
  entityId?: string;
  accountId?: string | null;
}

export interface AuditPage extends Items<AuditEntry> {
  nextCursor: string | null;
}

export interface BulkResult {
  orderId: string;
  ok: boolean;
  state?: OrderState;
  error?: { code: string; message: LocalizedText };
}

/** GET /api/review/stats */
export interface ReviewStats {
  queueSize: { at: string; waiting: number; inReview: number }[];
  slaBreaches: { at: string; breaches: number }[];
  reviewTimePerReviewer: { reviewer: StaffRef; decisions: number; medianHours: number; p90Hours: number }[];
  bureauTimePerProvince: { province: string; decided: number; medianDays: number }[];
  topReturnReasons: { reason: string; count: number }[];
  topRejectionReasons: { reason: string; count: number; by: string }[];
}
