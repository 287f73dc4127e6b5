import type { EtaResult, OrderData, OrderState, Problem } from "@openbeian/core";

export type {
  Eta,
  EtaResult,
  EtaStep,
  OrderData,
  OrderState,
  OrderType,
  OrderTypeDecision,
  Person,
  Problem,
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
  type: string;
  state: OrderState;
  stateLabel: LocalizedText;
  version: number;
  subjectName: string | null;
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
  websites: {
    domain: string;
    name: string;
    websiteNumber: string;
    /** Guangdong shows the subject number, elsewhere the website number (fact base §5.4). */
    footerNumber: string;
    footerSnippet: string;
  }[];
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
