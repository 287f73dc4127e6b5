import { ICP_PREFIX_CHARACTERS, provinceByIcpPrefix, type Province } from "../data/provinces.ts";

/**
 * ICP filing numbers (fact base §1.6): `浙ICP备2026001234号` for a subject (8 digits
 * in older numbers, 10 in newer ones), with `-N` for a website, `-NA` for an app,
 * `-NX` for a mini program and `-NK` for a quick app.
 */
const PATTERN = new RegExp(
  `^([${ICP_PREFIX_CHARACTERS}])ICP备(\\d{8}|\\d{10})号(?:-([1-9]\\d{0,3})([AXK]?))?$`,
);

export type ServiceKind = "website" | "app" | "mini_program" | "quick_app";

export interface IcpNumber {
  province: Province;
  subjectNumber: string;
  serial: string;
  service?: { sequence: number; kind: ServiceKind };
}

const SUFFIX_KIND: Record<string, ServiceKind> = {
  "": "website",
  A: "app",
  X: "mini_program",
  K: "quick_app",
};

export function parseIcpNumber(input: string): IcpNumber | null {
  const match = PATTERN.exec(input.trim());
  if (!match) return null;
  const [, prefix = "", serial = "", sequence, suffix = ""] = match;
  const province = provinceByIcpPrefix(prefix);
  if (!province) return null;
  const subjectNumber = `${prefix}ICP备${serial}号`;
  const parsed: IcpNumber = { province, subjectNumber, serial };
  if (sequence !== undefined) {
    const kind = SUFFIX_KIND[suffix];
    if (!kind || Number(sequence) < 1) return null;
    parsed.service = { sequence: Number(sequence), kind };
  }
  return parsed;
}

export function formatSubjectNumber(province: Province, serial: string): string {
  return `${province.icpPrefix}ICP备${serial}号`;
}

export function formatWebsiteNumber(subjectNumber: string, sequence: number): string {
  return `${subjectNumber}-${sequence}`;
}

/**
 * Everyday abbreviations of the four provinces whose ICP prefix differs (fact base
 * §5.1). Filing numbers never use them (川ICP备… is wrong), but licence and B2 numbers
 * are not covered by the fact base's observations, so for those both spellings pass.
 */
const EVERYDAY_PREFIX: Record<string, string> = { 川: "51", 贵: "52", 云: "53", 甘: "62" };

export type RecordNumberKind = "filing" | "licence" | "b2";
export type RecordNumberProblem = "format" | "prefix" | "service_suffix";

export interface RecordNumberAnalysis {
  ok: boolean;
  kind: RecordNumberKind | null;
  /** Two-digit province code from the prefix character; null for a cross-regional B2 number without one. */
  provinceCode: string | null;
  /** The number without its service suffix ("浙ICP备2025131364号", "京ICP证150476号", "粤B2-20090059"). */
  subjectNumber?: string;
  /** The service suffix as written ("-1", "-2A", "-1626X"). */
  serviceSuffix?: string;
  service?: { sequence: number; kind: ServiceKind };
  problem?: RecordNumberProblem;
}

const RECORD_PATTERNS: { kind: RecordNumberKind; pattern: RegExp }[] = [
  { kind: "filing", pattern: /^(\p{Script=Han})ICP备(\d+)号(-.*)?$/u },
  { kind: "licence", pattern: /^(\p{Script=Han})ICP证(\d+)号(-.*)?$/u },
  { kind: "b2", pattern: /^(\p{Script=Han})?B2-(\d+)(-.*)?$/u },
];
const SERIAL: Record<RecordNumberKind, RegExp> = {
  filing: /^(?:\d{8}|\d{10})$/,
  licence: /^\d{6}$/,
  b2: /^\d{8}$/,
};
const SERVICE_SUFFIX = /^-([1-9]\d{0,3})([AXK]?)$/;

/**
 * Reads any number a site shows in its footer (fact base §1.6, §5.1):
 * - filing numbers `浙ICP备2025131364号` (8 or 10 digits) with the ICP prefixes of §5.1
 *   (蜀 黔 滇 陇, never 川 贵 云 甘);
 * - ICP licence numbers `京ICP证150476号` (6 digits);
 * - value-added telecom (B2) licence numbers `粤B2-20090059` (8 digits). A B2 number
 *   without a province character is taken as a cross-regional licence issued by MIIT
 *   (provinceCode null): our reading, not in the fact base.
 * Each may carry a service suffix `-N` (website), `-NA` (app), `-NX` (mini program),
 * `-NK` (quick app), N from 1 to 9999 — e.g. 粤B2-20090059-1626X (§1.6). The suffix on
 * licence numbers (京ICP证…号-1) is seen on real sites but is not in the fact base.
 * Problems: "format" (no known shape, wrong digit count), "prefix" (the character
 * names no province for that kind of number), "service_suffix" (bad `-…` part).
 */
export function analyzeRecordNumber(input: string): RecordNumberAnalysis {
  const text = input.trim();
  for (const { kind, pattern } of RECORD_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [, prefix = "", serial = "", suffix] = match;
    const provinceCode =
      prefix === ""
        ? null
        : (provinceByIcpPrefix(prefix)?.code ??
          (kind === "filing" ? undefined : EVERYDAY_PREFIX[prefix]) ??
          null);
    if (!SERIAL[kind].test(serial)) return { ok: false, kind, provinceCode, problem: "format" };
    if (prefix !== "" && provinceCode === null) return { ok: false, kind, provinceCode, problem: "prefix" };
    const subjectNumber =
      kind === "filing"
        ? `${prefix}ICP备${serial}号`
        : kind === "licence"
          ? `${prefix}ICP证${serial}号`
          : `${prefix}B2-${serial}`;
    const result: RecordNumberAnalysis = { ok: true, kind, provinceCode, subjectNumber };
    if (suffix !== undefined) {
      const service = SERVICE_SUFFIX.exec(suffix);
      const serviceKind = SUFFIX_KIND[service?.[2] ?? ""];
      if (!service || !serviceKind) return { ...result, ok: false, problem: "service_suffix" };
      result.serviceSuffix = suffix;
      result.service = { sequence: Number(service[1]), kind: serviceKind };
    }
    return result;
  }
  return { ok: false, kind: null, provinceCode: null, problem: "format" };
}
