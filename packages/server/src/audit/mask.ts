import { maskPhone } from "@openbeian/core";
import { maskCertificate } from "../platform/crypto.ts";

/**
 * The audit detail holds ids, field paths and reasons, never personal data by design.
 * Reasons are free text, though: a reviewer may write "手机号13800138000已被他人使用".
 * Before audit records or reasons leave the server, anything shaped like a
 * certificate number or a phone number is masked the way lists mask them.
 *
 * A match must not touch a letter or digit on either side, so the digits inside
 * order numbers (OB…), ICP numbers and ids are left alone.
 */
const EDGE_BEFORE = "(?<![0-9A-Za-z])";
const EDGE_AFTER = "(?![0-9A-Za-z])";
const USCC_CHAR = "[0-9A-HJ-NPQRTUWXY]";

const PATTERNS: ReadonlyArray<readonly [RegExp, (match: string) => string]> = [
  // Resident ID (18, last may be X) and the old 15-digit form.
  [new RegExp(`${EDGE_BEFORE}(?:\\d{17}[\\dXx]|\\d{15})${EDGE_AFTER}`, "g"), maskCertificate],
  // Unified social credit code (GB 32100).
  [new RegExp(`${EDGE_BEFORE}${USCC_CHAR}{2}\\d{6}${USCC_CHAR}{10}${EDGE_AFTER}`, "g"), maskCertificate],
  // Mainland mobile numbers, with or without +86.
  [new RegExp(`${EDGE_BEFORE}(?:\\+?86[- ]?)?1[3-9]\\d{9}${EDGE_AFTER}`, "g"), maskPhone],
  // Landlines with an area code: 0571-88886666, 010 12345678, 057188886666.
  [new RegExp(`${EDGE_BEFORE}0\\d{2,3}[- ]?\\d{7,8}${EDGE_AFTER}`, "g"), maskPhone],
];

/** Record ids (platform/ids.ts): left as they are even when random hex looks like digits. */
const RECORD_ID = /^[0-9a-z]{14}[0-9a-f]{16}$/;

export function maskText(text: string): string {
  if (RECORD_ID.test(text)) return text;
  let masked = text;
  for (const [pattern, mask] of PATTERNS) masked = masked.replace(pattern, mask);
  return masked;
}

/** Every string in a JSON value, masked; keys and structure unchanged. */
export function maskDetail(value: unknown): unknown {
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map(maskDetail);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDetail(item)]));
  }
  return value;
}
