import { ConfigError, parseHttpUrl } from "./config.ts";

/**
 * Where e-mails and texts go, checked like the rest of the configuration.
 *
 * BEIAN_SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`): send e-mail
 * through that server; unset, e-mails land in the development mailbox.
 * BEIAN_MAIL_FROM: the sender (default `OpenBeian <noreply@localhost>`).
 * BEIAN_SMS_URL with BEIAN_SMS_TOKEN: the SMS provider's HTTP endpoint and its
 * bearer token; unset, texts land in the development SMS table.
 */
export interface MailSettings {
  smtpUrl: string | null;
  from: string;
}

export interface SmsSettings {
  url: string;
  token: string;
}

export const DEFAULT_MAIL_FROM = "OpenBeian <noreply@localhost>";

export function loadMailSettings(env: NodeJS.ProcessEnv): MailSettings {
  return {
    smtpUrl: env.BEIAN_SMTP_URL ? smtpUrl(env.BEIAN_SMTP_URL) : null,
    from: env.BEIAN_MAIL_FROM ? mailFrom(env.BEIAN_MAIL_FROM) : DEFAULT_MAIL_FROM,
  };
}

export function loadSmsSettings(env: NodeJS.ProcessEnv): SmsSettings | null {
  const url = env.BEIAN_SMS_URL;
  const token = env.BEIAN_SMS_TOKEN;
  if (!url) {
    if (token) throw new ConfigError("BEIAN_SMS_TOKEN is set but BEIAN_SMS_URL is not: set both or neither.");
    return null;
  }
  if (!token) {
    throw new ConfigError(
      "BEIAN_SMS_URL needs BEIAN_SMS_TOKEN, the bearer token the SMS provider's endpoint expects.",
    );
  }
  return { url: parseHttpUrl("BEIAN_SMS_URL", url, "https://sms.example.cn/send"), token };
}

function smtpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `BEIAN_SMTP_URL must be a URL such as smtp://user:password@mail.example.cn:587 or smtps://…:465, got "${redact(value)}".`,
    );
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new ConfigError(`BEIAN_SMTP_URL must start with smtp:// or smtps://, got "${redact(value)}".`);
  }
  if (!url.hostname) throw new ConfigError("BEIAN_SMTP_URL names no host.");
  return value;
}

/** `Name <address>` or a bare address. */
function mailFrom(value: string): string {
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address.trim())) {
    throw new ConfigError(
      `BEIAN_MAIL_FROM must be an address such as "OpenBeian <noreply@beian.example.cn>", got "${value}".`,
    );
  }
  return value.trim();
}

/** Error messages go to the terminal and to logs: never the SMTP password. */
function redact(value: string): string {
  return value.replace(/\/\/([^/@]*)@/, "//***@");
}

/**
 * Production must not fall back to the development mailbox: it is readable by staff
 * and would hold password-reset links. Only the commands that deliver messages
 * (start, worker) ask, so `beian migrate` and the like still run without SMTP.
 * Texts without a provider are a warning: the in-app message and e-mail still go out.
 */
export function productionDeliveryCheck(
  mode: "demo" | "production",
  mail: MailSettings,
  sms: SmsSettings | null,
): { refusal: string | null; warnings: string[] } {
  if (mode !== "production") return { refusal: null, warnings: [] };
  return {
    refusal: mail.smtpUrl
      ? null
      : "BEIAN_MODE=production needs BEIAN_SMTP_URL (smtp://user:password@mail.example.cn:587 or smtps://…:465): " +
        "without it e-mails, password-reset links included, would land in the development mailbox.",
    warnings: sms
      ? []
      : [
          "BEIAN_SMS_URL is not set: texts (SMS verification reminders, urgent deadlines) go to the development SMS table, not to phones.",
        ],
  };
}
