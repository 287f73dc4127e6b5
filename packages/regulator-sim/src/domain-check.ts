import { promises as dns } from "node:dns";
import { NEW_WEBSITE_TYPES, type SubmittedData } from "./bureau-checks.ts";
import type { Submission } from "./submissions.ts";

/**
 * A domain of a website being filed must not resolve before the filing is
 * approved (fact base §10: the bureau rejects sites that are already open).
 * The lookup is a port so tests decide what resolves.
 */
export type DomainResolves = (domain: string) => Promise<string | null>;

/** The first IPv4 or IPv6 address the domain resolves to, or null; 3 seconds at most. */
export const dnsResolves: DomainResolves = async (domain) => {
  const lookup = Promise.any([dns.resolve4(domain), dns.resolve6(domain)]).then(
    (addresses) => addresses[0] ?? null,
    () => null,
  );
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000).unref());
  return Promise.race([lookup, timeout]);
};

export async function domainsResolving(submission: Submission, resolves: DomainResolves): Promise<string[]> {
  if (!NEW_WEBSITE_TYPES.has(submission.orderType)) return [];
  const data = (submission.payload ?? {}) as SubmittedData;
  const findings: string[] = [];
  for (const website of data.websites ?? []) {
    const domain = website.domain?.trim().toLowerCase();
    if (!domain) continue;
    const address = await resolves(domain).catch(() => null);
    if (address)
      findings.push(`域名${domain}在备案通过前已解析（${address}），请暂停解析、关闭网站后重新提交`);
  }
  return findings;
}
