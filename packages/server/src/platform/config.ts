import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { parseIpv4Range } from "@openbeian/core";
import type { GateSettings } from "../gate-sync/gate-runtime.ts";
import type { AttemptStore } from "../http/attempt-counter.ts";
import { generateDataKey } from "./crypto.ts";
import { loadGateSettings, type GateFlags } from "./gate-config.ts";
import { loadMailSettings, loadSmsSettings, type MailSettings, type SmsSettings } from "./notify-config.ts";
import { newToken } from "./ids.ts";

/**
 * Configuration, read once at start and validated. Every error says how to fix
 * the value. Secrets have no defaults outside demo mode: in demo mode they are
 * generated once and kept in `<data-dir>/secrets.json` (mode 0600).
 */
/** Requests a minute per API token unless BEIAN_TOKEN_RATE_LIMIT says otherwise. */
export const DEFAULT_TOKEN_RATE_LIMIT = 600;

export interface Config {
  mode: "demo" | "production";
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** The current data key: every value is sealed with it. */
  dataKey: Buffer;
  /** Keys still read during a key rotation (BEIAN_DATA_KEY_PREVIOUS, or `previousDataKeys` in secrets.json). */
  previousDataKeys: Buffer[];
  regulatorToken: string;
  /** The regulator's base URL (the simulator in development); null: approved orders wait in the queue. */
  regulatorUrl: string | null;
  /** Where people's browsers reach the regulator's pages (the 短信核验 page), if not at regulatorUrl. */
  regulatorPublicUrl: string | null;
  /** The built-in regulator simulator that `beian start` runs when no regulator URL is set. */
  simulator: { port: number; speed: number; syncDelayMs: number } | null;
  /** Where people reach the portal (links in e-mails); unset: the address each request came to. */
  publicUrl: string | null;
  secureCookies: boolean;
  /** Reverse proxies whose X-Forwarded-* headers count (BEIAN_TRUST_PROXY); empty: none. */
  trustProxy: string[];
  sessionTtlMs: number;
  workerPollMs: number;
  /**
   * How far the platform's clock runs from the system clock (BEIAN_CLOCK_OFFSET_MS, default 0;
   * refused in production): the crash tests restart a real process "46 days later" to see its
   * stored deadlines fire once. The built-in regulator simulator keeps real time.
   */
  clockOffsetMs: number;
  /** Built web app to serve at `/`, when present. */
  webDist: string | null;
  /** The initial review's SLA in working days (BEIAN_REVIEW_SLA_WORKING_DAYS). */
  reviewSlaWorkingDays: number;
  /** The cheapest server plans, a review risk signal (BEIAN_RISK_CHEAP_PRODUCTS, comma-separated, `*` wildcards). */
  riskCheapProducts: string[] | null;
  /** The access gate `beian start` runs beside the platform; null with BEIAN_GATE=off. */
  gate: GateSettings | null;
  /** This provider's name and phone as public-security filings ask for them. */
  provider: { name: string; phone: string } | null;
  /** The provider's own address ranges (CIDR), beside its servers' addresses, for the access watch. */
  providerIpRanges: string[];
  /** DNS servers for the watch, the footer checks and the risk signals; null: the system's. */
  dnsServers: string[] | null;
  /** Webhooks may target private and loopback addresses (BEIAN_WEBHOOK_ALLOW_PRIVATE=true; tests, closed networks). */
  webhookAllowPrivate: boolean;
  /** Requests a minute each API token may make (BEIAN_TOKEN_RATE_LIMIT, default 600; 0: no limit). */
  tokenRateLimitPerMinute: number;
  /** Where limits count (BEIAN_RATE_LIMIT_STORE=memory|database); null: the engine's default. */
  rateLimitStore: AttemptStore | null;
  /** E-mail: SMTP (BEIAN_SMTP_URL) or the development mailbox, and the sender. */
  mail: MailSettings;
  /** The SMS provider's endpoint (BEIAN_SMS_URL, BEIAN_SMS_TOKEN); null: the development SMS table. */
  sms: SmsSettings | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface ConfigInput {
  flags?: { port?: string; host?: string; dataDir?: string; simPort?: string; simSpeed?: string } & GateFlags;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig({ flags = {}, env = process.env }: ConfigInput = {}): Config {
  const mode = env.BEIAN_MODE === "production" ? "production" : "demo";
  const dataDir = resolve(flags.dataDir ?? env.BEIAN_DATA_DIR ?? "./data");
  const port = parsePort(flags.port ?? env.PORT ?? "3000");
  const host = flags.host ?? env.BEIAN_HOST ?? "127.0.0.1";
  mkdirSync(dataDir, { recursive: true });

  const secrets = readSecrets(mode, dataDir, env);
  const dataKey = parseDataKey("BEIAN_DATA_KEY", secrets.dataKey);
  const previousDataKeys = secrets.previousDataKeys.map((key, index) =>
    parseDataKey(`BEIAN_DATA_KEY_PREVIOUS (key ${index + 1})`, key),
  );
  if (secrets.regulatorToken.length < 24) {
    throw new ConfigError("BEIAN_REGULATOR_TOKEN must be at least 24 characters long.");
  }

  const webDist = resolve(env.BEIAN_WEB_DIST ?? join(import.meta.dirname, "../../../web/dist"));
  return {
    mode,
    host,
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? join(dataDir, "openbeian.sqlite"),
    dataKey,
    previousDataKeys,
    regulatorToken: secrets.regulatorToken,
    regulatorUrl: env.BEIAN_REGULATOR_URL ?? null,
    regulatorPublicUrl: env.BEIAN_REGULATOR_PUBLIC_URL ?? null,
    simulator:
      env.BEIAN_REGULATOR_URL || env.BEIAN_SIMULATOR === "off"
        ? null
        : {
            port: parsePort(flags.simPort ?? env.BEIAN_SIM_PORT ?? "3100", "--sim-port"),
            speed: parsePositive("--sim-speed", flags.simSpeed ?? env.BEIAN_SIM_SPEED ?? "10000"),
            syncDelayMs: parseNonNegative("BEIAN_SIM_SYNC_DELAY_MS", env.BEIAN_SIM_SYNC_DELAY_MS ?? "0"),
          },
    publicUrl: publicUrlOf(mode, env.BEIAN_PUBLIC_URL),
    secureCookies: env.BEIAN_SECURE_COOKIES === "1" || mode === "production",
    trustProxy: parseList(env.BEIAN_TRUST_PROXY).map(trustedProxy),
    sessionTtlMs: 12 * 60 * 60 * 1000,
    workerPollMs: parsePositive("BEIAN_WORKER_POLL_MS", env.BEIAN_WORKER_POLL_MS ?? "1000"),
    clockOffsetMs: clockOffsetOf(mode, env.BEIAN_CLOCK_OFFSET_MS),
    webDist: existsSync(join(webDist, "index.html")) ? webDist : null,
    reviewSlaWorkingDays: parseWorkingDays(
      "BEIAN_REVIEW_SLA_WORKING_DAYS",
      env.BEIAN_REVIEW_SLA_WORKING_DAYS ?? "1",
    ),
    riskCheapProducts: env.BEIAN_RISK_CHEAP_PRODUCTS ? parseList(env.BEIAN_RISK_CHEAP_PRODUCTS) : null,
    gate: loadGateSettings(host, flags, env),
    provider: env.BEIAN_PROVIDER_NAME
      ? { name: env.BEIAN_PROVIDER_NAME, phone: env.BEIAN_PROVIDER_PHONE ?? "" }
      : null,
    providerIpRanges: parseList(env.BEIAN_PROVIDER_IP_RANGES).map((range) => {
      const parsed = parseIpv4Range(range);
      if (!parsed) {
        throw new ConfigError(
          `BEIAN_PROVIDER_IP_RANGES: "${range}" is not an IPv4 range such as 47.96.0.0/11`,
        );
      }
      return parsed.text;
    }),
    dnsServers: env.BEIAN_DNS_SERVERS
      ? parseList(env.BEIAN_DNS_SERVERS).map((server) => {
          if (!isDnsServer(server)) {
            throw new ConfigError(
              `BEIAN_DNS_SERVERS: "${server}" is not an address such as 223.5.5.5 or 127.0.0.1:5353`,
            );
          }
          return server;
        })
      : null,
    webhookAllowPrivate: env.BEIAN_WEBHOOK_ALLOW_PRIVATE === "true",
    tokenRateLimitPerMinute: parseWholeNumber(
      "BEIAN_TOKEN_RATE_LIMIT",
      env.BEIAN_TOKEN_RATE_LIMIT || String(DEFAULT_TOKEN_RATE_LIMIT),
    ),
    rateLimitStore: parseAttemptStore(env.BEIAN_RATE_LIMIT_STORE),
    mail: loadMailSettings(env),
    sms: loadSmsSettings(env),
  };
}

function parseList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A proxy to believe X-Forwarded-* from: an address, a CIDR range, or proxy-addr's
 * named ranges. Never "everyone": a client could then claim HTTPS or any address.
 */
function trustedProxy(value: string): string {
  if (["loopback", "linklocal", "uniquelocal"].includes(value)) return value;
  const [address, prefix, ...rest] = value.split("/");
  const family = isIP(address ?? "");
  const prefixOk =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
  if (family === 0 || !prefixOk || rest.length > 0) {
    throw new ConfigError(
      `BEIAN_TRUST_PROXY: "${value}" is not a proxy address, a CIDR range (10.0.0.0/8) or loopback; ` +
        "list the addresses of the reverse proxies in front of the platform, comma-separated.",
    );
  }
  return value;
}

/** An IP address, optionally with a port (IPv6 with a port in brackets), as node:dns setServers takes it. */
function isDnsServer(server: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  if (bracketed)
    return isIP(bracketed[1]!) === 6 && (bracketed[2] === undefined || Number(bracketed[2]) <= 65535);
  if (isIP(server) !== 0) return true;
  const [host, port] = server.split(":");
  return isIP(host ?? "") === 4 && port !== undefined && /^\d{1,5}$/.test(port) && Number(port) <= 65535;
}

/** A data key in base64: exactly 32 bytes, or an error saying how to make one. */
function parseDataKey(name: string, value: string): Buffer {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) {
    throw new ConfigError(
      `${name} must be 32 bytes in base64 (44 characters). Generate one with: ` +
        "node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  return key;
}

/** What secrets.json holds in demo mode; `previousDataKeys` only during a key rotation. */
export interface StoredSecrets {
  dataKey: string;
  previousDataKeys?: string[];
  regulatorToken: string;
}

export const secretsFile = (dataDir: string) => join(dataDir, "secrets.json");

/**
 * The data keys and the regulator token. The previous data keys come from where
 * the current one does: BEIAN_DATA_KEY_PREVIOUS (comma-separated) beside
 * BEIAN_DATA_KEY, or `previousDataKeys` in secrets.json beside its `dataKey`.
 */
function readSecrets(mode: Config["mode"], dataDir: string, env: NodeJS.ProcessEnv) {
  const previousFromEnv =
    env.BEIAN_DATA_KEY_PREVIOUS === undefined ? null : parseList(env.BEIAN_DATA_KEY_PREVIOUS);
  if (env.BEIAN_DATA_KEY && env.BEIAN_REGULATOR_TOKEN) {
    return {
      dataKey: env.BEIAN_DATA_KEY,
      previousDataKeys: previousFromEnv ?? [],
      regulatorToken: env.BEIAN_REGULATOR_TOKEN,
    };
  }
  if (mode === "production") {
    throw new ConfigError(
      "BEIAN_MODE=production needs BEIAN_DATA_KEY (32 random bytes, base64) and BEIAN_REGULATOR_TOKEN " +
        "(a random string of 24+ characters) in the environment.",
    );
  }
  const file = secretsFile(dataDir);
  if (!existsSync(file)) {
    const generated: StoredSecrets = { dataKey: generateDataKey(), regulatorToken: newToken() };
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as StoredSecrets;
  return {
    dataKey: env.BEIAN_DATA_KEY ?? stored.dataKey,
    previousDataKeys: previousFromEnv ?? (env.BEIAN_DATA_KEY ? [] : (stored.previousDataKeys ?? [])),
    regulatorToken: env.BEIAN_REGULATOR_TOKEN ?? stored.regulatorToken,
  };
}

/** An http(s) URL setting; `example` shows the form wanted in the error. */
export function parseHttpUrl(name: string, value: string, example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as ${example}, got "${value}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must start with http:// or https://, got "${value}".`);
  }
  return url.toString();
}

/**
 * Links in e-mails (password reset) must not come from a request's Host header
 * in production, where anyone can send any Host: there the address is required.
 */
function publicUrlOf(mode: Config["mode"], value: string | undefined): string | null {
  if (value) return parseHttpUrl("BEIAN_PUBLIC_URL", value, "https://beian.example.cn").replace(/\/+$/, "");
  if (mode === "production")
    throw new ConfigError(
      "BEIAN_MODE=production needs BEIAN_PUBLIC_URL, the address people reach the portal at (e.g. https://beian.example.cn), for links in e-mails.",
    );
  return null;
}

function parsePort(value: string, name = "--port"): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}

function parseWorkingDays(name: string, value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(days) || days < 1 || days > 30) {
    throw new ConfigError(`${name} must be a whole number of working days from 1 to 30, got "${value}".`);
  }
  return days;
}

function parseNonNegative(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new ConfigError(`${name} must be 0 or more.`);
  return number;
}

/** A shifted clock is for tests and demonstrations only: production runs on the system's time. */
function clockOffsetOf(mode: Config["mode"], value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  if (mode === "production")
    throw new ConfigError("BEIAN_CLOCK_OFFSET_MS is not allowed with BEIAN_MODE=production.");
  const offset = Number(value);
  if (!Number.isSafeInteger(offset)) {
    throw new ConfigError(`BEIAN_CLOCK_OFFSET_MS must be a whole number of milliseconds, got "${value}".`);
  }
  return offset;
}

function parseAttemptStore(value: string | undefined): AttemptStore | null {
  if (!value) return null;
  if (value === "memory" || value === "database") return value;
  throw new ConfigError(`BEIAN_RATE_LIMIT_STORE must be "memory" or "database", got "${value}".`);
}

function parseWholeNumber(name: string, value: string): number {
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number))
    throw new ConfigError(`${name} must be a whole number (0 or more), got "${value}".`);
  return number;
}

function parsePositive(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new ConfigError(`${name} must be a positive number.`);
  return number;
}
