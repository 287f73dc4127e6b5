import { parse } from "tldts";
import { domainLabelsToUnicode, labelToAscii } from "./punycode.ts";

/**
 * Domain names as a filing sees them (fact base §4.1): a bare host name, lower case,
 * no trailing dot, no scheme, port or path. Internationalised names (例子.中国,
 * ÉXAMPLE.com) are accepted and stored in their ASCII (Punycode) form
 * (xn--fsqu00a.xn--fiqs8s); the Unicode form is derived with the pure RFC 3492 decoder
 * in punycode.ts.
 *
 * The Unicode → ASCII step uses the WHATWG URL parser (`new URL("http://" + host)`),
 * present in browsers and Node, which applies the IDNA (UTS #46) mapping: case folding,
 * NFC, and the ideographic full stop "。" as a dot. Anything the URL parser would
 * silently cut, decode or reinterpret (slash, colon, "@", "%", white space…) is refused
 * first, so that "http://a.com/x" never becomes "a.com".
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ASCII_LABEL_CHARS = /^[a-z0-9-]+$/;
/** Characters the URL parser treats as delimiters, escapes or strips; never part of a host name. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0020\u007f/\\?#@:%*[\]<>^|"'`{}]/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f:.]*:[0-9a-f:.]*:[0-9a-f:.]*\]?$/i;
const MAX_NAME = 253;
const MAX_LABEL = 63;

/**
 * Registry second levels missing from the Public Suffix List but sold as registrable
 * zones (fact base §4.2, [T-SUFFIX]: .政务.cn, .公益.cn). Without them tldts would call
 * "example.政务.cn" a sub-domain of "政务.cn".
 */
const EXTRA_PUBLIC_SUFFIXES = ["xn--zfr164b.cn", "xn--55qw42g.cn"] as const;

export type DomainProblem = "format" | "ip_address" | "no_public_suffix" | "too_long";

export interface DomainAnalysis {
  ok: boolean;
  /** ASCII (Punycode) lower-case form without the trailing dot; null when the input is not a host name. */
  normalized: string | null;
  /** The Unicode form of `normalized` ("例子.中国"). */
  unicode: string | null;
  /** eTLD+1 in ASCII ("example.com.cn" for "www.example.com.cn"). */
  registrableDomain: string | null;
  /** The ICANN public suffix in ASCII ("com.cn", "xn--fiqs8s"). */
  publicSuffix: string | null;
  /** The public suffix in Unicode ("com.cn", "中国"). */
  publicSuffixUnicode: string | null;
  /** True when any label is internationalised (an "xn--" label). */
  isIdn: boolean;
  /** True when the name is below its registrable domain ("www.example.com"). */
  isSubdomain: boolean;
  problem?: DomainProblem;
}

type HostResult = { ascii: string } | { problem: "format" | "ip_address" | "too_long" };

/**
 * Turns one typed-in host name into its ASCII form, or says why it is not one.
 * Single-label names pass here; callers decide whether they need more labels.
 */
function toAsciiHost(input: string): HostResult {
  let name = input.trim();
  if (name.length === 0) return { problem: "format" };
  if (IPV6.test(name)) return { problem: "ip_address" };
  if (FORBIDDEN.test(name)) return { problem: "format" };
  // One trailing dot (the DNS root), also as the ideographic or full-width full stop.
  if (/[.。．｡]$/.test(name)) name = name.slice(0, -1);
  let hostname: string;
  try {
    hostname = new URL(`http://${name}`).hostname;
  } catch {
    return { problem: "format" };
  }
  if (IPV4.test(hostname)) return { problem: "ip_address" };
  // The parser may keep a dot it mapped from "。" etc.; one trailing dot was already removed.
  const labels = hostname.split(".");
  if (labels.some((label) => label.length > MAX_LABEL) || hostname.length > MAX_NAME) {
    return labels.every((label) => label.length > 0 && ASCII_LABEL_CHARS.test(label))
      ? { problem: "too_long" }
      : { problem: "format" };
  }
  if (!labels.every((label) => LABEL.test(label))) return { problem: "format" };
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return { problem: "format" };
  // Every "xn--" label must decode, and re-encode to itself (browsers differ in how strictly they check).
  try {
    for (const label of labels) {
      if (!label.startsWith("xn--")) continue;
      const decoded = domainLabelsToUnicode(label);
      if (labelToAscii(decoded) !== label || /^[a-z0-9-]*$/.test(decoded)) return { problem: "format" };
    }
  } catch {
    return { problem: "format" };
  }
  return { ascii: hostname };
}

function failed(problem: DomainProblem, normalized: string | null = null): DomainAnalysis {
  return {
    ok: false,
    normalized,
    unicode: normalized === null ? null : domainLabelsToUnicode(normalized),
    registrableDomain: null,
    publicSuffix: null,
    publicSuffixUnicode: null,
    isIdn: normalized !== null && isIdnName(normalized),
    isSubdomain: false,
    problem,
  };
}

function isIdnName(ascii: string): boolean {
  return ascii.split(".").some((label) => label.startsWith("xn--"));
}

/**
 * Analyses a host name for a filing (fact base §4.1, §4.2): normalises it (ASCII,
 * lower case, no trailing dot), derives the Unicode form, and splits off the ICANN
 * public suffix and registrable domain (eTLD+1) with tldts. Refuses (problem):
 * - "format": not a bare host name (scheme, path, port, "*", "_", empty labels…);
 * - "ip_address": an IPv4 or IPv6 address;
 * - "too_long": a label over 63 or a name over 253 octets in ASCII;
 * - "no_public_suffix": no known ICANN suffix ("example.c0m", "localhost"), or the name
 *   is itself a public suffix ("com.cn").
 */
export function analyzeDomain(input: string): DomainAnalysis {
  const host = toAsciiHost(input);
  if ("problem" in host) return failed(host.problem);
  const normalized = host.ascii;
  const parsed = parse(normalized, {
    extractHostname: false,
    allowPrivateDomains: false,
    extraSuffixes: { icann: EXTRA_PUBLIC_SUFFIXES },
  });
  const publicSuffix = parsed.publicSuffix;
  const registrableDomain = parsed.domain;
  if (parsed.isIcann !== true || !publicSuffix || !registrableDomain) {
    return failed("no_public_suffix", normalized);
  }
  return {
    ok: true,
    normalized,
    unicode: domainLabelsToUnicode(normalized),
    registrableDomain,
    publicSuffix,
    publicSuffixUnicode: domainLabelsToUnicode(publicSuffix),
    isIdn: isIdnName(normalized),
    isSubdomain: normalized !== registrableDomain,
  };
}

/**
 * The ASCII form of a host name with at least two labels, or null. Syntax only: it does
 * not ask whether the suffix exists (use analyzeDomain for that). Since the pre-check
 * engine (issue 3) it accepts Unicode names and returns their Punycode form
 * ("例子.中国" → "xn--fsqu00a.xn--fiqs8s"). Fact base §4.1.
 */
export function normalizeDomain(input: string): string | null {
  const host = toAsciiHost(input);
  if ("problem" in host) return null;
  return host.ascii.includes(".") ? host.ascii : null;
}

/**
 * True when `host` is `domain` itself or one of its sub-domains. Both sides are
 * normalised first, so Unicode and Punycode spellings of the same name match.
 */
export function isWithinDomain(host: string, domain: string): boolean {
  const h = normalizeDomain(host) ?? host.trim().toLowerCase();
  const d = normalizeDomain(domain) ?? domain.trim().toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}
