import { join } from "node:path";
import { systemClock, type Clock } from "@openbeian/core";
import type { PlatformOptions } from "../platform/bootstrap.ts";
import { ConfigError, loadConfig, type Config, type ConfigInput } from "../platform/config.ts";
import { DnsDomainResolver } from "../review/domain-resolver.ts";

/** The platform's options from the loaded configuration, for every command that opens it. */
export function platformOptions(config: Config) {
  return {
    databaseUrl: config.databaseUrl,
    storageDir: join(config.dataDir, "files"),
    regulatorUrl: config.regulatorUrl,
    dataKey: config.dataKey,
    previousDataKeys: config.previousDataKeys,
    regulatorToken: config.regulatorToken,
    secureCookies: config.secureCookies,
    sessionTtlMs: config.sessionTtlMs,
    publicUrl: config.publicUrl,
    reviewSlaWorkingDays: config.reviewSlaWorkingDays,
    ...(config.riskCheapProducts ? { riskCheapProducts: config.riskCheapProducts } : {}),
    ...(config.provider ? { provider: config.provider } : {}),
    providerIpRanges: config.providerIpRanges,
    webhookAllowPrivate: config.webhookAllowPrivate,
    tokenRateLimitPerMinute: config.tokenRateLimitPerMinute,
    ...(config.rateLimitStore ? { rateLimitStore: config.rateLimitStore } : {}),
    mail: config.mail,
    sms: config.sms,
    ...(config.dnsServers ? { domainResolver: new DnsDomainResolver({ servers: config.dnsServers }) } : {}),
    ...(config.clockOffsetMs ? { clock: shiftedClock(config.clockOffsetMs) } : {}),
  } satisfies Partial<PlatformOptions>;
}

/** The system clock moved by BEIAN_CLOCK_OFFSET_MS (tests: a restart "weeks later"). */
function shiftedClock(offsetMs: number): Clock {
  return { now: () => new Date(systemClock.now().getTime() + offsetMs) };
}

/**
 * The configuration from the command's flags (--data-dir, and for `beian start` and the
 * like --port, --host…); a configuration error is printed in zh/en and becomes the
 * command's exit code instead.
 */
export function configOrExit(
  flags: NonNullable<ConfigInput["flags"]>,
  exitCode = 2,
): { ok: true; config: Config } | { ok: false; exitCode: number } {
  try {
    return { ok: true, config: loadConfig({ flags }) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`配置错误 / configuration error: ${error.message}`);
    return { ok: false, exitCode };
  }
}
