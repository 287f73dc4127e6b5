import { chinaDate, isCalendarDate } from "../calendar/workdays.ts";
import { DAY_MS } from "../clock.ts";
import type { LocalizedText } from "../text.ts";
import { maskPhone } from "../validators/phone.ts";

/**
 * Signals of a fake filing for the initial-review queue (peer survey, pain point 21: filings made
 * only to unlock platform features — many domains, brand-new small firms, the cheapest hosting,
 * domains that never resolve, unreachable phones — take reviewers 3–5× longer and can get the
 * provider's filing channel frozen). Pure: the server gathers the facts, this weighs them.
 *
 * Signals (one per kind, naming the facts):
 * | id                          | level  | when |
 * |-----------------------------|--------|------|
 * | `websites.many`             | medium / high | 3–4 / 5 or more websites in the order |
 * | `subject.newly_registered`  | medium / high | an organisation registered (成立日期) less than 90 / 30 days ago; never for personal subjects |
 * | `domain.unresolved`         | low    | a domain that does not resolve (no A record) |
 * | `domain.resolves_elsewhere` | medium | a domain whose A records do not include its server's IP |
 * | `contact.shared`            | high   | a head's mobile or e-mail also used by another account's filed subject or order |
 * | `server.cheapest`           | low    | a server on one of the cheapest plans |
 * | `calls.missed`              | high   | two or more review calls not answered (no answer or busy) |
 *
 * Score: high 5, medium 2, low 1, summed; the queue's `risk` sort puts the highest first.
 */
export type RiskLevel = "high" | "medium" | "low";

export interface RiskSignal {
  id: string;
  level: RiskLevel;
  message: LocalizedText;
}

export interface Risk {
  score: number;
  signals: RiskSignal[];
}

export const RISK_WEIGHTS: Record<RiskLevel, number> = { high: 5, medium: 2, low: 1 };

/**
 * Plans that cost the least (configurable with BEIAN_RISK_CHEAP_PRODUCTS); `*` matches any
 * characters, so `*nano*` is every product with "nano" in its id.
 */
export const DEFAULT_CHEAP_PRODUCTS: readonly string[] = ["ecs.t5-lc2m1.nano", "ecs.t6-c4m1.large", "*nano*"];

export interface RiskDomain {
  domain: string;
  /** The IPv4 addresses it resolves to; [] when it does not resolve; null when the lookup failed (no signal). */
  addresses: readonly string[] | null;
  /** The public IP of the server its website is filed on, when known. */
  serverIp: string | null;
}

export interface SharedContact {
  kind: "mobile" | "email";
  /** Masked for display (138****8000, z***@example.cn). */
  masked: string;
  /** How many filed subjects and orders of other accounts use it too. */
  others: number;
}

export interface RiskInput {
  now: Date;
  subjectType?: "personal" | "organization";
  /** 成立日期, YYYY-MM-DD. */
  registeredOn?: string;
  websiteCount: number;
  domains: readonly RiskDomain[];
  sharedContacts: readonly SharedContact[];
  /** Products of the order's servers. */
  serverProducts: readonly string[];
  cheapProducts?: readonly string[];
  /** Review calls that went unanswered (no answer or busy). */
  missedCalls: number;
}

