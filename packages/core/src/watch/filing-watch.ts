import { DAY_MS } from "../clock.ts";
import type { OrderData } from "../filing/order-data.ts";
import type { LocalizedText } from "../text.ts";
import { ipv4InRanges, type Ipv4Range } from "../validators/ip-range.ts";

/**
 * What can make an approved filing lapse (fact base §9, §10.1): documents that
 * expire inside it (the heads' certificates), the domain's registration, the
 * server's subscription, and a domain that no longer points at the provider
 * (a "shell" site whose access gets cancelled). Pure: the caller gathers the
 * facts and stores the findings.
 */
export const EXPIRY_WARNING_DAYS = 30;
/** Provider policy, not a regulator rule: how long an owner has to point the domain back before access is cancelled. */
export const ACCESS_GRACE_DAYS = 15;
/**
 * Provider policy, not a regulator rule (33号令 Art.13 sets no repair period; the fine
 * of Art.25 can come at any check): how long an owner has to fix a failing footer
 * before the provider escalates.
 */
export const FOOTER_FIX_DAYS = 15;

export type WatchKind =
  "certificate_expiry" | "domain_expiry" | "server_expiry" | "access_inaccurate" | "footer_noncompliant";
export type WatchLevel = "expiring" | "expired" | "not_pointing" | "failing";

export interface WatchFinding {
  kind: WatchKind;
  /** Which item: "subject.head", "websites.0.head", the domain, the server instance. */
  item: string;
  level: WatchLevel;
  /** When it expires, or (access) when access will be cancelled. */
  dueAt: number;
  label: LocalizedText;
}

export interface WatchFacts {
  data: OrderData;
  /** The filed domain's registration, when it is among the owner's domains. */
  domainExpiresAt: number | null;
  server: { instanceId: string; paidUntil: number; autoRenew: boolean } | null;
  /** The domain's IPv4 addresses; null when the lookup failed (unknown: no finding). */
  resolved: readonly string[] | null;
  /** Addresses of the provider's servers the filing may point at. */
  providerAddresses: ReadonlySet<string>;
  /** The provider's own address ranges (BEIAN_PROVIDER_IP_RANGES); inside them is "here" too. */
  providerRanges?: readonly Ipv4Range[];
  /** When access inaccuracy was first seen, to keep its deadline fixed across sweeps. */
  accessFirstSeenAt: number | null;
  domain: string;
}

export function watchFindings(facts: WatchFacts, now: number): WatchFinding[] {
  const findings: WatchFinding[] = [];
  const expiry = (kind: WatchKind, item: string, dueAt: number, label: LocalizedText) => {
    if (dueAt - now > EXPIRY_WARNING_DAYS * DAY_MS) return;
    findings.push({ kind, item, level: dueAt <= now ? "expired" : "expiring", dueAt, label });
  };
  const people = [
    {
      item: "subject.head",
      person: facts.data.subject?.head,
      label: { zh: "主体负责人证件", en: "Subject head's ID" },
    },
    ...(facts.data.websites ?? []).map((website, index) => ({
      item: `websites.${index}.head`,
      person: website.head,
      label: { zh: "网站负责人证件", en: "Website head's ID" },
    })),
  ];
  for (const { item, person, label } of people) {
    if (!person?.certificateValidTo || person.certificateLongTerm) continue;
    // Valid through the last day, China time.
    const end = Date.parse(`${person.certificateValidTo}T16:00:00.000Z`);
    if (!Number.isNaN(end)) expiry("certificate_expiry", item, end, label);
  }
  if (facts.domainExpiresAt !== null)
    expiry("domain_expiry", facts.domain, facts.domainExpiresAt, {
      zh: "域名注册",
      en: "Domain registration",
    });
  if (facts.server && !facts.server.autoRenew)
    expiry("server_expiry", facts.server.instanceId, facts.server.paidUntil, {
      zh: "备案服务器",
      en: "Filing server",
    });
  const pointsHere = (address: string) =>
    facts.providerAddresses.has(address) || ipv4InRanges(address, facts.providerRanges ?? []);
  if (facts.resolved !== null && !facts.resolved.some(pointsHere)) {
    const since = facts.accessFirstSeenAt ?? now;
    findings.push({
      kind: "access_inaccurate",
      item: facts.domain,
      level: "not_pointing",
      dueAt: since + ACCESS_GRACE_DAYS * DAY_MS,
      label: { zh: "域名未解析到本接入商服务器", en: "Domain does not point at this provider" },
    });
  }
  return findings;
}

/**
 * The footer campaign's finding for a home page whose footer check found errors:
 * the deadline runs from when the failure was first seen, so repeated campaigns do
 * not move it. `reason` is the first error, shown to the owner.
 */
export function footerFinding(
  domain: string,
  reason: LocalizedText,
  firstSeenAt: number | null,
  now: number,
): WatchFinding {
  return {
    kind: "footer_noncompliant",
    item: domain,
    level: "failing",
    dueAt: (firstSeenAt ?? now) + FOOTER_FIX_DAYS * DAY_MS,
    label: reason,
  };
}
