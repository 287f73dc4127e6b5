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