export function assessRisk(input: RiskInput): Risk {
  const signals: RiskSignal[] = [];
  const add = (id: string, level: RiskLevel, zh: string, en: string) =>
    signals.push({ id, level, message: { zh, en } });

  const sites = input.websiteCount;
  if (sites >= 3) {
    add(
      "websites.many",
      sites >= 5 ? "high" : "medium",
      `订单包含${sites}个网站`,
      `The order holds ${sites} websites`,
    );
  }

  if (input.subjectType === "organization" && input.registeredOn && isCalendarDate(input.registeredOn)) {
    const today = Date.parse(`${chinaDate(input.now)}T00:00:00Z`);
    const age = Math.round((today - Date.parse(`${input.registeredOn}T00:00:00Z`)) / DAY_MS);
    if (age < 90) {
      add(
        "subject.newly_registered",
        age < 30 ? "high" : "medium",
        `主办单位成立于${input.registeredOn}，距今仅${Math.max(age, 0)}天`,
        `The organisation was registered on ${input.registeredOn}, only ${Math.max(age, 0)} days ago`,
      );
    }
  }

  const unresolved = input.domains.filter(
    (domain) => domain.addresses !== null && domain.addresses.length === 0,
  );
  if (unresolved.length > 0) {
    const names = unresolved.map((domain) => domain.domain);
    add(
      "domain.unresolved",
      "low",
      `域名${names.join("、")}没有解析记录`,
      `${names.join(", ")} ${names.length === 1 ? "does" : "do"} not resolve`,
    );
  }
  const elsewhere = input.domains.filter(
    (domain) =>
      domain.serverIp !== null &&
      domain.addresses !== null &&
      domain.addresses.length > 0 &&
      !domain.addresses.includes(domain.serverIp),
  );
  if (elsewhere.length > 0) {
    const zh = elsewhere.map(
      (d) => `${d.domain}解析到${d.addresses!.join("、")}，而非服务器IP ${d.serverIp}`,
    );
    const en = elsewhere.map(
      (d) => `${d.domain} resolves to ${d.addresses!.join(", ")}, not the server's ${d.serverIp}`,
    );
    add("domain.resolves_elsewhere", "medium", `域名${zh.join("；")}`, en.join("; "));
  }

  const shared = input.sharedContacts.filter((contact) => contact.others > 0);
  if (shared.length > 0) {
    const label = (contact: SharedContact, zh: boolean) =>
      zh
        ? `${contact.kind === "mobile" ? "手机号码" : "电子邮箱"}${contact.masked}（另有${contact.others}个主体或订单使用）`
        : `${contact.kind === "mobile" ? "mobile" : "e-mail"} ${contact.masked} (used by ${contact.others} other subject(s) or order(s))`;
    add(
      "contact.shared",
      "high",
      `负责人${shared.map((contact) => label(contact, true)).join("、")}与其他账号的备案主体或订单相同`,
      `The heads' ${shared.map((contact) => label(contact, false)).join(", ")} also appear in other accounts' filings or orders`,
    );
  }

  const cheap = [...new Set(input.serverProducts)].filter((product) =>
    isCheapProduct(product, input.cheapProducts ?? DEFAULT_CHEAP_PRODUCTS),
  );
  if (cheap.length > 0) {
    add(
      "server.cheapest",
      "low",
      `服务器为最低配置（${cheap.join("、")}）`,
      `The server is on the cheapest plan (${cheap.join(", ")})`,
    );
  }

  if (input.missedCalls >= 2) {
    add(
      "calls.missed",
      "high",
      `审核员致电${input.missedCalls}次未接通`,
      `${input.missedCalls} review calls went unanswered`,
    );
  }

  return { score: signals.reduce((sum, signal) => sum + RISK_WEIGHTS[signal.level], 0), signals };
}

export function hasHighRisk(risk: Risk): boolean {
  return risk.signals.some((signal) => signal.level === "high");
}

/** Whether a product id matches one of the patterns (`*` matches any characters; case-insensitive). */
export function isCheapProduct(product: string, patterns: readonly string[]): boolean {
  const id = product.trim().toLowerCase();
  return patterns.some((pattern) => {
    const parts = pattern.trim().toLowerCase().split("*").map(escapeRegExp);
    return parts.join("") !== "" && new RegExp(`^${parts.join(".*")}$`).test(id);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** 13800138000 → 138****8000; zhangsan@example.cn → z***@example.cn. */
export function maskContact(kind: "mobile" | "email", value: string): string {
  if (kind === "mobile") return maskPhone(value);
  const at = value.indexOf("@");
  return at > 0 ? `${value[0]}***${value.slice(at)}` : "***";
}
