import { DEFAULT_CHEAP_PRODUCTS, parseIpv4Range, systemClock, type Clock } from "@openbeian/core";
import type { Logger } from "pino";
import { DEMO_PROVIDER, type AppContext, type ProviderIdentity } from "./context.ts";
import { FieldCipher } from "./crypto.ts";
import { ensureCalendar } from "../calendar/import.ts";
import { HttpRegulatorBridge } from "../regulator-bridge/http-adapter.ts";
import { DnsDomainResolver, type DomainResolver } from "../review/domain-resolver.ts";
import { migrateToLatest, openDatabase } from "./db.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { LocalFileStorage } from "./storage.ts";
import { createMailTransport } from "../notify/mail-transport.ts";
import { createSmsSender } from "../notify/sms-sender.ts";
import { DatabaseAttemptCounter, MemoryAttemptCounter, type AttemptStore } from "../http/attempt-counter.ts";
import { DEFAULT_TOKEN_RATE_LIMIT } from "./config.ts";
import { DEFAULT_MAIL_FROM, type MailSettings, type SmsSettings } from "./notify-config.ts";

export interface PlatformOptions {
  databaseUrl: string;
  pgSchema?: string;
  dataKey: Buffer;
  /** Keys still read while `beian keys rotate` moves their values to `dataKey`. */
  previousDataKeys?: readonly Buffer[];
  regulatorToken: string;
  /** Directory for uploaded files. */
  storageDir: string;
  /** Base URL of the regulator (the simulator in development); without it orders wait in the queue. */
  regulatorUrl?: string | null;
  /** Where people's browsers reach the regulator's pages; the bridge's URL unless set. */
  regulatorPublicUrl?: string | null;
  clock?: Clock;
  logger?: Logger;
  /** The portal's public base URL (links in e-mails). */
  publicUrl?: string | null;
  secureCookies?: boolean;
  sessionTtlMs?: number;
  migrate?: boolean;
  poolSize?: number;
  /** The initial review's SLA in working days (default 1). */
  reviewSlaWorkingDays?: number;
  /** The cheapest server plans for the risk signals (default core's DEFAULT_CHEAP_PRODUCTS). */
  riskCheapProducts?: readonly string[];
  /** DNS for the risk signals; defaults to node:dns with a 2 s timeout and a 10-minute cache. */
  domainResolver?: DomainResolver;
  /** This provider's name and phone for public-security filings (default: the demo provider). */
  provider?: ProviderIdentity;
  /** The provider's own IPv4 ranges (CIDR) for the access watch, beside its servers' addresses. */
  providerIpRanges?: readonly string[];
  /** Let webhooks reach private and loopback addresses (default false). */
  webhookAllowPrivate?: boolean;
  /** Requests a minute per API token (default 600; 0: no limit). */
  tokenRateLimitPerMinute?: number;
  /** Where limits count attempts (default: the database on PostgreSQL, memory on SQLite). */
  rateLimitStore?: AttemptStore;
  /** E-mail through SMTP, or (default) the development mailbox. */
  mail?: MailSettings;
  /** The SMS provider; default (null) the development SMS table. */
  sms?: SmsSettings | null;
}

export interface Platform {
  ctx: AppContext;
  close(): Promise<void>;
}

/** Opens the database (migrating it unless told not to) and assembles the context. */
export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const handle = openDatabase({
    url: options.databaseUrl,
    schema: options.pgSchema,
    poolSize: options.poolSize,
  });
  const clock = options.clock ?? systemClock;
  if (options.migrate !== false) {
    await migrateToLatest(handle.db, handle.schema);
    await ensureCalendar(handle.db, clock.now().getTime());
  }
  const cipher = new FieldCipher(options.dataKey, options.previousDataKeys ?? []);
  const attemptStore = options.rateLimitStore ?? (handle.engine === "postgres" ? "database" : "memory");
  const mail = options.mail ?? { smtpUrl: null, from: DEFAULT_MAIL_FROM };
  const ctx: AppContext = {
    db: handle.db,
    engine: handle.engine,
    clock,
    cipher,
    logger: options.logger ?? createLogger(),
    metrics: createMetrics(),
    storage: new LocalFileStorage(options.storageDir),
    regulatorToken: options.regulatorToken,
    regulatorBridge: options.regulatorUrl
      ? new HttpRegulatorBridge(options.regulatorUrl, options.regulatorToken)
      : null,
    regulatorPublicUrl: options.regulatorPublicUrl ?? options.regulatorUrl ?? null,
    publicUrl: options.publicUrl ?? null,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 60 * 60 * 1000,
    secureCookies: options.secureCookies ?? false,
    reviewSlaWorkingDays: options.reviewSlaWorkingDays ?? 1,
    riskCheapProducts: options.riskCheapProducts ?? DEFAULT_CHEAP_PRODUCTS,
    domainResolver: options.domainResolver ?? new DnsDomainResolver(),
    provider: options.provider ?? DEMO_PROVIDER,
    providerRanges: (options.providerIpRanges ?? []).map((range) => {
      const parsed = parseIpv4Range(range);
      if (!parsed) throw new Error(`not an IPv4 range: "${range}"`);
      return parsed;
    }),
    webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    tokenRateLimitPerMinute: options.tokenRateLimitPerMinute ?? DEFAULT_TOKEN_RATE_LIMIT,
    attempts:
      attemptStore === "database"
        ? new DatabaseAttemptCounter(handle.db, clock, cipher)
        : new MemoryAttemptCounter(clock),
    mail: createMailTransport(mail),
    mailFrom: mail.from,
    sms: createSmsSender(options.sms ?? null, cipher),
    linkBaseUrl: options.publicUrl ?? null,
  };
  return { ctx, close: handle.close };
}
