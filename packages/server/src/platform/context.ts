import type { Clock, Ipv4Range } from "@openbeian/core";
import type { Logger } from "pino";
import type { FieldCipher } from "./crypto.ts";
import type { Db, Engine } from "./db.ts";
import type { Metrics } from "./metrics.ts";
import type { RegulatorBridge } from "../regulator-bridge/port.ts";
import type { DomainResolver } from "../review/domain-resolver.ts";
import type { FileStorage } from "./storage.ts";
import type { MailTransport } from "../notify/mail-transport.ts";
import type { SmsSender } from "../notify/sms-sender.ts";
import type { AttemptCounter } from "../http/attempt-counter.ts";

/** What every use case may use: passed explicitly, never imported as a global. */
export interface AppContext {
  db: Db;
  engine: Engine;
  clock: Clock;
  cipher: FieldCipher;
  logger: Logger;
  metrics: Metrics;
  /** Uploaded materials, outside the web root. */
  storage: FileStorage;
  regulatorToken: string;
  /** Where approved orders go; null until a regulator (or its simulator) is configured. */
  regulatorBridge: RegulatorBridge | null;
  /** The regulator's pages as people's browsers reach them (the simulator's 短信核验 page). */
  regulatorPublicUrl: string | null;
  /** The portal's public base URL for links in e-mails; null: the request's own origin. */
  publicUrl: string | null;
  sessionTtlMs: number;
  secureCookies: boolean;
  /** The initial review's SLA in working days (BEIAN_REVIEW_SLA_WORKING_DAYS, default 1). */
  reviewSlaWorkingDays: number;
  /** Product ids (with `*` wildcards) of the cheapest server plans, a review risk signal. */
  riskCheapProducts: readonly string[];
  /** DNS lookups for the review risk signals (a fake in tests). */
  domainResolver: DomainResolver;
  /** This provider as public-security filings name it (接入服务商), BEIAN_PROVIDER_NAME / _PHONE. */
  provider: ProviderIdentity;
  /** The provider's own address ranges (BEIAN_PROVIDER_IP_RANGES): a domain resolving inside points here. */
  providerRanges: readonly Ipv4Range[];
  /** Webhook endpoints may be private or loopback addresses (BEIAN_WEBHOOK_ALLOW_PRIVATE); off: refused (SSRF). */
  webhookAllowPrivate: boolean;
  /**
   * Requests a minute each API token may make, whatever the route (BEIAN_TOKEN_RATE_LIMIT;
   * 0: no limit), counted by `attempts` like the routes' own limits (token-auth.ts).
   */
  tokenRateLimitPerMinute: number;
  /** Where every limit counts attempts: memory or the database (http/attempt-counter.ts). */
  attempts: AttemptCounter;
  /** Outgoing e-mail: SMTP (BEIAN_SMTP_URL) or the development mailbox. */
  mail: MailTransport;
  /** The sender of every e-mail (BEIAN_MAIL_FROM). */
  mailFrom: string;
  /** Outgoing texts: the SMS provider (BEIAN_SMS_URL) or the development SMS table. */
  sms: SmsSender;
  /**
   * Where links in e-mails the worker writes point (no request to take an origin from):
   * BEIAN_PUBLIC_URL, else the address `beian start` listens on; null: no links.
   */
  linkBaseUrl: string | null;
}

export interface ProviderIdentity {
  name: string;
  phone: string;
}

export const DEMO_PROVIDER: ProviderIdentity = { name: "OpenBeian 演示接入商", phone: "400-000-0000" };
