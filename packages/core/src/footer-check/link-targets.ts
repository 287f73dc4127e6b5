/**
 * Where footer links should point (fact base §5.4, §5.5). The ICP number links to
 * MIIT's filing system at beian.miit.gov.cn; the hosts it had before
 * (miitbeian.gov.cn, www.miitbeian.gov.cn, www.beian.miit.gov.cn) are what old
 * footers still carry. The public-security number links to the MPS platform at
 * beian.mps.gov.cn, whose query page takes the 14 digits; www.beian.gov.cn is the
 * platform's older address. Scheme and path are not judged: http, no trailing slash
 * or `#/Integrated/index` all reach the same system.
 */
export type LinkTargetKind = "current" | "old" | "other";

export const MIIT_HOST = "beian.miit.gov.cn";
const MIIT_OLD_HOSTS = new Set(["miitbeian.gov.cn", "www.miitbeian.gov.cn", "www.beian.miit.gov.cn"]);
export const MPS_HOST = "beian.mps.gov.cn";
const MPS_OLD_HOSTS = new Set(["www.beian.gov.cn", "beian.gov.cn"]);

/** The MPS platform's query page for one public-security number (fact base §5.5, observed pattern). */
export function psbQueryUrl(digits: string): string {
  return `https://${MPS_HOST}/#/query/webSearch?code=${digits}`;
}

export function classifyMiitLink(href: string): LinkTargetKind {
  return classify(href, MIIT_HOST, MIIT_OLD_HOSTS);
}

export function classifyMpsLink(href: string): LinkTargetKind {
  return classify(href, MPS_HOST, MPS_OLD_HOSTS);
}

/** The digits a PSB link queries (`code=` on beian.mps.gov.cn, `recordcode=` on www.beian.gov.cn). */
export function psbLinkCode(href: string): string | null {
  return /[?&#](?:record)?code=(\d+)/i.exec(href)?.[1] ?? null;
}

function classify(href: string, current: string, old: Set<string>): LinkTargetKind {
  const host = hostOf(href);
  if (host === current) return "current";
  return host !== null && old.has(host) ? "old" : "other";
}

/** The host of an absolute or scheme-relative http(s) link; null for anything else. */
function hostOf(href: string): string | null {
  const text = href.trim();
  if (!/^(?:https?:)?\/\//i.test(text)) return null;
  try {
    const url = new URL(text.startsWith("//") ? `https:${text}` : text);
    return url.hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return null;
  }
}
