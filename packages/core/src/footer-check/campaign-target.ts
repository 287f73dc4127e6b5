import { analyzeDomain, isWithinDomain, normalizeDomain } from "../validators/domain.ts";

/**
 * What a footer campaign fetches for a filed website, and which sites it must not
 * hit at the same time. Pure: the campaign runner (server) does the fetching.
 */

/**
 * The page to check: the filing's home URL when it lies on the filed domain (a
 * reviewer opens that one), else the bare domain over HTTP, whose redirects the
 * fetch follows to wherever the site really lives (HTTPS, www.).
 */
export function footerCheckUrl(domain: string, homeUrl: string | null | undefined): string {
  const fallback = `http://${normalizeDomain(domain) ?? domain.trim().toLowerCase()}/`;
  if (!homeUrl) return fallback;
  try {
    const url = new URL(homeUrl.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return fallback;
    return isWithinDomain(url.hostname, domain) ? url.toString() : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Politeness key: sites under one registrable domain (eTLD+1: a.example.cn and
 * b.example.cn) are usually one server, so a campaign checks them one at a time.
 */
export function politenessKey(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return url;
  }
  const analysis = analyzeDomain(host);
  return analysis.registrableDomain ?? host.toLowerCase();
}
